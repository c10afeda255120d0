r"""Multi-layer perceptron: a stack of fully connected layers.

Each hidden layer computes $h = f(W x + b)$; a layer with $n_{in}$ inputs and
$n_{out}$ units has $n_{in} n_{out} + n_{out}$ parameters.
"""

from __future__ import annotations

from collections.abc import Sequence

import keras

from dlref._validate import check_finite_scalar, check_int
from dlref.models._common import (
    check_activation,
    check_num_classes,
    check_rate,
    check_units,
)


def mlp(
    input_dim: int,
    hidden: Sequence[int] = (64,),
    *,
    num_classes: int,
    activation: str = "relu",
    dropout: float = 0.0,
    l2: float = 0.0,
    output_activation: str | None = "softmax",
) -> keras.Model:
    r"""A fully connected classifier ``input_dim -> hidden... -> num_classes``.

    Args:
        input_dim: number of input features.
        hidden: widths of the hidden layers, e.g. ``(64, 32)``; ``()`` gives logistic/softmax
            regression.
        num_classes: number of output units (keyword-only). At least 2 for ``"softmax"``.
        activation: hidden-layer activation, any Keras activation name.
        dropout: dropout rate after every hidden layer, in ``[0, 1)``.
        l2: L2 penalty $\lambda \sum w^2$ added to the loss for every kernel (not biases).
        output_activation: ``"softmax"`` (probabilities), ``"sigmoid"`` (independent labels) or
            ``None`` (logits, for losses with ``from_logits=True``).
    """
    input_dim = check_int(input_dim, "input_dim", minimum=1)
    hidden = check_units(hidden, "hidden")
    if output_activation not in ("softmax", "sigmoid", None):
        raise ValueError(
            f"output_activation must be 'softmax', 'sigmoid' or None (logits); "
            f"got {output_activation!r}"
        )
    num_classes = check_num_classes(num_classes, minimum=2 if output_activation == "softmax" else 1)
    activation = check_activation(activation, "activation")
    dropout = check_rate(dropout, "dropout")
    l2 = check_finite_scalar(l2, "l2", minimum=0.0)

    regularizer = keras.regularizers.L2(l2) if l2 > 0 else None
    inputs = keras.Input(shape=(input_dim,), name="features")
    x = inputs
    for i, units in enumerate(hidden, start=1):
        x = keras.layers.Dense(
            units, activation=activation, kernel_regularizer=regularizer, name=f"dense_{i}"
        )(x)
        if dropout > 0:
            x = keras.layers.Dropout(dropout, name=f"dropout_{i}")(x)
    outputs = keras.layers.Dense(
        num_classes, activation=output_activation, kernel_regularizer=regularizer, name="output"
    )(x)
    return keras.Model(inputs, outputs, name="mlp")


__all__ = ["mlp"]
