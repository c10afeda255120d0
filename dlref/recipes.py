"""Small, tested model recipes the pages and benchmarks share.

`small_cnn` is two convolution blocks and a dense layer; `train_digits_cnn` trains it
on scikit-learn's digits upsampled to 16x16 and reports time and test accuracy.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import keras

from dlref._validate import check_finite_scalar, check_int


def small_cnn(
    input_shape: Sequence[int] = (16, 16, 1),
    num_classes: int = 10,
    *,
    filters: Sequence[int] = (32, 64),
    dense: int = 128,
    dropout: float = 0.0,
) -> keras.Sequential:
    """Conv 3x3 (ReLU, same) + 2x2 max-pool per entry of ``filters``, then Dense, then logits.

    The last layer has ``num_classes`` units and no activation: compile with
    ``SparseCategoricalCrossentropy(from_logits=True)``.
    """
    shape = tuple(input_shape)
    if len(shape) != 3:
        raise ValueError(f"input_shape must be (height, width, channels); got {input_shape!r}")
    height, width, channels = (check_int(d, "input_shape", minimum=1) for d in shape)
    blocks = [check_int(f, "filters", minimum=1) for f in filters]
    smallest = 2 ** len(blocks)
    if min(height, width) < smallest:
        raise ValueError(
            f"input_shape {shape} is too small for {len(blocks)} pooling blocks: height and width "
            f"must be >= {smallest}"
        )
    num_classes = check_int(num_classes, "num_classes", minimum=2)
    dense = check_int(dense, "dense", minimum=1)
    dropout = check_finite_scalar(dropout, "dropout", minimum=0.0, maximum=0.95)
    layers: list[Any] = [keras.Input((height, width, channels))]
    for n in blocks:
        layers += [
            keras.layers.Conv2D(n, 3, padding="same", activation="relu"),
            keras.layers.MaxPooling2D(),
        ]
    layers += [keras.layers.Flatten(), keras.layers.Dense(dense, activation="relu")]
    if dropout:
        layers.append(keras.layers.Dropout(dropout))
    layers.append(keras.layers.Dense(num_classes, name="logits"))
    return keras.Sequential(layers, name="small_cnn")


@dataclass(frozen=True)
class TrainingResult:
    """A trained model, the seconds ``fit`` took and the test accuracy."""

    model: keras.Model
    seconds: float
    accuracy: float


def train_digits_cnn(
    *,
    size: int = 16,
    epochs: int = 10,
    batch_size: int = 32,
    learning_rate: float = 2e-3,
    seed: int = 0,
) -> TrainingResult:
    """Train `small_cnn` on the digits upsampled to ``size`` x ``size`` (80/20 split).

    Adam, ``epochs`` full epochs without early stopping; the time covers ``fit`` only (graph
    tracing included), the accuracy is measured on the 360 held-out test images.
    """
    from dlref.data import load_digits
    from dlref.train import evaluate, fit

    data = load_digits(0.2, image=True, upsample=check_int(size, "size", minimum=8), seed=seed)
    keras.utils.set_random_seed(seed)
    model = small_cnn(data.x_train.shape[1:], data.num_classes)
    model.compile(
        optimizer=keras.optimizers.Adam(
            check_finite_scalar(learning_rate, "learning_rate", minimum=0.0)
        ),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        metrics=["accuracy"],
    )
    start = time.perf_counter()
    fit(model, data, epochs=epochs, batch_size=batch_size, patience=None)
    seconds = time.perf_counter() - start
    accuracy = evaluate(model, data.x_test, data.y_test).accuracy
    return TrainingResult(model, seconds, accuracy)


__all__ = ["TrainingResult", "small_cnn", "train_digits_cnn"]
