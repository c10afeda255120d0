r"""Recurrent cells (simple RNN, LSTM, GRU) and sequence runners in NumPy, in Keras' layout.

Weights follow ``layer.get_weights()`` of ``keras.layers.SimpleRNN`` / ``LSTM`` / ``GRU``:
``kernel`` ``(features, G * units)`` multiplies the input, ``recurrent_kernel``
``(units, G * units)`` the previous hidden state, and ``bias`` is ``(G * units,)`` (GRU with
``reset_after=True``: ``(2, 3 * units)``, input bias then recurrent bias), or absent when the
layer has ``use_bias=False``. The gates are concatenated along the last axis in Keras' order:
LSTM $(i, f, \tilde c, o)$ ($G = 4$), GRU $(z, r, \tilde h)$ ($G = 3$),
simple RNN a single block ($G = 1$). So ``run_lstm(x, *layer.get_weights())`` reproduces
``keras.layers.LSTM(units, return_sequences=True, return_state=True)``.

Gate activations are the Keras defaults: $\sigma$ (sigmoid) for gates, $\tanh$ for
candidates and outputs. Batches are the first axis; sequences are ``(N, T, features)``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validate import as_float_array, check_bool, check_choice
from dlref.math.activations import relu, sigmoid

FloatArray = NDArray[np.floating]

#: Activations accepted by `rnn_cell` and `run_rnn`, by Keras name.
RNN_ACTIVATIONS: dict[str, Callable[[FloatArray], FloatArray]] = {
    "tanh": np.tanh,
    "relu": relu,
    "sigmoid": sigmoid,
    "linear": lambda z: z,
}


# --------------------------------------------------------------------------- argument checks


def _matrix(
    value: ArrayLike, name: str, shape: tuple[int | None, int | None], meaning: str
) -> FloatArray:
    """``value`` as a 2-D float array whose shape matches ``shape`` (``None`` = any)."""
    array = as_float_array(value, name)
    if array.ndim != 2 or any(
        want is not None and got != want for got, want in zip(array.shape, shape, strict=True)
    ):
        expected = ", ".join("?" if s is None else str(s) for s in shape)
        raise ValueError(f"{name} must have shape ({expected}) {meaning}; got shape {array.shape}")
    return array


def _weights(
    kernel: ArrayLike,
    recurrent_kernel: ArrayLike,
    bias: ArrayLike | None,
    gates: int,
    bias_rows: int = 1,
) -> tuple[FloatArray, FloatArray, FloatArray | None, int]:
    """Check Keras-layout weights for a cell with ``gates`` blocks; return them and ``units``."""
    kernel_name, recurrent_name, bias_name = "kernel", "recurrent_kernel", "bias"
    width = "units" if gates == 1 else f"{gates} * units"
    recurrent_kernel = as_float_array(recurrent_kernel, recurrent_name)
    if (
        recurrent_kernel.ndim != 2
        or recurrent_kernel.shape[0] == 0
        or recurrent_kernel.shape[1] != gates * recurrent_kernel.shape[0]
    ):
        raise ValueError(
            f"{recurrent_name} must have shape (units, {width}); got shape {recurrent_kernel.shape}"
        )
    units = recurrent_kernel.shape[0]
    kernel = _matrix(
        kernel,
        kernel_name,
        (None, gates * units),
        f"(features, {width}) for units={units} from {recurrent_name}",
    )
    if kernel.shape[0] == 0:
        raise ValueError(
            f"{kernel_name} must have at least one input feature; got shape {kernel.shape}"
        )
    if bias is not None:
        bias = as_float_array(bias, bias_name)
        expected = (gates * units,) if bias_rows == 1 else (bias_rows, gates * units)
        if bias.shape != expected:
            raise ValueError(
                f"{bias_name} must have shape {expected} for units={units}; got shape {bias.shape}"
            )
    return kernel, recurrent_kernel, bias, units


def _state(value: ArrayLike | None, name: str, batch: int, units: int) -> FloatArray:
    if value is None:
        return np.zeros((batch, units))
    return _matrix(value, name, (batch, units), "(batch, units)")


def _dtype(*arrays: FloatArray | None) -> np.dtype:
    return np.result_type(*(a.dtype for a in arrays if a is not None))


def _sequence(x: ArrayLike, features: int) -> FloatArray:
    x = as_float_array(x, "x")
    if x.ndim != 3 or x.shape[2] != features:
        raise ValueError(
            f"x must have shape (batch, time, {features}) to match kernel; got shape {x.shape}"
        )
    if x.shape[0] == 0 or x.shape[1] == 0:
        raise ValueError(f"x must have at least one time step and one sample; got shape {x.shape}")
    return x


def _unpack_initial_state(
    initial_state: ArrayLike | tuple[ArrayLike, ArrayLike] | None, count: int
) -> list[ArrayLike | None]:
    if initial_state is None:
        return [None] * count
    if count == 1:
        return [initial_state]
    if not isinstance(initial_state, (tuple, list)) or len(initial_state) != count:
        raise ValueError(f"initial_state must be a pair (h0, c0); got {type(initial_state)}")
    return list(initial_state)


# --------------------------------------------------------------------------- one time step


def _rnn_step(
    xw: FloatArray,
    h: FloatArray,
    recurrent_kernel: FloatArray,
    act: Callable[[FloatArray], FloatArray],
) -> FloatArray:
    return act(xw + h @ recurrent_kernel)


def _lstm_step(
    xw: FloatArray, h: FloatArray, c: FloatArray, recurrent_kernel: FloatArray
) -> tuple[FloatArray, FloatArray]:
    z_i, z_f, z_c, z_o = np.split(xw + h @ recurrent_kernel, 4, axis=-1)
    c = sigmoid(z_f) * c + sigmoid(z_i) * np.tanh(z_c)
    return sigmoid(z_o) * np.tanh(c), c


def _gru_step(
    xw: FloatArray,
    h: FloatArray,
    recurrent_kernel: FloatArray,
    recurrent_bias: FloatArray | None,
    reset_after: bool,
) -> FloatArray:
    units = h.shape[-1]
    x_z, x_r, x_h = np.split(xw, 3, axis=-1)
    if reset_after:
        inner = h @ recurrent_kernel
        if recurrent_bias is not None:
            inner = inner + recurrent_bias
        h_z, h_r, h_h = np.split(inner, 3, axis=-1)
    else:
        h_z, h_r = np.split(h @ recurrent_kernel[:, : 2 * units], 2, axis=-1)
    z = sigmoid(x_z + h_z)
    r = sigmoid(x_r + h_r)
    if reset_after:
        candidate = np.tanh(x_h + r * h_h)
    else:
        candidate = np.tanh(x_h + (r * h) @ recurrent_kernel[:, 2 * units :])
    return z * h + (1.0 - z) * candidate


def _gru_biases(
    bias: FloatArray | None, reset_after: bool
) -> tuple[FloatArray | None, FloatArray | None]:
    if bias is None:
        return None, None
    return (bias[0], bias[1]) if reset_after else (bias, None)


def _project(
    x: FloatArray, kernel: FloatArray, bias: FloatArray | None, dtype: np.dtype
) -> FloatArray:
    """The input part of every gate, $x W + b$, for all time steps in one product."""
    xw = x.astype(dtype, copy=False) @ kernel.astype(dtype, copy=False)
    return xw if bias is None else xw + bias.astype(dtype, copy=False)


# --------------------------------------------------------------------------- cells


def rnn_cell(
    x_t: ArrayLike,
    h_prev: ArrayLike,
    kernel: ArrayLike,
    recurrent_kernel: ArrayLike,
    bias: ArrayLike | None = None,
    activation: str = "tanh",
) -> FloatArray:
    r"""One step of a simple (Elman) RNN: $h_t = \phi(x_t W + h_{t-1} U + b)$.

    Weights in Keras' layout, as ``keras.layers.SimpleRNN(...).get_weights()``: ``kernel`` $W$
    ``(features, units)``, ``recurrent_kernel`` $U$ ``(units, units)``, ``bias`` ``(units,)`` or
    ``None``. In column-vector notation, $h_t = \phi(W_x x_t + W_h h_{t-1} + b)$, ``kernel`` is
    $W_x^\top$ and ``recurrent_kernel`` is $W_h^\top$. ``x_t`` is ``(batch, features)``,
    ``h_prev`` ``(batch, units)``; $\phi$ is ``activation`` (``'tanh'``, ``'relu'``,
    ``'sigmoid'`` or ``'linear'``). Returns $h_t$.
    """
    act = RNN_ACTIVATIONS[check_choice(activation, "activation", tuple(RNN_ACTIVATIONS))]
    kernel, recurrent_kernel, bias, units = _weights(kernel, recurrent_kernel, bias, gates=1)
    x_t = _matrix(x_t, "x_t", (None, kernel.shape[0]), "(batch, features) to match kernel")
    h_prev = _matrix(
        h_prev, "h_prev", (x_t.shape[0], units), "(batch, units) to match x_t, recurrent_kernel"
    )
    dtype = _dtype(x_t, h_prev, kernel, recurrent_kernel, bias)
    return _rnn_step(
        _project(x_t, kernel, bias, dtype),
        h_prev.astype(dtype),
        recurrent_kernel.astype(dtype),
        act,
    )


def lstm_cell(
    x_t: ArrayLike,
    h_prev: ArrayLike,
    c_prev: ArrayLike,
    kernel: ArrayLike,
    recurrent_kernel: ArrayLike,
    bias: ArrayLike | None = None,
) -> tuple[FloatArray, FloatArray]:
    r"""LSTM step, gates in Keras' order $(i, f, \tilde c, o)$; returns $(h_t, c_t)$.

    With $[z_i, z_f, z_c, z_o] = x_t W + h_{t-1} U + b$:
    $i = \sigma(z_i)$, $f = \sigma(z_f)$, $o = \sigma(z_o)$,
    $c_t = f \odot c_{t-1} + i \odot \tanh(z_c)$ and $h_t = o \odot \tanh(c_t)$.
    ``kernel`` $W$ is ``(features, 4 * units)``, ``recurrent_kernel`` $U$
    ``(units, 4 * units)``, ``bias`` ``(4 * units,)`` or ``None``.
    """
    kernel, recurrent_kernel, bias, units = _weights(kernel, recurrent_kernel, bias, gates=4)
    x_t = _matrix(x_t, "x_t", (None, kernel.shape[0]), "(batch, features) to match kernel")
    batch = x_t.shape[0]
    h_prev = _matrix(h_prev, "h_prev", (batch, units), "(batch, units)")
    c_prev = _matrix(c_prev, "c_prev", (batch, units), "(batch, units)")
    dtype = _dtype(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias)
    return _lstm_step(
        _project(x_t, kernel, bias, dtype),
        h_prev.astype(dtype),
        c_prev.astype(dtype),
        recurrent_kernel.astype(dtype),
    )


def gru_cell(
    x_t: ArrayLike,
    h_prev: ArrayLike,
    kernel: ArrayLike,
    recurrent_kernel: ArrayLike,
    bias: ArrayLike | None = None,
    reset_after: bool = True,
) -> FloatArray:
    r"""One GRU step with Keras' gate order $(z, r, \tilde h)$; returns $h_t$.

    $z = \sigma(x_t W_z + b_z + h_{t-1} U_z + b'_z)$,
    $r = \sigma(x_t W_r + b_r + h_{t-1} U_r + b'_r)$, and the candidate is
    $\tilde h = \tanh(x_t W_h + b_h + r \odot (h_{t-1} U_h + b'_h))$ with
    ``reset_after=True`` (Keras' default; ``bias`` is ``(2, 3 * units)``: input biases $b$,
    then recurrent biases $b'$) or $\tilde h = \tanh(x_t W_h + b_h + (r \odot
    h_{t-1}) U_h)$ with ``reset_after=False`` (``bias`` ``(3 * units,)``, no $b'$). Then
    $h_t = z \odot h_{t-1} + (1 - z) \odot \tilde h$: Keras keeps the old state where
    $z \approx 1$.
    """
    check_bool(reset_after, "reset_after")
    kernel, recurrent_kernel, bias, units = _weights(
        kernel, recurrent_kernel, bias, gates=3, bias_rows=2 if reset_after else 1
    )
    x_t = _matrix(x_t, "x_t", (None, kernel.shape[0]), "(batch, features) to match kernel")
    h_prev = _matrix(h_prev, "h_prev", (x_t.shape[0], units), "(batch, units)")
    dtype = _dtype(x_t, h_prev, kernel, recurrent_kernel, bias)
    input_bias, recurrent_bias = _gru_biases(bias, reset_after)
    return _gru_step(
        _project(x_t, kernel, input_bias, dtype),
        h_prev.astype(dtype),
        recurrent_kernel.astype(dtype),
        None if recurrent_bias is None else recurrent_bias.astype(dtype),
        reset_after,
    )


# --------------------------------------------------------------------------- sequence runners


def run_rnn(
    x: ArrayLike,
    kernel: ArrayLike,
    recurrent_kernel: ArrayLike,
    bias: ArrayLike | None = None,
    *,
    activation: str = "tanh",
    initial_state: ArrayLike | None = None,
) -> tuple[FloatArray, FloatArray]:
    r"""Run `rnn_cell` over ``x`` ``(batch, time, features)`` from $h_0$ (default 0).

    Takes ``keras.layers.SimpleRNN(...).get_weights()``; returns ``(hidden states (batch, time,
    units), final state (batch, units))``.
    """
    act = RNN_ACTIVATIONS[check_choice(activation, "activation", tuple(RNN_ACTIVATIONS))]
    kernel, recurrent_kernel, bias, units = _weights(kernel, recurrent_kernel, bias, gates=1)
    x = _sequence(x, kernel.shape[0])
    (h0,) = _unpack_initial_state(initial_state, 1)
    h = _state(h0, "initial_state", x.shape[0], units)
    dtype = _dtype(x, kernel, recurrent_kernel, bias)
    xw = _project(x, kernel, bias, dtype)
    h, recurrent_kernel = h.astype(dtype), recurrent_kernel.astype(dtype)
    outputs = np.empty((*x.shape[:2], units), dtype=dtype)
    for t in range(x.shape[1]):
        h = _rnn_step(xw[:, t], h, recurrent_kernel, act)
        outputs[:, t] = h
    return outputs, h


def run_lstm(
    x: ArrayLike,
    kernel: ArrayLike,
    recurrent_kernel: ArrayLike,
    bias: ArrayLike | None = None,
    *,
    initial_state: tuple[ArrayLike, ArrayLike] | None = None,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    r"""Run `lstm_cell` over ``x`` ``(batch, time, features)`` from $(h_0, c_0)$.

    Takes ``keras.layers.LSTM(...).get_weights()``; ``initial_state`` is ``(h0, c0)`` (default
    zeros). Returns ``(hidden states (batch, time, units), final h, final c)``.
    """
    kernel, recurrent_kernel, bias, units = _weights(kernel, recurrent_kernel, bias, gates=4)
    x = _sequence(x, kernel.shape[0])
    h0, c0 = _unpack_initial_state(initial_state, 2)
    h = _state(h0, "initial_state h0", x.shape[0], units)
    c = _state(c0, "initial_state c0", x.shape[0], units)
    dtype = _dtype(x, kernel, recurrent_kernel, bias)
    xw = _project(x, kernel, bias, dtype)
    h, c, recurrent_kernel = h.astype(dtype), c.astype(dtype), recurrent_kernel.astype(dtype)
    outputs = np.empty((*x.shape[:2], units), dtype=dtype)
    for t in range(x.shape[1]):
        h, c = _lstm_step(xw[:, t], h, c, recurrent_kernel)
        outputs[:, t] = h
    return outputs, h, c


def run_gru(
    x: ArrayLike,
    kernel: ArrayLike,
    recurrent_kernel: ArrayLike,
    bias: ArrayLike | None = None,
    *,
    reset_after: bool = True,
    initial_state: ArrayLike | None = None,
) -> tuple[FloatArray, FloatArray]:
    r"""Run `gru_cell` over ``x`` ``(batch, time, features)`` from $h_0$ (default 0).

    Takes ``keras.layers.GRU(..., reset_after=reset_after).get_weights()``; returns ``(hidden
    states (batch, time, units), final state (batch, units))``.
    """
    check_bool(reset_after, "reset_after")
    kernel, recurrent_kernel, bias, units = _weights(
        kernel, recurrent_kernel, bias, gates=3, bias_rows=2 if reset_after else 1
    )
    x = _sequence(x, kernel.shape[0])
    (h0,) = _unpack_initial_state(initial_state, 1)
    h = _state(h0, "initial_state", x.shape[0], units)
    dtype = _dtype(x, kernel, recurrent_kernel, bias)
    input_bias, recurrent_bias = _gru_biases(bias, reset_after)
    xw = _project(x, kernel, input_bias, dtype)
    h, recurrent_kernel = h.astype(dtype), recurrent_kernel.astype(dtype)
    if recurrent_bias is not None:
        recurrent_bias = recurrent_bias.astype(dtype)
    outputs = np.empty((*x.shape[:2], units), dtype=dtype)
    for t in range(x.shape[1]):
        h = _gru_step(xw[:, t], h, recurrent_kernel, recurrent_bias, reset_after)
        outputs[:, t] = h
    return outputs, h
