"""dlref.math.layers: backprop against numerical gradients and tf.GradientTape, forward against
a Keras Sequential model with the same weights, and the digits accuracy the pages quote."""

from __future__ import annotations

import keras
import numpy as np
import pytest
import tensorflow as tf
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

from dlref.math.gradcheck import gradient_check
from dlref.math.layers import MLP, Dense
from dlref.math.optimizers import SGD

RNG = np.random.default_rng(21)
X_SMALL = RNG.normal(size=(6, 4))
Y_SMALL = RNG.integers(0, 3, size=6)


def _keras_twin(mlp: MLP, output_activation: str = "linear") -> keras.Sequential:
    """A float64 Keras model with the architecture and weights of ``mlp``."""
    layers = [keras.Input((mlp.layer_sizes[0],), dtype="float64")]
    for i, dense in enumerate(mlp.layers):
        last = i == len(mlp.layers) - 1
        layers.append(
            keras.layers.Dense(
                dense.n_outputs,
                activation=output_activation if last else mlp.activation,
                dtype="float64",
            )
        )
    model = keras.Sequential(layers)
    model.set_weights(mlp.params)
    return model


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid"])
def test_backprop_equals_numerical_gradients(activation):
    mlp = MLP((4, 5, 5, 3), activation=activation, seed=1)
    rng = np.random.default_rng(8)
    for layer in mlp.layers:  # non-zero biases: a sample with a dead layer would sit on a kink
        layer.b[:] = rng.normal(scale=0.5, size=layer.b.shape)
    _, grads = mlp.loss_and_gradients(X_SMALL, Y_SMALL)
    for param, grad in zip(mlp.params, grads, strict=True):
        check = gradient_check(lambda _: mlp.loss(X_SMALL, Y_SMALL), lambda _, g=grad: g, param)
        assert check.passed, str(check)


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid", "linear"])
def test_backprop_equals_gradient_tape_on_keras(activation):
    mlp = MLP((4, 6, 3), activation=activation, seed=2)
    model = _keras_twin(mlp)
    loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True, dtype="float64")
    with tf.GradientTape() as tape:
        expected_loss = loss_fn(Y_SMALL, model(X_SMALL))
    expected = tape.gradient(expected_loss, model.trainable_variables)
    loss, grads = mlp.loss_and_gradients(X_SMALL, Y_SMALL)
    np.testing.assert_allclose(loss, float(expected_loss), rtol=1e-12)
    for ours, theirs in zip(grads, expected, strict=True):
        np.testing.assert_allclose(ours, theirs.numpy(), rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("activation", ["relu", "tanh"])
def test_forward_equals_keras_sequential(activation):
    mlp = MLP((8, 16, 7, 5), activation=activation, seed=3)
    model = _keras_twin(mlp, output_activation="softmax")
    x = RNG.normal(size=(10, 8))
    expected = model(x).numpy()
    np.testing.assert_allclose(mlp.predict_proba(x), expected, rtol=1e-10)
    np.testing.assert_array_equal(mlp.predict(x), expected.argmax(axis=1))


@pytest.mark.parametrize("activation", ["linear", "relu", "sigmoid", "tanh", "softmax"])
def test_dense_layer_alone_matches_keras_and_its_gradients(activation):
    dense = Dense(3, 4, activation=activation, rng=np.random.default_rng(0))
    dense.b = RNG.normal(size=4)  # a non-zero bias exercises db and the forward sum
    layer = keras.layers.Dense(4, activation=activation, dtype="float64")
    layer.build((None, 3))
    layer.set_weights([dense.W, dense.b])
    x = RNG.normal(size=(5, 3))
    upstream = RNG.normal(size=(5, 4))
    xv = tf.Variable(x)
    with tf.GradientTape() as tape:
        out = layer(xv)
        scalar = tf.reduce_sum(out * upstream)
    dx, dW, db = tape.gradient(scalar, [xv, layer.kernel, layer.bias])
    np.testing.assert_allclose(dense.forward(x), out.numpy(), rtol=1e-12)
    np.testing.assert_allclose(dense.backward(upstream), dx.numpy(), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(dense.dW, dW.numpy(), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(dense.db, db.numpy(), rtol=1e-9, atol=1e-12)


def test_dense_init_is_glorot_uniform():
    dense = Dense(300, 200, rng=0)
    limit = np.sqrt(6.0 / 500)
    assert dense.W.shape == (300, 200) and np.all(np.abs(dense.W) <= limit)
    assert abs(dense.W.std() - limit / np.sqrt(3.0)) < 0.002  # std of U(-l, l)
    np.testing.assert_array_equal(dense.b, np.zeros(200))


def _digits():
    X, y = load_digits(return_X_y=True)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)
    scaler = StandardScaler().fit(X_train)
    return scaler.transform(X_train), scaler.transform(X_test), y_train, y_test


def test_digits_accuracy_at_least_95_percent():
    X_train, X_test, y_train, y_test = _digits()
    mlp = MLP((64, 64, 10), seed=0).fit(X_train, y_train, epochs=20, batch_size=32)
    assert mlp.score(X_test, y_test) >= 0.95
    assert len(mlp.loss_history) == 20
    assert mlp.loss_history[-1] < mlp.loss_history[0] / 5


def test_fit_with_plain_sgd_or_an_optimizer_instance_lowers_the_loss():
    X_train, _, y_train, _ = _digits()
    X_part, y_part = X_train[:300], y_train[:300]
    for kwargs in ({"optimizer": "sgd", "learning_rate": 0.1}, {"optimizer": SGD(0.05, 0.9)}):
        mlp = MLP((64, 32, 10), seed=4)
        before = mlp.loss(X_part, y_part)
        mlp.fit(X_part, y_part, epochs=5, batch_size=50, **kwargs)
        assert mlp.loss(X_part, y_part) < before / 2
    first, second = (MLP((64, 8, 10), seed=5).fit(X_part, y_part, epochs=2) for _ in range(2))
    for a, b in zip(first.params, second.params, strict=True):  # seeded: reproducible
        np.testing.assert_array_equal(a, b)


def test_bad_shapes_and_arguments_are_named():
    mlp = MLP((4, 5, 3))
    with pytest.raises(ValueError, match=r"X must have 4 feature column\(s\).*\(6, 5\)"):
        mlp.predict(np.ones((6, 5)))
    with pytest.raises(ValueError, match=r"X must be 2-D"):
        mlp.predict_proba(np.ones(4))
    with pytest.raises(ValueError, match=r"X and y must have the same number of samples"):
        mlp.fit(X_SMALL, Y_SMALL[:4], epochs=1)
    with pytest.raises(ValueError, match=r"y must be 1-D"):
        mlp.fit(X_SMALL, Y_SMALL[:, None], epochs=1)
    with pytest.raises(ValueError, match=r"y must hold class labels in \[0, 3\)"):
        mlp.fit(X_SMALL, Y_SMALL + 1, epochs=1)
    with pytest.raises(TypeError, match="y must hold integer class labels"):
        mlp.score(X_SMALL, Y_SMALL.astype(float))
    with pytest.raises(ValueError, match="learning_rate must be None"):
        mlp.fit(X_SMALL, Y_SMALL, optimizer=SGD(), learning_rate=0.1)
    with pytest.raises(ValueError, match="optimizer must be one of"):
        mlp.fit(X_SMALL, Y_SMALL, optimizer="lbfgs")
    with pytest.raises(ValueError, match="batch_size"):
        mlp.fit(X_SMALL, Y_SMALL, batch_size=0)
    with pytest.raises(ValueError, match="layer_sizes"):
        MLP((4,))
    with pytest.raises(ValueError, match=r"layer_sizes\[1\]"):
        MLP((4, 0, 3))
    with pytest.raises(ValueError, match="activation must be one of"):
        MLP((4, 3), activation="softmax")
    dense = Dense(3, 2)
    with pytest.raises(ValueError, match=r"x must have shape \(n_samples, 3\); got shape \(2, 4\)"):
        dense.forward(np.ones((2, 4)))
    with pytest.raises(ValueError, match="call forward"):
        dense.backward(np.ones((2, 2)))
    dense.forward(np.ones((2, 3)))
    with pytest.raises(ValueError, match=r"grad_out must have the shape.*\(2, 2\)"):
        dense.backward(np.ones((3, 2)))


@settings(max_examples=20, deadline=None)
@given(
    st.lists(st.integers(1, 6), min_size=0, max_size=2),
    st.integers(2, 5),
    st.integers(1, 7),
    st.integers(0, 100),
)
def test_shapes_and_probabilities_for_any_architecture(hidden, n_classes, n_samples, seed):
    mlp = MLP((3, *hidden, n_classes), seed=seed)
    x = np.random.default_rng(seed).normal(size=(n_samples, 3))
    proba = mlp.predict_proba(x)
    assert proba.shape == (n_samples, n_classes)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    y = np.arange(n_samples) % n_classes
    _, grads = mlp.loss_and_gradients(x, y)
    assert [g.shape for g in grads] == [p.shape for p in mlp.params]
