"""dlref.math.regularization against keras.regularizers and keras.layers.BatchNormalization."""

from __future__ import annotations

import keras
import numpy as np
import pytest
import tensorflow as tf
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from dlref.math.regularization import (
    BatchNorm,
    dropout,
    l1_grad,
    l1_penalty,
    l2_grad,
    l2_penalty,
)

RNG = np.random.default_rng(5)
W = RNG.normal(size=(6, 4))


@pytest.mark.parametrize(
    ("ours", "ours_grad", "keras_cls"),
    [(l1_penalty, l1_grad, keras.regularizers.L1), (l2_penalty, l2_grad, keras.regularizers.L2)],
)
@pytest.mark.parametrize("lam", [0.0, 0.01, 0.3])
def test_penalties_and_gradients_match_keras(ours, ours_grad, keras_cls, lam):
    regularizer = keras_cls(lam)
    lam32 = float(np.float32(lam))  # Keras stores the factor as a float32 tensor
    np.testing.assert_allclose(ours(W, lam32), float(regularizer(tf.constant(W))), rtol=1e-12)
    np.testing.assert_allclose(ours(W, lam), float(regularizer(tf.constant(W))), rtol=1e-7)
    w = tf.Variable(W)
    with tf.GradientTape() as tape:
        penalty = regularizer(w)
    np.testing.assert_allclose(ours_grad(W, lam32), tape.gradient(penalty, w), rtol=1e-12)


def test_l2_has_no_one_half():
    assert l2_penalty([3.0, 4.0], 0.1) == pytest.approx(2.5)
    np.testing.assert_allclose(l2_grad([3.0, 4.0], 0.1), [0.6, 0.8])
    np.testing.assert_allclose(l1_grad([-2.0, 0.0, 5.0], 0.5), [-0.5, 0.0, 0.5])


def test_dropout_keeps_the_expected_value_and_drops_rate():
    x = np.full((200, 500), 2.0)
    out, mask = dropout(x, 0.3, training=True, rng=np.random.default_rng(0))
    assert mask.dtype == bool and mask.shape == x.shape
    assert abs((1.0 - mask.mean()) - 0.3) < 0.005  # 1e5 draws: std of the rate ~ 0.0015
    assert abs(out.mean() - 2.0) < 0.02
    np.testing.assert_allclose(out[mask], 2.0 / 0.7)
    assert np.all(out[~mask] == 0.0)
    again, _ = dropout(x, 0.3, training=True, rng=0)
    np.testing.assert_array_equal(again, dropout(x, 0.3, training=True, rng=0)[0])


def test_dropout_is_the_identity_outside_training_and_matches_keras_scaling():
    x = RNG.normal(size=(4, 5)).astype(np.float32)
    out, mask = dropout(x, 0.5, training=False, rng=0)
    np.testing.assert_array_equal(out, x)
    assert mask.all()
    keras_out = keras.layers.Dropout(0.4, seed=0)(x, training=True).numpy()
    kept = keras_out != 0
    np.testing.assert_allclose(keras_out[kept], x[kept] / 0.6, rtol=1e-6)  # same inverted scaling
    ours, ours_mask = dropout(x, 0.4, training=True, rng=1)
    assert ours.dtype == np.float32
    np.testing.assert_allclose(ours[ours_mask], x[ours_mask] / 0.6, rtol=1e-6)


def test_dropout_bad_arguments_are_named():
    with pytest.raises(ValueError, match=r"rate must be in \[0, 1\); got 1.0"):
        dropout(np.ones(3), 1.0, training=True, rng=0)
    with pytest.raises(ValueError, match="rate"):
        dropout(np.ones(3), -0.1, training=True, rng=0)
    with pytest.raises(TypeError, match="training"):
        dropout(np.ones(3), 0.1, training=1, rng=0)
    with pytest.raises(TypeError, match="rng"):
        dropout(np.ones(3), 0.1, training=True, rng="seed")
    with pytest.raises(ValueError, match="lam"):
        l1_penalty(W, -1.0)
    with pytest.raises(TypeError, match="weights"):
        l2_penalty(["a"], 0.1)


def _keras_bn(gamma, beta, ndim=2, momentum=0.9, epsilon=1e-3):
    layer = keras.layers.BatchNormalization(momentum=momentum, epsilon=epsilon, dtype="float64")
    layer.build((None,) * (ndim - 1) + (gamma.size,))
    layer.gamma.assign(gamma)
    layer.beta.assign(beta)
    return layer


