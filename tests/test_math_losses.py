"""dlref.math.losses against keras.losses (float64), gradients against tf.GradientTape."""

from __future__ import annotations

import warnings

import keras
import numpy as np
import pytest
import tensorflow as tf
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from dlref.math import losses as L

RNG = np.random.default_rng(7)
N, K = 16, 5
REG_TRUE = RNG.normal(size=(N, 3))
REG_PRED = REG_TRUE + RNG.normal(scale=1.5, size=(N, 3))  # some errors beyond Huber's delta
LOGITS = RNG.normal(scale=3.0, size=(N, K))
PROBS = np.exp(LOGITS) / np.exp(LOGITS).sum(axis=1, keepdims=True)
LABELS = RNG.integers(0, K, size=N)
ONE_HOT = np.eye(K)[LABELS]
BIN_TRUE = RNG.integers(0, 2, size=(N, 3)).astype(float)
BIN_LOGITS = RNG.normal(scale=3.0, size=(N, 3))
BIN_PROBS = 1.0 / (1.0 + np.exp(-BIN_LOGITS))

# name: (ours, ours_grad, keras loss object, y_true, y_pred)
CASES = {
    "mse": (L.mse, L.mse_grad, keras.losses.MeanSquaredError, {}, REG_TRUE, REG_PRED),
    "mae": (L.mae, L.mae_grad, keras.losses.MeanAbsoluteError, {}, REG_TRUE, REG_PRED),
    "huber": (L.huber, L.huber_grad, keras.losses.Huber, {}, REG_TRUE, REG_PRED),
    "huber_delta_0.5": (
        lambda t, p: L.huber(t, p, delta=0.5),
        lambda t, p: L.huber_grad(t, p, delta=0.5),
        keras.losses.Huber,
        {"delta": 0.5},
        REG_TRUE,
        REG_PRED,
    ),
}
for logits in (False, True):
    suffix = "_logits" if logits else "_probs"
    kw = {"from_logits": logits}
    CASES["bce" + suffix] = (
        lambda t, p, kw=kw: L.binary_cross_entropy(t, p, **kw),
        lambda t, p, kw=kw: L.binary_cross_entropy_grad(t, p, **kw),
        keras.losses.BinaryCrossentropy,
        kw,
        BIN_TRUE,
        BIN_LOGITS if logits else BIN_PROBS,
    )
    for kind, target, keras_cls in (
        ("cce", ONE_HOT, keras.losses.CategoricalCrossentropy),
        ("sparse_cce", LABELS, keras.losses.SparseCategoricalCrossentropy),
    ):
        CASES[kind + suffix] = (
            lambda t, p, kw=kw: L.categorical_cross_entropy(t, p, **kw),
            lambda t, p, kw=kw: L.categorical_cross_entropy_grad(t, p, **kw),
            keras_cls,
            kw,
            target,
            LOGITS if logits else PROBS,
        )


def _keras_loss(name):
    _, _, cls, kwargs, *_ = CASES[name]
    return cls(dtype="float64", **kwargs)


@pytest.mark.parametrize("name", sorted(CASES))
def test_value_matches_keras(name):
    ours, _, _, _, y_true, y_pred = CASES[name]
    expected = float(_keras_loss(name)(y_true, y_pred))
    assert isinstance(ours(y_true, y_pred), float)
    np.testing.assert_allclose(ours(y_true, y_pred), expected, rtol=1e-10)


@pytest.mark.parametrize("name", sorted(CASES))
def test_gradient_matches_gradient_tape(name):
    _, ours_grad, _, _, y_true, y_pred = CASES[name]
    pred = tf.Variable(y_pred)
    loss_fn = _keras_loss(name)
    with tf.GradientTape() as tape:
        loss = loss_fn(y_true, pred)
    expected = tape.gradient(loss, pred).numpy()
    got = ours_grad(y_true, y_pred)
    assert got.shape == y_pred.shape
    np.testing.assert_allclose(got, expected, rtol=1e-8, atol=1e-12)


def test_float32_keeps_dtype_and_matches_default_keras():
    pred32, true32 = PROBS.astype(np.float32), ONE_HOT.astype(np.float32)
    got = L.categorical_cross_entropy(true32, pred32)
    expected = float(keras.losses.CategoricalCrossentropy()(true32, pred32))
    np.testing.assert_allclose(got, expected, rtol=1e-5)
    assert L.categorical_cross_entropy_grad(true32, pred32).dtype == np.float32
    assert L.mse_grad(true32, pred32).dtype == np.float32


def test_sparse_and_one_hot_give_the_same_cross_entropy():
    for logits, pred in ((True, LOGITS), (False, PROBS)):
        np.testing.assert_allclose(
            L.categorical_cross_entropy(LABELS, pred, from_logits=logits),
            L.categorical_cross_entropy(ONE_HOT, pred, from_logits=logits),
            rtol=1e-12,
        )
        np.testing.assert_allclose(
            L.categorical_cross_entropy_grad(LABELS, pred, from_logits=logits),
            L.categorical_cross_entropy_grad(ONE_HOT, pred, from_logits=logits),
            rtol=1e-9,
            atol=1e-12,
        )


