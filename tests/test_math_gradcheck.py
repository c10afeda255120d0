"""dlref.math.gradcheck: central differences against known and TensorFlow gradients."""

from __future__ import annotations

import numpy as np
import pytest
import tensorflow as tf
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from dlref.math.gradcheck import GradientCheck, gradient_check, numerical_gradient

RNG = np.random.default_rng(3)


def _rosenbrock(x):
    return float(np.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1.0 - x[:-1]) ** 2))


def _rosenbrock_grad(x):
    g = np.zeros_like(x)
    g[:-1] = -400.0 * x[:-1] * (x[1:] - x[:-1] ** 2) - 2.0 * (1.0 - x[:-1])
    g[1:] += 200.0 * (x[1:] - x[:-1] ** 2)
    return g


def test_numerical_gradient_of_a_quadratic_form_any_shape():
    A = RNG.normal(size=(6, 6))
    x = RNG.normal(size=(2, 3))
    f = lambda v: float(v.ravel() @ A @ v.ravel())  # noqa: E731
    expected = ((A + A.T) @ x.ravel()).reshape(2, 3)
    got = numerical_gradient(f, x)
    assert got.shape == (2, 3) and got.dtype == np.float64
    np.testing.assert_allclose(got, expected, rtol=1e-7, atol=1e-8)


def test_numerical_gradient_matches_gradient_tape():
    x = RNG.normal(size=(4, 3))
    W = RNG.normal(size=(3, 2))

    def f(v):
        return float(np.sum(np.log1p(np.exp(v @ W)) * np.tanh(v[:, :2])))

    xv = tf.Variable(x)
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(tf.math.softplus(xv @ W) * tf.tanh(xv[:, :2]))
    np.testing.assert_allclose(numerical_gradient(f, x), tape.gradient(y, xv), rtol=1e-7, atol=1e-9)


def test_x_is_restored_even_when_f_reads_it_through_a_closure():
    weights = RNG.normal(size=(3, 2))
    before = weights.copy()
    data = RNG.normal(size=(5, 3))
    loss = lambda _: float(np.sum((data @ weights) ** 2))  # noqa: E731  ignores its argument
    grad = numerical_gradient(loss, weights)
    np.testing.assert_array_equal(weights, before)
    np.testing.assert_allclose(grad, 2.0 * data.T @ (data @ weights), rtol=1e-7)

    def failing(v):
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        numerical_gradient(failing, weights)
    np.testing.assert_array_equal(weights, before)


def test_lists_and_ints_are_accepted_and_never_mutated():
    x = [1, 2, 3]
    np.testing.assert_allclose(numerical_gradient(lambda v: float(np.sum(v**2)), x), [2, 4, 6])
    assert x == [1, 2, 3]
    np.testing.assert_allclose(numerical_gradient(lambda v: float(v) ** 3, 2.0), 12.0, rtol=1e-8)


def test_gradient_check_passes_a_right_gradient_and_fails_a_wrong_one():
    # A generator of its own: the module's RNG is in a state that depends on which tests ran
    # before on this worker, and at some points g[2] is too small for a 1% error to show.
    x = np.random.default_rng(0).uniform(-1.5, 1.5, size=5)
    ok = gradient_check(_rosenbrock, _rosenbrock_grad, x)
    assert isinstance(ok, GradientCheck) and ok.passed
    assert ok.relative_error < 1e-8
    assert str(ok).startswith("gradient check passed: relative error")

    def off_by_one_factor(v):
        g = _rosenbrock_grad(v)
        g[2] *= 1.01
        return g

    bad = gradient_check(_rosenbrock, off_by_one_factor, x)
    assert not bad.passed and bad.relative_error > 1e-4
    assert bad.worst_index == (2,)
    text = str(bad)
    assert "FAILED" in text and "index (2,)" in text and "analytic" in text


def test_relative_error_formula_and_threshold():
    check = gradient_check(lambda v: float(2.0 * v[0]), lambda v: np.array([2.1]), [0.5])
    # |2.1 - 2| / (2.1 + 2)
    np.testing.assert_allclose(check.relative_error, 0.1 / 4.1, rtol=1e-8)
    assert not check.passed
    assert gradient_check(
        lambda v: float(2.0 * v[0]), lambda v: np.array([2.1]), [0.5], threshold=0.05
    ).passed
    zero = gradient_check(lambda v: 0.0, lambda v: np.zeros(3), np.ones(3))
    assert zero.relative_error == 0.0 and zero.passed


def test_bad_arguments_are_named():
    with pytest.raises(TypeError, match="f must be callable"):
        numerical_gradient(3, [1.0])
    with pytest.raises(ValueError, match="eps"):
        numerical_gradient(np.sum, [1.0], eps=0.0)
    with pytest.raises(ValueError, match="f must return one real number"):
        numerical_gradient(lambda v: v, np.ones(2))
    with pytest.raises(TypeError, match=r"\bx\b"):
        numerical_gradient(np.sum, ["a"])
    with pytest.raises(ValueError, match="x must not be empty"):
        numerical_gradient(np.sum, np.ones((0, 2)))
    with pytest.raises(ValueError, match=r"grad_f\(x\) must have the shape of x, \(3,\)"):
        gradient_check(np.sum, lambda v: np.ones(2), np.ones(3))
    with pytest.raises(TypeError, match="grad_f"):
        gradient_check(np.sum, None, np.ones(3))


def test_a_step_lost_to_rounding_is_an_error_not_a_division_by_zero():
    x = np.array([0.5, 1.0], dtype=np.float32)
    with pytest.raises(ValueError, match=r"eps=1e-12 is too small for x\[0\] = .*float32"):
        numerical_gradient(np.sum, x, eps=1e-12)
    np.testing.assert_array_equal(x, [0.5, 1.0])  # restored
    # the same step is fine in float64
    np.testing.assert_allclose(numerical_gradient(np.sum, x.astype(np.float64), eps=1e-9), 1.0)


@settings(max_examples=30, deadline=None)
@given(hnp.arrays(np.float64, hnp.array_shapes(max_dims=3, max_side=4), elements=st.floats(-3, 3)))
def test_polynomial_gradients_check_on_any_shape(x):
    f = lambda v: float(np.sum(v**3 - 2.0 * v))  # noqa: E731
    check = gradient_check(f, lambda v: 3.0 * np.asarray(v) ** 2 - 2.0, x)
    assert check.numerical.shape == x.shape
    assert check.passed, str(check)
