"""dlref.math.schedules value for value against keras.optimizers.schedules, and its errors.

References: ``ExponentialDecay`` (with and without ``staircase``), ``PiecewiseConstantDecay``
and ``CosineDecay`` (with ``alpha``, and with its linear warm-up ``warmup_target``/
``warmup_steps``, which Keras 3 has), all built from float64 rates so that they compute in
float64; every integer step from 0 past the end of the schedule; atol 1e-12. Keras has no 1cycle
schedule: `one_cycle` is checked against PyTorch ``OneCycleLR``'s formula, written out here as
PyTorch's loop over phases, and against its fixed points.
"""

from __future__ import annotations

import math

import keras
import numpy as np
import pytest

from dlref.math.schedules import (
    ANNEAL_STRATEGIES,
    cosine_decay,
    exponential_decay,
    one_cycle,
    piecewise_constant,
)

F = np.float64


def _keras_values(schedule, steps):
    return np.array([float(keras.ops.convert_to_numpy(schedule(int(t)))) for t in steps])


@pytest.mark.parametrize("staircase", [False, True])
def test_exponential_decay_equals_keras(staircase):
    steps = np.arange(0, 120, 3)
    theirs = keras.optimizers.schedules.ExponentialDecay(F(0.1), 25, F(0.5), staircase=staircase)
    ours = exponential_decay(steps, 0.1, 25, 0.5, staircase=staircase)
    np.testing.assert_allclose(ours, _keras_values(theirs, steps), rtol=0, atol=1e-12)


def test_piecewise_constant_equals_keras_at_and_around_the_boundaries():
    boundaries, values = [10, 20, 35], [1.0, 0.5, 0.1, 0.01]
    steps = np.arange(0, 50)
    theirs = keras.optimizers.schedules.PiecewiseConstantDecay(boundaries, [F(v) for v in values])
    ours = piecewise_constant(steps, boundaries, values)
    np.testing.assert_array_equal(ours, _keras_values(theirs, steps))
    assert piecewise_constant(10, boundaries, values) == 1.0  # a boundary belongs to the left
    assert piecewise_constant(10.5, boundaries, values) == 0.5


@pytest.mark.parametrize("alpha", [0.0, 0.1])
def test_cosine_decay_equals_keras(alpha):
    steps = np.arange(0, 130)  # past decay_steps: the rate stays at alpha * eta_0
    theirs = keras.optimizers.schedules.CosineDecay(F(0.2), 100, alpha=alpha)
    ours = cosine_decay(steps, 0.2, 100, alpha=alpha)
    np.testing.assert_allclose(ours, _keras_values(theirs, steps), rtol=0, atol=1e-12)
    assert ours[-1] == pytest.approx(alpha * 0.2, abs=1e-15)


@pytest.mark.parametrize(("initial", "alpha"), [(0.0, 0.0), (0.01, 0.05)])
def test_cosine_decay_with_warmup_equals_keras(initial, alpha):
    steps = np.arange(0, 140)
    theirs = keras.optimizers.schedules.CosineDecay(
        F(initial), 100, alpha=alpha, warmup_target=F(0.3), warmup_steps=20
    )
    ours = cosine_decay(steps, initial, 100, alpha=alpha, warmup_target=0.3, warmup_steps=20)
    np.testing.assert_allclose(ours, _keras_values(theirs, steps), rtol=0, atol=1e-12)
    assert ours[0] == initial and ours[20] == pytest.approx(0.3)
    assert np.all(np.diff(ours[:21]) > 0) and np.all(np.diff(ours[20:121]) < 0)


def _pytorch_one_cycle(step, max_lr, total, pct_start, div, final_div, strategy):
    """PyTorch OneCycleLR.get_lr (three_phase=False), transcribed."""
    initial = max_lr / div
    phases = [
        (float(pct_start * total) - 1, initial, max_lr),
        (total - 1, max_lr, initial / final_div),
    ]
    start_step = 0
    for i, (end_step, start_lr, end_lr) in enumerate(phases):
        if step <= end_step or i == len(phases) - 1:
            pct = (step - start_step) / (end_step - start_step)
            if strategy == "cos":
                return end_lr + (start_lr - end_lr) / 2.0 * (math.cos(math.pi * pct) + 1)
            return (end_lr - start_lr) * pct + start_lr
        start_step = end_step
    raise AssertionError("unreachable")


