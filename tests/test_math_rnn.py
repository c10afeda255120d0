"""dlref.math.rnn against keras.layers.SimpleRNN / LSTM / GRU given the same weights.

Random float32 inputs, Keras layers built with ``return_sequences=True, return_state=True`` and
random weights (biases included, so every term is exercised); atol 1e-5.
"""

from __future__ import annotations

import keras
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlref.math.rnn import gru_cell, lstm_cell, rnn_cell, run_gru, run_lstm, run_rnn

ATOL = 1e-5
RNG = np.random.default_rng(1)
N, T, F, UNITS = 3, 6, 4, 5
X = RNG.normal(size=(N, T, F)).astype(np.float32)


def _np(tensor) -> np.ndarray:
    return keras.ops.convert_to_numpy(tensor)


def _randomise(layer: keras.layers.Layer, scale: float = 0.5) -> list[np.ndarray]:
    """Give ``layer`` random weights (biases too) and return them as get_weights() does."""
    weights = [
        RNG.normal(scale=scale, size=w.shape).astype(np.float32) for w in layer.get_weights()
    ]
    layer.set_weights(weights)
    return layer.get_weights()


def _keras(layer_class, **kwargs):
    keras.utils.set_random_seed(0)
    layer = layer_class(UNITS, return_sequences=True, return_state=True, **kwargs)
    layer.build(X.shape)
    return layer, _randomise(layer)


@pytest.mark.parametrize("activation", ["tanh", "relu", "sigmoid"])
def test_run_rnn_matches_simple_rnn(activation):
    layer, weights = _keras(keras.layers.SimpleRNN, activation=activation)
    sequence, state = (_np(t) for t in layer(X))
    ours, final = run_rnn(X, *weights, activation=activation)
    assert ours.dtype == np.float32 and ours.shape == (N, T, UNITS)
    np.testing.assert_allclose(ours, sequence, atol=ATOL)
    np.testing.assert_allclose(final, state, atol=ATOL)


def test_run_lstm_matches_lstm():
    layer, weights = _keras(keras.layers.LSTM)
    sequence, h, c = (_np(t) for t in layer(X))
    ours, h_ours, c_ours = run_lstm(X, *weights)
    np.testing.assert_allclose(ours, sequence, atol=ATOL)
    np.testing.assert_allclose(h_ours, h, atol=ATOL)
    np.testing.assert_allclose(c_ours, c, atol=ATOL)


@pytest.mark.parametrize("reset_after", [True, False])
def test_run_gru_matches_gru(reset_after):
    layer, weights = _keras(keras.layers.GRU, reset_after=reset_after)
    assert weights[2].shape == ((2, 3 * UNITS) if reset_after else (3 * UNITS,))
    sequence, state = (_np(t) for t in layer(X))
    ours, final = run_gru(X, *weights, reset_after=reset_after)
    np.testing.assert_allclose(ours, sequence, atol=ATOL)
    np.testing.assert_allclose(final, state, atol=ATOL)


@pytest.mark.parametrize(
    "layer_class", [keras.layers.SimpleRNN, keras.layers.LSTM, keras.layers.GRU]
)
def test_without_bias_matches_use_bias_false(layer_class):
    layer, weights = _keras(layer_class, use_bias=False)
    assert len(weights) == 2
    runner = {"SimpleRNN": run_rnn, "LSTM": run_lstm, "GRU": run_gru}[layer_class.__name__]
    np.testing.assert_allclose(runner(X, *weights)[0], _np(layer(X)[0]), atol=ATOL)


def test_initial_states_match_keras():
    h0 = RNG.normal(size=(N, UNITS)).astype(np.float32)
    c0 = RNG.normal(size=(N, UNITS)).astype(np.float32)
    layer, weights = _keras(keras.layers.LSTM)
    expected = _np(layer(X, initial_state=[h0, c0])[0])
    np.testing.assert_allclose(
        run_lstm(X, *weights, initial_state=(h0, c0))[0], expected, atol=ATOL
    )
    layer, weights = _keras(keras.layers.GRU)
    expected = _np(layer(X, initial_state=[h0])[0])
    np.testing.assert_allclose(run_gru(X, *weights, initial_state=h0)[0], expected, atol=ATOL)
    layer, weights = _keras(keras.layers.SimpleRNN)
    expected = _np(layer(X, initial_state=[h0])[0])
    np.testing.assert_allclose(run_rnn(X, *weights, initial_state=h0)[0], expected, atol=ATOL)


