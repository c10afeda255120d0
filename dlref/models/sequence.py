r"""Recurrent models for sequences of shape ``(timesteps, features)``.

A simple RNN updates $h_t = \tanh(W x_t + U h_{t-1} + b)$; LSTM and GRU add gates that
decide what to keep. With $F$ input features and $u$ units the layers have
$g\,(uF + u^2 + u)$ parameters, $g = 1$ (RNN), 4 (LSTM) or 3 (GRU, plus
$3u$ for Keras' second bias with ``reset_after=True``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import keras

from dlref._validate import check_bool, check_int
from dlref.models._common import check_num_classes

_CELLS = {"rnn": keras.layers.SimpleRNN, "lstm": keras.layers.LSTM, "gru": keras.layers.GRU}


def _check_sequence_shape(value: Any) -> tuple[int | None, int]:
    """``(timesteps, features)`` with ``timesteps`` an int >= 1 or ``None`` (any length)."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence) or len(value) != 2:
        raise ValueError(
            "input_shape must be (timesteps, features), timesteps an int or None for variable "
            f"length; got {value!r}"
        )
    steps, features = value
    if steps is not None:
        steps = check_int(steps, "input_shape[0] (timesteps)", minimum=1)
    return steps, check_int(features, "input_shape[1] (features)", minimum=1)


def _check_recurrent(
    cell: Any, input_shape: Any, units: Any, bidirectional: Any
) -> tuple[str, tuple[int | None, int], int, bool]:
    """Validate the arguments shared by both builders (before any layer is made)."""
    if not isinstance(cell, str) or cell not in _CELLS:
        raise ValueError(f"cell must be one of {', '.join(map(repr, _CELLS))}; got {cell!r}")
    input_shape = _check_sequence_shape(input_shape)
    units = check_int(units, "units", minimum=1)
    check_bool(bidirectional, "bidirectional")
    return cell, input_shape, units, bidirectional


def _recurrent_trunk(
    cell: str, input_shape: tuple[int | None, int], units: int, bidirectional: bool
) -> tuple[Any, Any]:
    """Input and last hidden state of one (optionally bidirectional) recurrent layer."""
    inputs = keras.Input(shape=input_shape, name="sequence")
    layer = _CELLS[cell](units, name=cell)
    if bidirectional:
        layer = keras.layers.Bidirectional(layer, name=f"bi{cell}")
    return inputs, layer(inputs)


def sequence_classifier(
    cell: str,
    input_shape: tuple[int | None, int],
    units: int = 32,
    *,
    num_classes: int,
    bidirectional: bool = False,
    output_activation: str | None = "softmax",
) -> keras.Model:
    """One recurrent layer (``"rnn"``, ``"lstm"`` or ``"gru"``) and a dense classifier.

    The last hidden state (both directions concatenated when ``bidirectional``) feeds a dense
    layer of ``num_classes`` units with ``output_activation`` (``"softmax"`` or ``None`` for
    logits).
    """
    checked = _check_recurrent(cell, input_shape, units, bidirectional)
    if output_activation not in ("softmax", None):
        raise ValueError(f"output_activation must be 'softmax' or None; got {output_activation!r}")
    num_classes = check_num_classes(num_classes, minimum=2 if output_activation else 1)
    inputs, state = _recurrent_trunk(*checked)
    outputs = keras.layers.Dense(num_classes, activation=output_activation, name="output")(state)
    return keras.Model(inputs, outputs, name=f"{cell}_classifier")


def sequence_regressor(
    cell: str,
    input_shape: tuple[int | None, int],
    units: int = 32,
    outputs: int = 1,
    *,
    bidirectional: bool = False,
) -> keras.Model:
    """One recurrent layer and a linear dense layer with ``outputs`` values (e.g. next step)."""
    checked = _check_recurrent(cell, input_shape, units, bidirectional)
    outputs = check_int(outputs, "outputs", minimum=1)
    inputs, state = _recurrent_trunk(*checked)
    prediction = keras.layers.Dense(outputs, name="output")(state)
    return keras.Model(inputs, prediction, name=f"{cell}_regressor")


__all__ = ["sequence_classifier", "sequence_regressor"]