@pytest.mark.parametrize("strategy", ANNEAL_STRATEGIES)
@pytest.mark.parametrize(("total", "pct"), [(100, 0.3), (57, 0.25)])
def test_one_cycle_equals_pytorch_formula(strategy, total, pct):
    steps = np.arange(total)
    ours = one_cycle(steps, 0.4, total, pct, 25.0, 1e4, strategy)
    expected = [_pytorch_one_cycle(t, 0.4, total, pct, 25.0, 1e4, strategy) for t in steps]
    np.testing.assert_allclose(ours, expected, rtol=0, atol=1e-15)
    assert ours[0] == pytest.approx(0.4 / 25) and ours[-1] == pytest.approx(0.4 / 25 / 1e4)
    assert ours.max() <= 0.4 and one_cycle(29, 0.4, 100) == pytest.approx(0.4)


def test_scalar_steps_give_floats():
    assert isinstance(cosine_decay(3, 0.1, 10), float)
    assert isinstance(one_cycle(3, 0.1, 10), float)
    assert isinstance(exponential_decay(np.int64(3), 0.1, 10, 0.9), float)


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: exponential_decay(-1, 0.1, 10, 0.5), ValueError, "step"),
        (lambda: exponential_decay(np.nan, 0.1, 10, 0.5), ValueError, "step"),
        (lambda: exponential_decay("3", 0.1, 10, 0.5), TypeError, "step"),
        (lambda: exponential_decay(3, -0.1, 10, 0.5), ValueError, "initial_learning_rate"),
        (lambda: exponential_decay(3, 0.1, 0, 0.5), ValueError, "decay_steps"),
        (lambda: exponential_decay(3, 0.1, 2.5, 0.5), TypeError, "decay_steps"),
        (lambda: exponential_decay(3, 0.1, 10, 0.0), ValueError, "decay_rate"),
        (lambda: exponential_decay(3, 0.1, 10, 0.5, staircase=1), TypeError, "staircase"),
        (lambda: piecewise_constant(3, [], [0.1]), ValueError, "boundaries"),
        (lambda: piecewise_constant(3, [5, 5], [1, 2, 3]), ValueError, "boundaries"),
        (lambda: piecewise_constant(3, [5, 9], [1, 2]), ValueError, "values"),
        (lambda: piecewise_constant(3, [5], [1, np.inf]), ValueError, "values"),
        (lambda: cosine_decay(3, 0.1, 10, alpha=1.5), ValueError, "alpha"),
        (lambda: cosine_decay(3, 0.1, 0), ValueError, "decay_steps"),
        (lambda: cosine_decay(3, 0.0, 10, warmup_target=0.1), ValueError, "warmup_steps"),
        (
            lambda: cosine_decay(3, 0.0, 10, warmup_target=-1.0, warmup_steps=2),
            ValueError,
            "warmup_target",
        ),
        (lambda: cosine_decay(3, 0.0, 10, warmup_steps=-1), ValueError, "warmup_steps"),
        (lambda: one_cycle(3, 0.0, 10), ValueError, "max_learning_rate"),
        (lambda: one_cycle(3, 0.1, 1), ValueError, "total_steps"),
        (lambda: one_cycle(10, 0.1, 10), ValueError, "step"),
        (lambda: one_cycle(3, 0.1, 10, pct_start=1.0), ValueError, "pct_start"),
        (lambda: one_cycle(3, 0.1, 10, pct_start=0.05), ValueError, "pct_start"),
        (lambda: one_cycle(3, 0.1, 10, div_factor=0.5), ValueError, "div_factor"),
        (lambda: one_cycle(3, 0.1, 10, final_div_factor=0.5), ValueError, "final_div_factor"),
        (lambda: one_cycle(3, 0.1, 10, anneal_strategy="exp"), ValueError, "anneal_strategy"),
    ],
)
def test_bad_input_raises_naming_the_argument(call, error, match):
    with pytest.raises(error, match=match):
        call()
