"""Save a model, load it back, and prove the copy predicts what the original predicts."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import keras
import numpy as np
from numpy.typing import ArrayLike

from dlref._validate import check_finite_scalar


def sample_input(model: keras.Model, x: ArrayLike | None = None, n: int = 4) -> np.ndarray:
    """``x`` as an array, or ``n`` seeded random inputs of the model's input shape."""
    if x is not None:
        return np.asarray(x)
    shape = tuple(model.inputs[0].shape[1:]) if getattr(model, "inputs", None) else None
    if shape is None or any(d is None for d in shape):
        raise ValueError(
            "pass x: the model's input shape is not fully known "
            f"({shape}), so no sample input can be made"
        )
    return np.random.default_rng(0).standard_normal((n, *shape)).astype("float32")


def save_and_reload(
    model: keras.Model,
    path: str | os.PathLike[str],
    *,
    x: ArrayLike | None = None,
    atol: float = 1e-6,
) -> keras.Model:
    """Save ``model`` to ``path`` (``*.keras``), load it back, and return the loaded copy.

    Raises ``RuntimeError`` if the copy's predictions on ``x`` (default: 4 random inputs)
    differ from the original's by more than ``atol``; custom layers must be registered with
    ``keras.saving.register_keras_serializable`` to load.
    """
    if not isinstance(model, keras.Model):
        raise TypeError(f"model must be a keras.Model; got {type(model).__name__}")
    target = Path(path)
    if target.suffix != ".keras":
        raise ValueError(f"path must end in .keras (the Keras 3 format); got {str(target)!r}")
    atol = check_finite_scalar(atol, "atol", minimum=0.0)
    inputs = sample_input(model, x)
    target.parent.mkdir(parents=True, exist_ok=True)
    model.save(target)
    loaded = keras.saving.load_model(target)
    difference = float(
        np.max(np.abs(model.predict(inputs, verbose=0) - loaded.predict(inputs, verbose=0)))
    )
    if difference > atol:
        raise RuntimeError(
            f"the reloaded model's predictions differ by up to {difference:g} (atol {atol:g})"
        )
    return loaded


def export_for_serving(
    model: keras.Model, directory: str | os.PathLike[str], *, x: ArrayLike | None = None
) -> float:
    """Export ``model`` as a TensorFlow SavedModel in ``directory`` and check it.

    The export is loaded back with ``tf.saved_model.load`` (no Keras needed to serve it) and its
    ``serve`` endpoint compared with ``model.predict`` on ``x`` (default: 4 random inputs).
    Returns the largest absolute difference between the two predictions.
    """
    import tensorflow as tf

    if not isinstance(model, keras.Model):
        raise TypeError(f"model must be a keras.Model; got {type(model).__name__}")
    inputs = sample_input(model, x)
    model.export(str(directory), format="tf_saved_model", verbose=False)
    served: Any = tf.saved_model.load(str(directory))
    served_out = np.asarray(served.serve(tf.constant(inputs)))
    return float(np.max(np.abs(served_out - model.predict(inputs, verbose=0))))


__all__ = ["export_for_serving", "sample_input", "save_and_reload"]
