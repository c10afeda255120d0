"""``fit``: ``model.fit`` with the safety net every page wants.

Early stopping that restores the best weights, an optional checkpoint of the best model, a
learning-rate schedule, a CSV log, ``TerminateOnNaN`` and a `DivergenceGuard`, after a
check that the labels fit the loss (`check_labels`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import keras
import numpy as np

from dlref._validate import check_int, check_same_length
from dlref.train.callbacks import DivergenceGuard, Schedule, learning_rate_callback
from dlref.train.labels import check_labels

#: A `dlref.data.Dataset`, ``(x, y)`` or ``(x_train, y_train, x_val, y_val)``.
TrainingData = Any


def unpack_data(data: TrainingData) -> tuple[Any, Any, tuple[Any, Any] | None]:
    """Split ``data`` into ``x``, ``y`` and validation data (None when absent or empty)."""
    if hasattr(data, "x_train") and hasattr(data, "y_val"):
        x, y, x_val, y_val = data.x_train, data.y_train, data.x_val, data.y_val
    elif isinstance(data, (tuple, list)) and len(data) in (2, 4):
        x, y = data[0], data[1]
        x_val, y_val = (data[2], data[3]) if len(data) == 4 else (None, None)
    else:
        raise TypeError(
            "data must be a dlref.data.Dataset, (x, y) or (x_train, y_train, x_val, y_val); "
            f"got {type(data).__name__}"
            + (f" of length {len(data)}" if isinstance(data, (tuple, list)) else "")
        )
    x, y = np.asarray(x), np.asarray(y)
    check_same_length(x, y, "x_train", "y_train")
    if x_val is None or len(x_val) == 0:
        return x, y, None
    x_val, y_val = np.asarray(x_val), np.asarray(y_val)
    check_same_length(x_val, y_val, "x_val", "y_val")
    return x, y, (x_val, y_val)


def check_compiled(model: Any) -> None:
    """Raise ``TypeError``/``ValueError`` unless ``model`` is a compiled Keras model."""
    if not isinstance(model, keras.Model):
        raise TypeError(f"model must be a keras.Model; got {type(model).__name__}")
    if not getattr(model, "compiled", False) or getattr(model, "optimizer", None) is None:
        raise ValueError("model must be compiled first: call model.compile(optimizer, loss)")


def _initial_lr(model: keras.Model) -> float:
    try:
        return float(keras.ops.convert_to_numpy(model.optimizer.learning_rate))
    except (TypeError, ValueError) as error:
        raise ValueError(
            "lr_schedule needs an optimizer with a plain float learning rate, not a "
            "keras.optimizers.schedules object"
        ) from error


def build_callbacks(
    model: keras.Model,
    *,
    monitor: str,
    epochs: int,
    patience: int | None,
    checkpoint_path: str | os.PathLike[str] | None,
    lr_schedule: str | Schedule | None,
    csv_log: str | os.PathLike[str] | None,
    guard: bool,
) -> list[keras.callbacks.Callback]:
    """The callback list `fit` uses, guard first so it reacts before ``TerminateOnNaN``."""
    callbacks: list[keras.callbacks.Callback] = [DivergenceGuard()] if guard else []
    callbacks.append(keras.callbacks.TerminateOnNaN())
    if patience is not None:
        patience = check_int(patience, "patience", minimum=1)
        callbacks.append(
            keras.callbacks.EarlyStopping(
                monitor=monitor, patience=patience, restore_best_weights=True
            )
        )
    if checkpoint_path is not None:
        path = Path(checkpoint_path)
        if path.suffix != ".keras":
            raise ValueError(
                f"checkpoint_path must end in .keras (the Keras 3 model format); got {str(path)!r}"
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        callbacks.append(
            keras.callbacks.ModelCheckpoint(str(path), monitor=monitor, save_best_only=True)
        )
    if lr_schedule is not None:
        callbacks.append(learning_rate_callback(lr_schedule, _initial_lr(model), epochs))
    if csv_log is not None:
        Path(csv_log).parent.mkdir(parents=True, exist_ok=True)
        callbacks.append(keras.callbacks.CSVLogger(str(csv_log)))
    return callbacks


def fit(
    model: keras.Model,
    data: TrainingData,
    *,
    epochs: int = 20,
    batch_size: int = 32,
    patience: int | None = 5,
    monitor: str | None = None,
    checkpoint_path: str | os.PathLike[str] | None = None,
    lr_schedule: str | Schedule | None = None,
    csv_log: str | os.PathLike[str] | None = None,
    guard: bool = True,
    callbacks: Sequence[keras.callbacks.Callback] = (),
    shuffle: bool = True,
    verbose: int = 0,
) -> keras.callbacks.History:
    """Train a compiled ``model`` on ``data`` and return the Keras ``History``.

    ``monitor`` defaults to ``"val_loss"`` (``"loss"`` without validation data). Early stopping
    waits ``patience`` epochs (None: never stops early) and restores the best weights;
    ``checkpoint_path`` (``*.keras``) keeps the best model on disk; ``lr_schedule`` is
    ``"cosine"``, ``"step"`` or ``(epoch, lr) -> lr``; ``csv_log`` writes one row per epoch.
    With ``guard=True`` a NaN/inf or exploding loss raises
    `TrainingDiverged`.
    """
    check_compiled(model)
    x, y, validation = unpack_data(data)
    epochs = check_int(epochs, "epochs", minimum=1)
    batch_size = check_int(batch_size, "batch_size", minimum=1)
    check_labels(model, y, "y_train")
    if validation is not None:
        check_labels(model, validation[1], "y_val")
    monitor = monitor or ("val_loss" if validation is not None else "loss")
    if monitor.startswith("val_") and validation is None:
        raise ValueError(f"monitor={monitor!r} needs validation data; data has none")
    callback_list = build_callbacks(
        model,
        monitor=monitor,
        epochs=epochs,
        patience=patience,
        checkpoint_path=checkpoint_path,
        lr_schedule=lr_schedule,
        csv_log=csv_log,
        guard=guard,
    )
    return model.fit(
        x,
        y,
        validation_data=validation,
        epochs=epochs,
        batch_size=batch_size,
        shuffle=shuffle,
        callbacks=[*callback_list, *callbacks],
        verbose=verbose,
    )


__all__ = ["TrainingData", "build_callbacks", "check_compiled", "fit", "unpack_data"]