def test_cells_match_keras_cells_for_one_step():
    x_t = X[:, 0]
    h = RNG.normal(size=(N, UNITS)).astype(np.float32)
    c = RNG.normal(size=(N, UNITS)).astype(np.float32)

    cell = keras.layers.SimpleRNNCell(UNITS)
    cell.build(x_t.shape)
    weights = _randomise(cell)
    expected, _ = cell(x_t, [h])
    np.testing.assert_allclose(rnn_cell(x_t, h, *weights), _np(expected), atol=ATOL)
    kernel, recurrent_kernel, bias = weights  # the argument names of lstm_cell and gru_cell
    by_name = rnn_cell(x_t, h, kernel=kernel, recurrent_kernel=recurrent_kernel, bias=bias)
    np.testing.assert_allclose(by_name, _np(expected), atol=ATOL)

    cell = keras.layers.LSTMCell(UNITS)
    cell.build(x_t.shape)
    weights = _randomise(cell)
    _, (h_new, c_new) = cell(x_t, [h, c])
    h_ours, c_ours = lstm_cell(x_t, h, c, *weights)
    np.testing.assert_allclose(h_ours, _np(h_new), atol=ATOL)
    np.testing.assert_allclose(c_ours, _np(c_new), atol=ATOL)

    for reset_after in (True, False):
        cell = keras.layers.GRUCell(UNITS, reset_after=reset_after)
        cell.build(x_t.shape)
        weights = _randomise(cell)
        expected, _ = cell(x_t, h)
        np.testing.assert_allclose(
            gru_cell(x_t, h, *weights, reset_after=reset_after), _np(expected), atol=ATOL
        )


def test_gru_update_keeps_the_old_state_when_z_is_one():
    units = 2
    kernel = np.zeros((1, 3 * units))
    recurrent = np.zeros((units, 3 * units))
    bias = np.zeros((2, 3 * units))
    bias[0, :units] = 50.0  # z = sigmoid(50) = 1 to float precision: h_t = h_{t-1}
    h = np.array([[0.3, -0.7]])
    np.testing.assert_allclose(gru_cell(np.ones((1, 1)), h, kernel, recurrent, bias), h)


def test_lstm_gate_order_is_i_f_c_o():
    # Only the forget gate block is open (f = 1), the others closed (i = o = 0): c is carried and h
    # is 0. Any other order would let the input or output gate through.
    units = 3
    bias = np.full(4 * units, -50.0)
    bias[units : 2 * units] = 50.0
    c_prev = np.array([[1.0, -2.0, 0.5]])
    h, c = lstm_cell(
        np.ones((1, 2)),
        np.ones((1, units)),
        c_prev,
        np.zeros((2, 4 * units)),
        np.zeros((units, 4 * units)),
        bias,
    )
    np.testing.assert_allclose(c, c_prev)
    np.testing.assert_allclose(h, 0.0, atol=1e-12)


@settings(max_examples=30, deadline=None)
@given(
    n=st.integers(1, 3),
    t=st.integers(1, 5),
    f=st.integers(1, 4),
    units=st.integers(1, 4),
    seed=st.integers(0, 2**16),
)
def test_runner_shapes_and_bounds(n, t, f, units, seed):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, t, f))
    hs, h = run_rnn(
        x, rng.normal(size=(f, units)), rng.normal(size=(units, units)), np.zeros(units)
    )
    assert hs.shape == (n, t, units) and np.all(np.abs(hs) <= 1)
    np.testing.assert_array_equal(hs[:, -1], h)
    hs, h, c = run_lstm(x, rng.normal(size=(f, 4 * units)), rng.normal(size=(units, 4 * units)))
    assert hs.shape == (n, t, units) and c.shape == (n, units) and np.all(np.abs(hs) <= 1)
    hs, h = run_gru(x, rng.normal(size=(f, 3 * units)), rng.normal(size=(units, 3 * units)))
    assert hs.shape == (n, t, units) and np.all(np.abs(hs) <= 1)
    # A GRU step is a convex mix of h_prev and a tanh candidate: |h| stays below 1.


