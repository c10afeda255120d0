"""dlref.math.optimizers step for step against keras.optimizers on float32 variables."""

from __future__ import annotations

import keras
import numpy as np
import pytest
import tensorflow as tf
from hypothesis import given, settings
from hypothesis import strategies as st

from dlref.math.optimizers import SGD, AdaGrad, Adam, Optimizer, RMSProp, optimize

STEPS = 100
SHAPES = [(3, 4), (4,)]
RNG = np.random.default_rng(11)
INITIAL = [RNG.normal(size=s).astype(np.float32) for s in SHAPES]
GRADS = [[RNG.normal(size=s).astype(np.float32) for s in SHAPES] for _ in range(STEPS)]

# id: (ours, keras optimizer factory, kwargs shared by both)
SETTINGS = {
    "sgd": (SGD, keras.optimizers.SGD, {"learning_rate": 0.05}),
    "sgd_momentum": (SGD, keras.optimizers.SGD, {"learning_rate": 0.02, "momentum": 0.9}),
    "sgd_nesterov": (
        SGD,
        keras.optimizers.SGD,
        {"learning_rate": 0.02, "momentum": 0.8, "nesterov": True},
    ),
    "adagrad": (AdaGrad, keras.optimizers.Adagrad, {"learning_rate": 0.1}),
    "adagrad_custom": (
        AdaGrad,
        keras.optimizers.Adagrad,
        {"learning_rate": 0.05, "initial_accumulator_value": 1.0, "epsilon": 1e-4},
    ),
    "rmsprop": (RMSProp, keras.optimizers.RMSprop, {"learning_rate": 0.01}),
    "rmsprop_momentum_centered": (
        RMSProp,
        keras.optimizers.RMSprop,
        {"learning_rate": 0.01, "rho": 0.8, "momentum": 0.5, "centered": True, "epsilon": 0.1},
    ),
    "adam": (Adam, keras.optimizers.Adam, {"learning_rate": 0.01}),
    # A large epsilon makes its placement (outside sqrt(v), before bias correction) visible.
    "adam_large_epsilon": (Adam, keras.optimizers.Adam, {"learning_rate": 0.01, "epsilon": 0.5}),
    "adam_amsgrad": (
        Adam,
        keras.optimizers.Adam,
        {"learning_rate": 0.02, "beta_1": 0.8, "beta_2": 0.99, "epsilon": 1e-5, "amsgrad": True},
    ),
}


def _keras_run(optimizer):
    """Final variables after applying GRADS with ``optimizer`` (one traced step, for speed)."""
    variables = [keras.Variable(p.copy(), dtype="float32") for p in INITIAL]
    optimizer.build(variables)
    step = tf.function(lambda *grads: optimizer.apply_gradients(zip(grads, variables, strict=True)))
    for grads in GRADS:
        step(*grads)
    assert int(optimizer.iterations) == STEPS
    return [v.value.numpy() for v in variables]


@pytest.mark.parametrize("name", sorted(SETTINGS))
def test_100_steps_match_keras(name):
    ours_cls, keras_cls, kwargs = SETTINGS[name]
    params = [p.copy() for p in INITIAL]
    ours = ours_cls(**kwargs)
    for grads in GRADS:
        ours.step(params, grads)
    assert ours.iterations == STEPS
    for p, expected in zip(params, _keras_run(keras_cls(**kwargs)), strict=True):
        assert p.dtype == np.float32
        np.testing.assert_allclose(p, expected, rtol=1e-5, atol=1e-6)


def test_defaults_match_keras():
    pairs = [
        (SGD(), keras.optimizers.SGD()),
        (AdaGrad(), keras.optimizers.Adagrad()),
        (RMSProp(), keras.optimizers.RMSprop()),
        (Adam(), keras.optimizers.Adam()),
    ]
    for ours, theirs in pairs:
        config = theirs.get_config()
        for key, value in vars(ours).items():
            if not key.startswith("_") and key != "iterations":
                np.testing.assert_allclose(value, config[key], err_msg=f"{ours!r}.{key}")