def test_batchnorm_forward_and_moving_statistics_match_keras():
    gamma, beta = RNG.uniform(0.5, 2.0, size=4), RNG.normal(size=4)
    ours = BatchNorm(4, momentum=0.9, epsilon=1e-3)
    ours.gamma, ours.beta = gamma.copy(), beta.copy()
    theirs = _keras_bn(gamma, beta)
    for step in range(5):
        x = RNG.normal(loc=step, scale=3.0, size=(16, 4))
        np.testing.assert_allclose(
            ours.forward(x, training=True), theirs(x, training=True).numpy(), rtol=1e-10
        )
    np.testing.assert_allclose(ours.moving_mean, theirs.moving_mean.numpy(), rtol=1e-12)
    np.testing.assert_allclose(ours.moving_variance, theirs.moving_variance.numpy(), rtol=1e-12)
    x = RNG.normal(size=(7, 4))
    np.testing.assert_allclose(
        ours.forward(x, training=False), theirs(x, training=False).numpy(), rtol=1e-10
    )


def test_batchnorm_uses_the_biased_batch_variance():
    x = np.array([[0.0], [2.0]])  # mean 1, biased variance 1 (unbiased would be 2)
    bn = BatchNorm(1, momentum=0.0, epsilon=1e-3)
    np.testing.assert_allclose(
        bn.forward(x, training=True), [[-1 / np.sqrt(1.001)], [1 / np.sqrt(1.001)]]
    )
    np.testing.assert_allclose(bn.moving_variance, [1.0])


def test_batchnorm_defaults_match_keras():
    layer = keras.layers.BatchNormalization()
    bn = BatchNorm(3)
    assert (bn.momentum, bn.epsilon) == (layer.momentum, layer.epsilon) == (0.99, 1e-3)
    np.testing.assert_array_equal(bn.moving_variance, np.ones(3))


@pytest.mark.parametrize("training", [True, False])
def test_batchnorm_backward_matches_gradient_tape(training):
    gamma, beta = RNG.uniform(0.5, 2.0, size=3), RNG.normal(size=3)
    x = RNG.normal(scale=2.0, size=(2, 5, 3))  # features last; statistics over the first two
    upstream = RNG.normal(size=x.shape)
    ours = BatchNorm(3, momentum=0.9)
    ours.gamma, ours.beta = gamma.copy(), beta.copy()
    ours.moving_mean, ours.moving_variance = RNG.normal(size=3), RNG.uniform(0.5, 2, size=3)
    theirs = _keras_bn(gamma, beta, ndim=3)
    theirs.moving_mean.assign(ours.moving_mean)
    theirs.moving_variance.assign(ours.moving_variance)
    xv = tf.Variable(x)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(theirs(xv, training=training) * upstream)
    dx, dgamma, dbeta = tape.gradient(loss, [xv, theirs.gamma, theirs.beta])
    ours.forward(x, training=training)
    np.testing.assert_allclose(ours.backward(upstream), dx, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(ours.dgamma, dgamma, rtol=1e-10)
    np.testing.assert_allclose(ours.dbeta, dbeta, rtol=1e-10)


def test_batchnorm_bad_input_is_named():
    bn = BatchNorm(3)
    with pytest.raises(ValueError, match=r"call forward"):
        bn.backward(np.ones((2, 3)))
    with pytest.raises(ValueError, match=r"x must have shape \(batch, \.\.\., 3\).*\(4, 2\)"):
        bn.forward(np.ones((4, 2)), training=True)
    with pytest.raises(TypeError, match="training"):
        bn.forward(np.ones((4, 3)), training="yes")
    bn.forward(np.ones((4, 3)), training=True)
    with pytest.raises(ValueError, match=r"grad_out must have the shape.*\(4, 3\)"):
        bn.backward(np.ones((3, 3)))
    with pytest.raises(ValueError, match="num_features"):
        BatchNorm(0)
    with pytest.raises(ValueError, match="epsilon"):
        BatchNorm(2, epsilon=0.0)


@settings(max_examples=30, deadline=None)
@given(
    hnp.arrays(
        np.float64, st.tuples(st.integers(2, 8), st.integers(1, 4)), elements=st.floats(-1e3, 1e3)
    ),
)
def test_training_output_is_standardised_per_feature(x):
    bn = BatchNorm(x.shape[1], epsilon=1e-3)
    y = bn.forward(x, training=True)
    np.testing.assert_allclose(y.mean(axis=0), 0.0, atol=1e-8)
    assert np.all(y.var(axis=0) <= 1.0 + 1e-9)  # variance / (variance + eps)