W4 = np.zeros((F, 4 * UNITS))
U4 = np.zeros((UNITS, 4 * UNITS))
W3 = np.zeros((F, 3 * UNITS))
U3 = np.zeros((UNITS, 3 * UNITS))
H = np.zeros((N, UNITS))


@pytest.mark.parametrize(
    ("call", "error", "pattern"),
    [
        (lambda: run_lstm(X[0], W4, U4), ValueError, r"x must have shape \(batch, time, 4\)"),
        (lambda: run_lstm(X[..., :3], W4, U4), ValueError, r"x must.*got shape \(3, 6, 3\)"),
        (lambda: run_lstm(X, W4[:, :-1], U4), ValueError, r"kernel must have shape \(\?, 20\)"),
        (lambda: run_lstm(X, W4, U4[:, :-1]), ValueError, r"recurrent_kernel.*\(5, 19\)"),
        (lambda: run_lstm(X, W4, U4, np.zeros(19)), ValueError, r"bias must have shape \(20,\)"),
        (lambda: run_lstm(X, W4, U4, initial_state=H), ValueError, "initial_state must be a pair"),
        (
            lambda: run_lstm(X, W4, U4, initial_state=(H, H[:1])),
            ValueError,
            r"initial_state c0 must have shape \(3, 5\)",
        ),
        (lambda: run_gru(X, W3, U3, np.zeros(15)), ValueError, r"bias must have shape \(2, 15\)"),
        (
            lambda: run_gru(X, W3, U3, np.zeros((2, 15)), reset_after=False),
            ValueError,
            r"bias must have shape \(15,\)",
        ),
        (lambda: run_gru(X, W3, U3, reset_after=1), TypeError, "reset_after"),
        (
            lambda: run_rnn(X, W3, U3),
            ValueError,
            r"recurrent_kernel must have shape \(units, units",
        ),
        (lambda: run_rnn(X, W4[:, :5], np.eye(5), activation="gelu"), ValueError, "activation"),
        (lambda: run_rnn(X[:, :0], W4[:, :5], np.eye(5)), ValueError, "at least one time step"),
        (lambda: run_rnn(X.astype(str), W4[:, :5], np.eye(5)), TypeError, r"\bx\b"),
        (
            lambda: rnn_cell(X[:, 0], H, W4[:, :5], np.ones((5, 4))),
            ValueError,
            r"recurrent_kernel must.*\(5, 4\)",
        ),
        (
            lambda: rnn_cell(X[:, 0], H, W4[:, :4], np.eye(5)),
            ValueError,
            r"\bkernel must.*\(4, 4\)",
        ),
        (
            lambda: rnn_cell(X[:, 0], H, W4[:, :5], np.eye(5), np.ones(4)),
            ValueError,
            r"\bbias must",
        ),
        (lambda: rnn_cell(X[:, 0], H[:2], W4[:, :5], np.eye(5)), ValueError, r"h_prev.*\(2, 5\)"),
        (lambda: rnn_cell(X[0, 0], H, W4[:, :5], np.eye(5)), ValueError, r"x_t must.*\(4,\)"),
        (lambda: lstm_cell(X[:, 0], H, H[:, :2], W4, U4), ValueError, r"c_prev.*\(3, 2\)"),
        (lambda: gru_cell(X[:, 0], H.T, W3, U3), ValueError, r"h_prev must.*\(5, 3\)"),
    ],
)
def test_bad_shapes_are_named(call, error, pattern):
    with pytest.raises(error, match=pattern):
        call()