def test_plain_sgd_is_one_line_and_updates_in_place():
    p = np.array([1.0, -2.0])
    alias = p
    SGD(learning_rate=0.1).step([p], [np.array([0.5, -1.0])])
    assert alias is p
    np.testing.assert_allclose(p, [0.95, -1.9])


def test_optimize_returns_the_path_on_a_quadratic():
    A = np.diag([1.0, 10.0])
    path = optimize(lambda x: A @ x, [1.0, 1.0], SGD(learning_rate=0.05), steps=50)
    assert path.shape == (51, 2)
    np.testing.assert_allclose(path[0], [1.0, 1.0])
    np.testing.assert_allclose(path[-1], [0.95**50, 0.5**50])  # (1 - lr * a)^t per axis
    adam = Adam(learning_rate=0.1)
    first = optimize(lambda x: A @ x, [1.0, 1.0], adam, steps=30)
    np.testing.assert_array_equal(optimize(lambda x: A @ x, [1.0, 1.0], adam, steps=30), first)
    assert np.linalg.norm(first[-1]) < 0.5  # Adam's first step is about lr per coordinate


def test_state_is_per_parameter_and_shapes_must_stay():
    opt = Adam()
    opt.step([np.zeros(3), np.zeros((2, 2))], [np.ones(3), np.ones((2, 2))])
    with pytest.raises(ValueError, match=r"params must keep their shapes.*reset\(\)"):
        opt.step([np.zeros(4), np.zeros((2, 2))], [np.ones(4), np.ones((2, 2))])
    opt.reset()
    opt.step([np.zeros(4)], [np.ones(4)])
    assert opt.iterations == 1


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match="learning_rate"):
        SGD(learning_rate=0.0)
    with pytest.raises(ValueError, match="momentum"):
        SGD(momentum=1.5)
    with pytest.raises(TypeError, match="nesterov"):
        SGD(nesterov=1)
    with pytest.raises(ValueError, match="beta_1"):
        Adam(beta_1=1.0)
    with pytest.raises(ValueError, match="rho"):
        RMSProp(rho=-0.1)
    with pytest.raises(ValueError, match="initial_accumulator_value"):
        AdaGrad(initial_accumulator_value=-1.0)
    opt = SGD()
    with pytest.raises(ValueError, match="same length"):
        opt.step([np.zeros(2)], [])
    with pytest.raises(ValueError, match=r"grads\[0\] must have the shape of params\[0\], \(2,\)"):
        opt.step([np.zeros(2)], [np.zeros(3)])
    with pytest.raises(TypeError, match=r"params\[0\].*int64"):
        opt.step([np.zeros(2, dtype=np.int64)], [np.zeros(2)])
    with pytest.raises(TypeError, match=r"params\[0\].*list"):
        opt.step([[0.0, 0.0]], [np.zeros(2)])
    with pytest.raises(TypeError, match="params and grads must be lists"):
        opt.step(np.zeros(2), np.zeros(2))
    with pytest.raises(TypeError, match="optimizer"):
        optimize(lambda x: x, [1.0], "adam", 3)
    with pytest.raises(ValueError, match="x0"):
        optimize(lambda x: x, [[1.0]], SGD(), 3)
    with pytest.raises(ValueError, match=r"f_grad\(x\)"):
        optimize(lambda x: np.zeros(3), [1.0, 2.0], SGD(), 3)
    assert issubclass(SGD, Optimizer)


@settings(max_examples=30, deadline=None)
@given(
    st.sampled_from([SGD, AdaGrad, RMSProp, Adam]),
    st.floats(1e-4, 0.1),
    # |x| >= 1: adaptive first steps are about lr / sqrt(1 - rho) long whatever the gradient, so
    # closer to the minimum than half a step they overshoot (Keras does the same).
    st.lists(st.one_of(st.floats(-10, -1), st.floats(1, 10)), min_size=1, max_size=5),
)
def test_every_first_step_goes_downhill(cls, lr, start):
    x = np.array(start)
    before = x.copy()
    grad = 2.0 * x  # gradient of |x|^2
    cls(learning_rate=lr).step([x], [grad])
    assert x.shape == before.shape and x.dtype == np.float64
    assert np.all((x - before) * grad <= 0.0)  # each coordinate moves against its gradient
    assert float(x @ x) <= float(before @ before) + 1e-12