def test_probability_clipping_matches_keras_at_the_edges():
    y_true = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    y_pred = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 0.5]])  # log(0) without the clip
    expected = float(keras.losses.BinaryCrossentropy(dtype="float64")(y_true, y_pred))
    np.testing.assert_allclose(L.binary_cross_entropy(y_true, y_pred), expected, rtol=1e-10)
    assert np.isfinite(L.binary_cross_entropy(y_true, y_pred))
    assert np.all(np.isfinite(L.binary_cross_entropy_grad(y_true, y_pred)))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_no_overflow_for_huge_logits(dtype):
    logits = np.array([[1e4, -1e4, 0.0], [-1e4, 1e4, 5.0], [700.0, -700.0, 1e4]], dtype=dtype)
    labels = np.array([0, 2, 1])
    bin_true = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 0.0], [1.0, 1.0, 0.0]], dtype=dtype)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise", under="ignore"):
            values = [
                L.categorical_cross_entropy(labels, logits, from_logits=True),
                L.binary_cross_entropy(bin_true, logits, from_logits=True),
            ]
            grads = [
                L.categorical_cross_entropy_grad(labels, logits, from_logits=True),
                L.binary_cross_entropy_grad(bin_true, logits, from_logits=True),
            ]
    assert all(np.isfinite(v) for v in values)
    assert all(np.all(np.isfinite(g)) for g in grads)
    # The loss of label 2 at logits (-1e4, 1e4, 5) is 1e4 - 5, exactly as log-sum-exp gives.
    np.testing.assert_allclose(
        L.categorical_cross_entropy([2], logits[1:2].astype(np.float64), from_logits=True),
        1e4 - 5.0,
    )


@pytest.mark.parametrize(
    "fn", [L.mse, L.mae, L.huber, L.binary_cross_entropy, L.mse_grad, L.binary_cross_entropy_grad]
)
def test_shape_mismatch_names_both_arguments(fn):
    with pytest.raises(ValueError, match=r"y_true.*\(4, 2\).*y_pred.*\(4, 3\)"):
        fn(np.zeros((4, 2)), np.zeros((4, 3)))


def test_categorical_bad_input_is_named():
    with pytest.raises(ValueError, match=r"y_true.*\(3,\).*y_pred.*\(4, 5\)"):
        L.categorical_cross_entropy(np.zeros(3, dtype=int), np.zeros((4, 5)))
    with pytest.raises(ValueError, match=r"y_true class labels must lie in \[0, 5\)"):
        L.categorical_cross_entropy(np.array([0, 5]), np.zeros((2, 5)))
    with pytest.raises(TypeError, match="y_true"):
        L.categorical_cross_entropy(np.array([0.5, 1.0]), np.zeros((2, 5)))
    with pytest.raises(TypeError, match="from_logits"):
        L.categorical_cross_entropy(LABELS, LOGITS, from_logits="yes")
    with pytest.raises(ValueError, match="y_pred"):
        L.mse(1.0, 2.0)
    with pytest.raises(ValueError, match="y_pred must not contain NaN"):
        L.mae([1.0], [np.nan])
    with pytest.raises(ValueError, match="delta"):
        L.huber([1.0], [2.0], delta=0)
    with pytest.raises(TypeError, match="y_pred"):
        L.mse([1.0], ["a"])


def test_integer_valued_float_labels_are_accepted():
    np.testing.assert_allclose(
        L.categorical_cross_entropy(LABELS.astype(float), LOGITS, from_logits=True),
        L.categorical_cross_entropy(LABELS, LOGITS, from_logits=True),
    )


finite = st.floats(-50.0, 50.0)


@settings(max_examples=40, deadline=None)
@given(
    hnp.arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(2, 5)), elements=finite),
    st.data(),
)
def test_properties_on_any_logits(logits, data):
    labels = data.draw(
        hnp.arrays(np.int64, logits.shape[:1], elements=st.integers(0, logits.shape[1] - 1))
    )
    loss = L.categorical_cross_entropy(labels, logits, from_logits=True)
    assert loss >= 0.0
    grad = L.categorical_cross_entropy_grad(labels, logits, from_logits=True)
    assert grad.shape == logits.shape
    np.testing.assert_allclose(grad.sum(axis=1), 0.0, atol=1e-12)  # softmax - one-hot sums to 0
    target = data.draw(hnp.arrays(np.float64, logits.shape, elements=finite))
    assert L.mse(target, logits) >= L.mae(target, logits) ** 2 - 1e-9  # Jensen
    assert 0.0 <= L.huber(target, logits) <= L.mse(target, logits) / 2 + 1e-12
