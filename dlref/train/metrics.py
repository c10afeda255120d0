r"""Classification metrics from a confusion matrix, in NumPy.

With $C_{ij}$ the number of samples of true class $i$ predicted as $j$:
precision $P_k = C_{kk} / \sum_i C_{ik}$, recall $R_k = C_{kk} / \sum_j C_{kj}$,
$F_1 = 2PR / (P + R)$, each 0 where its denominator is 0. Macro averages take the plain
mean over the classes that occur in the true or the predicted labels (as scikit-learn does).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validate import check_int, check_same_length


@dataclass(frozen=True)
class Metrics:
    """Accuracy, macro precision/recall/F1 and the confusion matrix (rows: true classes)."""

    accuracy: float
    precision: float
    recall: float
    f1: float
    confusion: NDArray[np.int64]

    def summary(self) -> str:
        """One line, e.g. ``accuracy 0.9722  precision 0.9730  recall 0.9721  F1 0.9723``."""
        return (
            f"accuracy {self.accuracy:.4f}  precision {self.precision:.4f}  "
            f"recall {self.recall:.4f}  F1 {self.f1:.4f}"
        )


def _class_ids(y: ArrayLike, name: str) -> NDArray[np.int64]:
    array = np.asarray(y)
    if array.ndim == 2 and array.shape[1] > 1:  # one-hot or scores
        array = array.argmax(axis=1)
    elif array.ndim == 2:
        array = array[:, 0]
    if array.ndim != 1:
        raise ValueError(f"{name} must be class ids (n,) or one-hot (n, k); got {array.shape}")
    if array.dtype.kind not in "iub" and not np.all(np.mod(array, 1) == 0):
        raise ValueError(f"{name} must hold integer class ids")
    if array.size and array.min() < 0:
        raise ValueError(f"{name} must hold class ids >= 0; got {array.min()}")
    return array.astype(np.int64)


def confusion_matrix(
    y_true: ArrayLike, y_pred: ArrayLike, num_classes: int | None = None
) -> NDArray[np.int64]:
    """Counts ``C[i, j]`` of true class ``i`` predicted as class ``j``, a k x k int matrix.

    ``k`` is ``num_classes``, or one more than the largest label seen.
    """
    t, p = _class_ids(y_true, "y_true"), _class_ids(y_pred, "y_pred")
    check_same_length(t, p, "y_true", "y_pred")
    if t.size == 0:
        raise ValueError("y_true must not be empty")
    seen = int(max(t.max(), p.max())) + 1
    k = seen if num_classes is None else check_int(num_classes, "num_classes", minimum=1)
    if seen > k:
        raise ValueError(f"labels go up to {seen - 1} but num_classes is {k}")
    return np.bincount(t * k + p, minlength=k * k).reshape(k, k)


def metrics_from_confusion(confusion: ArrayLike) -> Metrics:
    """`Metrics` computed from a square confusion matrix."""
    c = np.asarray(confusion, dtype=np.int64)
    if c.ndim != 2 or c.shape[0] != c.shape[1] or c.sum() == 0:
        raise ValueError(f"confusion must be a non-empty square matrix; got shape {c.shape}")
    diagonal = np.diag(c).astype(float)
    predicted, actual = c.sum(axis=0), c.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(predicted > 0, diagonal / predicted, 0.0)
        recall = np.where(actual > 0, diagonal / actual, 0.0)
        f1 = np.where(precision + recall > 0, 2 * precision * recall / (precision + recall), 0.0)
    present = (predicted + actual) > 0
    return Metrics(
        accuracy=float(diagonal.sum() / c.sum()),
        precision=float(precision[present].mean()),
        recall=float(recall[present].mean()),
        f1=float(f1[present].mean()),
        confusion=c,
    )


def classification_metrics(
    y_true: ArrayLike, y_pred: ArrayLike, num_classes: int | None = None
) -> Metrics:
    """`Metrics` for true and predicted class ids (or one-hot rows)."""
    return metrics_from_confusion(confusion_matrix(y_true, y_pred, num_classes))


def predict_classes(model: Any, x: ArrayLike, batch_size: int = 256) -> NDArray[np.int64]:
    """Class ids a Keras classifier predicts: ``argmax`` of its outputs, a threshold for one unit.

    A one-unit output is cut at 0 when the loss has ``from_logits=True`` and at 0.5 otherwise.
    """
    outputs = np.asarray(model.predict(np.asarray(x), batch_size=batch_size, verbose=0))
    if outputs.ndim == 2 and outputs.shape[1] > 1:
        return outputs.argmax(axis=1).astype(np.int64)
    threshold = 0.0 if getattr(getattr(model, "loss", None), "from_logits", False) else 0.5
    return (outputs.reshape(len(outputs)) > threshold).astype(np.int64)


def evaluate(model: Any, x: ArrayLike, y: ArrayLike, *, batch_size: int = 256) -> Metrics:
    """Predict ``x`` with a Keras classifier and compare with the true labels ``y``."""
    predicted = predict_classes(model, x, batch_size=check_int(batch_size, "batch_size", minimum=1))
    outputs = getattr(model, "outputs", None)
    units = outputs[0].shape[-1] if outputs else None
    num_classes = max(int(units), 2) if units is not None else None  # one sigmoid unit: 2 classes
    return classification_metrics(y, predicted, num_classes)


__all__ = [
    "Metrics",
    "classification_metrics",
    "confusion_matrix",
    "evaluate",
    "metrics_from_confusion",
    "predict_classes",
]
