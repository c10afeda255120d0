"""Check labels against a compiled model's loss and output *before* training starts.

Keras reports a wrong label format late and cryptically (a shape error deep in the loss, or a
silently wrong loss for out-of-range labels on some devices). `check_labels` says what to
change instead.
"""

from __future__ import annotations

from typing import Any

import numpy as np

SPARSE_LOSSES = frozenset({"sparse_categorical_crossentropy"})
ONE_HOT_LOSSES = frozenset({"categorical_crossentropy", "categorical_focal_crossentropy"})
BINARY_LOSSES = frozenset({"binary_crossentropy", "binary_focal_crossentropy"})


def loss_name(loss: Any) -> str | None:
    """The snake-case name of a loss given as a string, a ``keras.losses.Loss`` or a function."""
    if isinstance(loss, str):
        return loss.lower()
    name = getattr(loss, "name", None) or getattr(loss, "__name__", None)
    return name.lower() if isinstance(name, str) else None


def output_shape(model: Any) -> tuple[int | None, ...] | None:
    """The output shape of a single-output model, batch axis included; None when unknown."""
    outputs = getattr(model, "outputs", None)
    try:
        if outputs and len(outputs) == 1:
            return tuple(outputs[0].shape)
    except (AttributeError, ValueError, TypeError):
        pass
    return None


def _is_whole(y: np.ndarray) -> bool:
    return y.dtype.kind in "iub" or bool(np.all(np.mod(y, 1) == 0))


def check_labels(model: Any, y: Any, name: str = "y") -> None:
    """Raise ``ValueError`` if ``y`` does not fit ``model``'s loss and output shape.

    Checks, for the cross-entropy losses: integer class ids in ``[0, units)`` with one axis
    fewer than the output for ``sparse_categorical_crossentropy``; one-hot rows with the output's
    shape for ``categorical_crossentropy``; values in [0, 1] for ``binary_crossentropy``. Other
    losses and multi-output models only get the finiteness check.
    """
    labels = np.asarray(y)
    if labels.dtype.kind not in "biuf":
        raise TypeError(f"{name} must be numeric labels; got dtype {labels.dtype}")
    if labels.ndim == 0 or labels.shape[0] == 0:
        raise ValueError(f"{name} must hold one label per sample; got shape {labels.shape}")
    if labels.dtype.kind == "f" and not np.all(np.isfinite(labels)):
        raise ValueError(f"{name} must not contain NaN or infinity")
    loss = loss_name(getattr(model, "loss", None))
    shape = output_shape(model)
    out_rank = len(shape) if shape is not None else 2
    units = shape[-1] if shape is not None else None
    if loss in SPARSE_LOSSES:
        _check_sparse(labels, name, loss, out_rank, units)
    elif loss in ONE_HOT_LOSSES:
        _check_one_hot(labels, name, loss, out_rank, units)
    elif loss in BINARY_LOSSES:
        _check_binary(labels, name, loss, units)


def _check_sparse(y: np.ndarray, name: str, loss: str, out_rank: int, units: int | None) -> None:
    squeezable = y.ndim == out_rank and y.shape[-1] == 1
    if y.ndim != out_rank - 1 and not squeezable:
        if y.ndim == out_rank and units is not None and y.shape[-1] == units:
            raise ValueError(
                f"{name} looks one-hot (shape {y.shape}) but the loss is {loss}, which wants "
                f"integer class ids of shape {y.shape[:-1]}: pass {name}.argmax(axis=-1) or "
                "compile with loss='categorical_crossentropy'"
            )
        raise ValueError(
            f"{name} must have {out_rank - 1} axis/axes of integer class ids for {loss} with a "
            f"model output of rank {out_rank}; got shape {y.shape}"
        )
    if not _is_whole(y):
        raise ValueError(
            f"{name} must hold integer class ids for {loss}; got non-integer values such as "
            f"{y[np.mod(y, 1) != 0].flat[0]!r}"
        )
    low, high = int(y.min()), int(y.max())
    if low < 0:
        raise ValueError(f"{name} must hold class ids >= 0; got {low}")
    if units is not None and high >= units:
        raise ValueError(
            f"{name} holds class id {high} but the model outputs {units} unit(s), i.e. classes "
            f"0..{units - 1}: give the last layer {high + 1} units or map the labels to "
            f"0..{units - 1}"
        )


def _check_one_hot(y: np.ndarray, name: str, loss: str, out_rank: int, units: int | None) -> None:
    if y.ndim == out_rank - 1 and _is_whole(y):
        n_classes = units if units is not None else int(y.max()) + 1
        raise ValueError(
            f"{name} holds integer class ids (shape {y.shape}) but the loss is {loss}, which "
            f"wants one-hot rows of shape {(*y.shape, n_classes)}: pass "
            f"keras.utils.to_categorical({name}, {n_classes}) or compile with "
            "loss='sparse_categorical_crossentropy'"
        )
    if y.ndim != out_rank or (units is not None and y.shape[-1] != units):
        raise ValueError(
            f"{name} must be one-hot with {units} column(s) for {loss}; got shape {y.shape}"
        )
    if y.min() < 0 or y.max() > 1:
        raise ValueError(f"{name} must hold probabilities in [0, 1] for {loss}")


def _check_binary(y: np.ndarray, name: str, loss: str, units: int | None) -> None:
    if y.min() < 0 or y.max() > 1:
        hint = ""
        if _is_whole(y):
            k = int(y.max()) + 1
            hint = (
                f": for {k} classes use a {k}-unit output with "
                "loss='sparse_categorical_crossentropy'"
            )
        raise ValueError(
            f"{name} must hold 0/1 labels for {loss}; got values in "
            f"[{y.min():g}, {y.max():g}]{hint}"
        )
    if units is not None and units > 1 and (y.ndim < 2 or y.shape[-1] != units):
        raise ValueError(
            f"{name} has shape {y.shape} but the model outputs {units} units for {loss}: use a "
            "1-unit sigmoid output for a yes/no task, or give one 0/1 column per unit"
        )


__all__ = ["BINARY_LOSSES", "ONE_HOT_LOSSES", "SPARSE_LOSSES", "check_labels", "loss_name"]
