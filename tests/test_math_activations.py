"""dlref.math activations against keras.activations, derivatives against tf.GradientTape."""

from __future__ import annotations

import inspect
import warnings

import keras
import numpy as np
import pytest
import tensorflow as tf
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from dlref import math as dm

RNG = np.random.default_rng(42)
X32 = (RNG.normal(scale=4.0, size=(128, 7))).astype(np.float32)
X64 = RNG.normal(scale=4.0, size=(128, 7))

KERAS_EQUIVALENTS = {
    "sigmoid": (dm.sigmoid, keras.activations.sigmoid),
    "tanh": (dm.tanh, keras.activations.tanh),
    "relu": (dm.relu, keras.activations.relu),
    "leaky_relu": (dm.leaky_relu, keras.activations.leaky_relu),
    "swish": (dm.swish, keras.activations.silu),
    "gelu": (dm.gelu, lambda x: keras.activations.gelu(x, approximate=False)),
    "gelu_tanh": (
        lambda x: dm.gelu(x, approximate=True),
        lambda x: keras.activations.gelu(x, approximate=True),
    ),
    "softmax": (dm.softmax, keras.activations.softmax),
}

GRADS = {
    "sigmoid": (dm.sigmoid_grad, tf.sigmoid),
    "tanh": (dm.tanh_grad, tf.tanh),
    "relu": (dm.relu_grad, tf.nn.relu),
    "leaky_relu": (dm.leaky_relu_grad, lambda x: tf.nn.leaky_relu(x, alpha=0.2)),
    "swish": (dm.swish_grad, tf.nn.silu),
    "gelu": (dm.gelu_grad, lambda x: tf.nn.gelu(x, approximate=False)),
    "gelu_tanh": (
        lambda x: dm.gelu_grad(x, approximate=True),
        lambda x: tf.nn.gelu(x, approximate=True),
    ),
}


@pytest.mark.parametrize("name", sorted(KERAS_EQUIVALENTS))
def test_matches_keras(name):
    ours, theirs = KERAS_EQUIVALENTS[name]
    expected = keras.ops.convert_to_numpy(theirs(tf.constant(X64)))
    np.testing.assert_allclose(ours(X64), expected, rtol=1e-6, atol=1e-7)
    got32 = ours(X32)
    assert got32.dtype == np.float32
    np.testing.assert_allclose(got32, keras.ops.convert_to_numpy(theirs(X32)), rtol=2e-5, atol=2e-6)


@pytest.mark.parametrize("name", sorted(GRADS))
def test_derivative_matches_gradient_tape(name):
    ours, tf_fn = GRADS[name]
    x = tf.Variable(X64)
    with tf.GradientTape() as tape:
        y = tf_fn(x)
    expected = tape.gradient(y, x).numpy()  # elementwise: the gradient of sum(y)
    np.testing.assert_allclose(ours(X64), expected, rtol=1e-6, atol=1e-8)


def test_softmax_jacobian_matches_gradient_tape():
    x = tf.constant(X64[:5])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.nn.softmax(x)
    expected = tape.batch_jacobian(y, x).numpy()
    np.testing.assert_allclose(dm.softmax_jacobian(X64[:5]), expected, rtol=1e-6, atol=1e-10)


def test_registry_covers_every_elementwise_activation():
    assert set(dm.ACTIVATIONS) == {"sigmoid", "tanh", "relu", "leaky_relu", "swish", "gelu"}
    for act in dm.ACTIVATIONS.values():
        np.testing.assert_allclose(
            act.function(X64),
            getattr(keras.activations, act.keras_name)(X64).numpy(),
            rtol=1e-6,
            atol=1e-7,
        )


def test_keras_defaults_the_page_states():
    assert (
        inspect.signature(keras.activations.leaky_relu).parameters["negative_slope"].default == 0.2
    )
    assert inspect.signature(keras.layers.LeakyReLU).parameters["negative_slope"].default == 0.3
    assert inspect.signature(keras.activations.gelu).parameters["approximate"].default is False


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "leaky_relu", "swish", "gelu"])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_no_overflow_for_huge_inputs(name, dtype):
    act = dm.ACTIVATIONS[name]
    x = np.array([-1e4, -700.0, -50.0, 0.0, 50.0, 700.0, 1e4], dtype=dtype)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise", under="ignore"):
            y, dy = act.function(x), act.derivative(x)
    assert np.all(np.isfinite(y)) and np.all(np.isfinite(dy))


def test_softmax_is_stable_and_sums_to_one():
    x = np.array([[1e4, -1e4, 0.0], [1000.0, 1001.0, 1002.0]])
    with np.errstate(all="raise", under="ignore"):
        s = dm.softmax(x)
    np.testing.assert_allclose(s.sum(axis=-1), 1.0)
    np.testing.assert_allclose(dm.softmax(x, axis=0).sum(axis=0), 1.0)


@settings(max_examples=60, deadline=None)
@given(
    hnp.arrays(
        np.float64,
        hnp.array_shapes(min_dims=1, max_dims=3, max_side=6),
        elements=st.floats(-1e4, 1e4),
    )
)
def test_properties_hold_on_any_shape(x):
    s = dm.sigmoid(x)
    assert s.shape == x.shape and np.all((s >= 0) & (s <= 1))
    assert np.all(dm.relu(x) >= 0)
    t = dm.tanh(x)
    assert np.all(np.abs(t) <= 1)
    p = dm.softmax(x)
    np.testing.assert_allclose(p.sum(axis=-1), 1.0, rtol=1e-12)
    assert dm.softmax_jacobian(x).shape == (*x.shape, x.shape[-1])
    np.testing.assert_allclose(dm.sigmoid_grad(x), s * (1 - s))


@pytest.mark.parametrize(
    "bad", [["a", "b"], np.array([1 + 2j]), np.array([True, False]), [[1.0, 2.0], [3.0]]]
)
def test_non_numeric_input_is_a_type_error_naming_x(bad):
    with pytest.raises(TypeError, match=r"\bx\b"):
        dm.sigmoid(bad)


def test_bad_parameters_are_named():
    with pytest.raises(ValueError, match="negative_slope"):
        dm.leaky_relu([1.0], negative_slope=-0.1)
    with pytest.raises(TypeError, match="negative_slope"):
        dm.leaky_relu([1.0], negative_slope="0.1")
    with pytest.raises(ValueError, match="axis=2"):
        dm.softmax(np.ones((2, 3)), axis=2)
    with pytest.raises(ValueError, match="scalar"):
        dm.softmax_jacobian(1.0)
    with pytest.raises(TypeError, match="approximate"):
        dm.gelu([1.0], approximate="yes")


def test_integer_input_becomes_float64():
    assert dm.relu([1, -2, 3]).dtype == np.float64
    assert dm.sigmoid(np.array([1], dtype=np.float16)).dtype == np.float32


def test_import_needs_only_numpy():
    """Every dlref.math module, imported alone in a fresh interpreter, pulls in no heavy library."""
    import pkgutil
    import subprocess
    import sys

    import dlref.math

    modules = sorted(m.name for m in pkgutil.iter_modules(dlref.math.__path__, "dlref.math."))
    assert "dlref.math.activations" in modules and len(modules) > 5
    code = (
        f"import sys, importlib; [importlib.import_module(m) for m in {modules!r}]; "
        "bad = {'tensorflow', 'keras', 'scipy', 'sklearn', 'matplotlib'} & set(sys.modules); "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
