r"""Loss functions and their gradients, in NumPy, computed the way Keras computes them.

Every loss returns one number, a Python ``float``: the mean over samples, which is Keras's
default ``reduction="sum_over_batch_size"``. For the elementwise losses (MSE, MAE, Huber, binary
cross-entropy) that is the mean over all elements, as Keras first averages the last axis per
sample; categorical cross-entropy sums over the class (last) axis and averages over the other
axes. Each ``*_grad`` returns $\partial L / \partial \hat{y}$ of that mean loss, with the
shape and float dtype of ``y_pred``.

The cross-entropies take probabilities (``from_logits=False``, clipped to
$[\epsilon, 1 - \epsilon]$ with Keras's $\epsilon = 10^{-7}$) or logits
(``from_logits=True``, evaluated with log-sum-exp and `numpy.logaddexp`, so logits up to
$10^4$ cause no overflow).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validate import as_float_array, check_all_finite, check_bool, check_finite_scalar
from dlref.math.activations import log_sum_exp, sigmoid, softmax

FloatArray = NDArray[np.floating]

#: Keras's ``backend.epsilon()``: probabilities are clipped to ``[EPSILON, 1 - EPSILON]``.
EPSILON = 1e-7


def _pair(y_true: ArrayLike, y_pred: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Return ``(y_true, y_pred)`` as finite float arrays of one shape and ``y_pred``'s dtype."""
    y_pred = _predictions(y_pred)
    y_true = as_float_array(y_true, "y_true").astype(y_pred.dtype, copy=False)
    if y_true.shape != y_pred.shape:
        raise ValueError(
            "y_true and y_pred must have the same shape; got y_true with shape "
            f"{y_true.shape} and y_pred with shape {y_pred.shape}"
        )
    check_all_finite(y_true, "y_true")
    return y_true, y_pred


def _predictions(y_pred: ArrayLike) -> FloatArray:
    y_pred = as_float_array(y_pred, "y_pred")
    if y_pred.ndim == 0 or y_pred.size == 0:
        raise ValueError(
            f"y_pred must be a non-empty array with at least 1 dimension; got shape {y_pred.shape}"
        )
    check_all_finite(y_pred, "y_pred")
    return y_pred


def mse(y_true: ArrayLike, y_pred: ArrayLike) -> float:
    r"""Mean squared error $\frac{1}{N}\sum_i (\hat{y}_i - y_i)^2$ (``keras.losses.MSE``)."""
    y_true, y_pred = _pair(y_true, y_pred)
    return float(np.mean((y_pred - y_true) ** 2))


def mse_grad(y_true: ArrayLike, y_pred: ArrayLike) -> FloatArray:
    r"""Gradient of `mse`: $\frac{2}{N}(\hat{y} - y)$."""
    y_true, y_pred = _pair(y_true, y_pred)
    return 2.0 * (y_pred - y_true) / y_pred.size


def mae(y_true: ArrayLike, y_pred: ArrayLike) -> float:
    r"""Mean absolute error $\frac{1}{N}\sum_i |\hat{y}_i - y_i|$ (``keras.losses.MAE``)."""
    y_true, y_pred = _pair(y_true, y_pred)
    return float(np.mean(np.abs(y_pred - y_true)))


def mae_grad(y_true: ArrayLike, y_pred: ArrayLike) -> FloatArray:
    r"""Gradient of `mae`: $\frac{1}{N}\operatorname{sign}(\hat{y} - y)$ (0 at ties)."""
    y_true, y_pred = _pair(y_true, y_pred)
    return np.sign(y_pred - y_true) / y_pred.size


def huber(y_true: ArrayLike, y_pred: ArrayLike, delta: float = 1.0) -> float:
    r"""Huber loss: quadratic for small errors, linear for large ones (``keras.losses.Huber``).

    With $e = \hat{y} - y$, each element costs $\tfrac12 e^2$ if
    $|e| \le \delta$ and $\delta |e| - \tfrac12 \delta^2$ otherwise.
    """
    delta = check_finite_scalar(delta, "delta", minimum=0.0, include_boundaries="neither")
    y_true, y_pred = _pair(y_true, y_pred)
    error = y_pred - y_true
    abs_error = np.abs(error)
    per_element = np.where(
        abs_error <= delta, 0.5 * error * error, delta * abs_error - 0.5 * delta * delta
    )
    return float(np.mean(per_element))


def huber_grad(y_true: ArrayLike, y_pred: ArrayLike, delta: float = 1.0) -> FloatArray:
    r"""Gradient of `huber`: $\frac{1}{N}\,\mathrm{clip}(e, -\delta, \delta)$."""
    delta = check_finite_scalar(delta, "delta", minimum=0.0, include_boundaries="neither")
    y_true, y_pred = _pair(y_true, y_pred)
    return np.clip(y_pred - y_true, -delta, delta) / y_pred.size


def binary_cross_entropy(y_true: ArrayLike, y_pred: ArrayLike, from_logits: bool = False) -> float:
    r"""Binary cross-entropy $-\frac{1}{N}\sum_i [y_i \log p_i + (1 - y_i)\log(1 - p_i)]$.

    ``y_pred`` holds probabilities $p$ (clipped to $[\epsilon, 1 - \epsilon]$) or, with
    ``from_logits=True``, logits $z$; then each element is
    $\log(1 + e^{z}) - y z$, computed as ``logaddexp(0, z) - y * z``.
    Matches ``keras.losses.BinaryCrossentropy``.
    """
    from_logits = check_bool(from_logits, "from_logits")
    y_true, y_pred = _pair(y_true, y_pred)
    if from_logits:
        per_element = np.logaddexp(0.0, y_pred) - y_true * y_pred
    else:
        p = np.clip(y_pred, EPSILON, 1.0 - EPSILON)
        per_element = -(y_true * np.log(p) + (1.0 - y_true) * np.log1p(-p))
    return float(np.mean(per_element))


def binary_cross_entropy_grad(
    y_true: ArrayLike, y_pred: ArrayLike, from_logits: bool = False
) -> FloatArray:
    r"""Gradient of `binary_cross_entropy` with respect to ``y_pred``.

    For logits it is $\frac{1}{N}(\sigma(z) - y)$; for probabilities
    $\frac{1}{N}\,\frac{p - y}{p(1 - p)}$, and 0 where clipping is active.
    """
    from_logits = check_bool(from_logits, "from_logits")
    y_true, y_pred = _pair(y_true, y_pred)
    if from_logits:
        return (sigmoid(y_pred) - y_true) / y_pred.size
    p = np.clip(y_pred, EPSILON, 1.0 - EPSILON)
    inside = p == y_pred  # clipping stops the gradient, as tf.clip_by_value does
    return np.where(inside, (p - y_true) / (p * (1.0 - p)), 0.0).astype(y_pred.dtype) / y_pred.size


def _labels(y_true: ArrayLike, n_classes: int) -> NDArray[np.intp]:
    """Integer class labels in ``[0, n_classes)``; integer-valued floats are accepted."""
    labels = np.asarray(y_true)
    if labels.dtype.kind == "f" and np.all(np.isfinite(labels)) and np.all(labels == labels // 1):
        labels = labels.astype(np.intp)
    if labels.dtype.kind not in "iu":
        raise TypeError(
            f"y_true with shape {labels.shape} must hold integer class labels; got dtype "
            f"{labels.dtype} with non-integer values"
        )
    if labels.size and (labels.min() < 0 or labels.max() >= n_classes):
        raise ValueError(
            f"y_true class labels must lie in [0, {n_classes}) for y_pred with {n_classes} "
            f"classes; got values from {labels.min()} to {labels.max()}"
        )
    return labels.astype(np.intp, copy=False)


def _categorical_targets(
    y_true: ArrayLike, y_pred: ArrayLike
) -> tuple[FloatArray | NDArray[np.intp], FloatArray, bool]:
    """Return ``(targets, y_pred, sparse)``: one-hot/probability targets or integer labels."""
    y_pred = _predictions(y_pred)
    shape = np.shape(y_true)
    if shape == y_pred.shape:
        targets = as_float_array(y_true, "y_true").astype(y_pred.dtype, copy=False)
        check_all_finite(targets, "y_true")
        return targets, y_pred, False
    if shape == y_pred.shape[:-1]:
        return _labels(y_true, y_pred.shape[-1]), y_pred, True
    raise ValueError(
        "y_true must be one-hot with the shape of y_pred or integer labels with shape "
        f"{y_pred.shape[:-1]} (y_pred without its class axis); got y_true with shape {shape} "
        f"and y_pred with shape {y_pred.shape}"
    )


def _picked(values: FloatArray, labels: NDArray[np.intp]) -> FloatArray:
    """``values[..., labels]`` per sample: the entry of each sample's true class."""
    return np.take_along_axis(values, labels[..., None], axis=-1)[..., 0]


def _one_hot(labels: NDArray[np.intp], n_classes: int, dtype: np.dtype) -> FloatArray:
    return (labels[..., None] == np.arange(n_classes)).astype(dtype)


def categorical_cross_entropy(
    y_true: ArrayLike, y_pred: ArrayLike, from_logits: bool = False
) -> float:
    r"""Categorical cross-entropy $-\frac{1}{n}\sum_i \sum_k y_{ik} \log p_{ik}$.

    ``y_pred`` has the classes on its last axis. ``y_true`` is either one-hot (or any target
    distribution) of the same shape, as for ``keras.losses.CategoricalCrossentropy``, or integer
    labels with the shape of ``y_pred`` minus its last axis, as for
    ``keras.losses.SparseCategoricalCrossentropy``. With ``from_logits=True`` the per-sample loss
    is $\sum_k y_k \cdot \log\sum_j e^{z_j} - \sum_k y_k z_k$ (log-sum-exp, stable).

    With probabilities it follows Keras exactly: one-hot targets divide ``y_pred`` by its row sum
    and then clip to $[\epsilon, 1 - \epsilon]$; integer labels clip first and then
    normalise, $\log\sum_j p_j - \log p_y$. The two agree unless clipping is active.
    """
    from_logits = check_bool(from_logits, "from_logits")
    targets, y_pred, sparse = _categorical_targets(y_true, y_pred)
    if from_logits:
        lse = log_sum_exp(y_pred)
        if sparse:
            per_sample = lse - _picked(y_pred, targets)
        else:
            per_sample = np.sum(targets, axis=-1) * lse - np.sum(targets * y_pred, axis=-1)
    elif sparse:
        p = np.clip(y_pred, EPSILON, 1.0 - EPSILON)
        per_sample = np.log(np.sum(p, axis=-1)) - np.log(_picked(p, targets))
    else:
        p = np.clip(y_pred / np.sum(y_pred, axis=-1, keepdims=True), EPSILON, 1.0 - EPSILON)
        per_sample = -np.sum(targets * np.log(p), axis=-1)
    return float(np.mean(per_sample))


def categorical_cross_entropy_grad(
    y_true: ArrayLike, y_pred: ArrayLike, from_logits: bool = False
) -> FloatArray:
    r"""Gradient of `categorical_cross_entropy` with respect to ``y_pred``.

    For logits and one-hot targets it is the familiar
    $\frac{1}{n}(\mathrm{softmax}(z) - y)$ (in general
    $\frac{1}{n}(\mathrm{softmax}(z)\sum_k y_k - y)$); for probabilities it is the chain rule
    through Keras's normalisation and clipping (0 where clipping is active).
    """
    from_logits = check_bool(from_logits, "from_logits")
    targets, y_pred, sparse = _categorical_targets(y_true, y_pred)
    n_samples = y_pred.size // y_pred.shape[-1]
    if sparse:
        targets = _one_hot(targets, y_pred.shape[-1], y_pred.dtype)
    if from_logits:
        total = np.sum(targets, axis=-1, keepdims=True)
        return (softmax(y_pred) * total - targets) / n_samples
    if sparse:
        p = np.clip(y_pred, EPSILON, 1.0 - EPSILON)
        inside = p == y_pred
        grad = 1.0 / np.sum(p, axis=-1, keepdims=True) - targets / p
        return np.where(inside, grad, 0.0).astype(y_pred.dtype) / n_samples
    row_sum = np.sum(y_pred, axis=-1, keepdims=True)
    normalised = y_pred / row_sum
    p = np.clip(normalised, EPSILON, 1.0 - EPSILON)
    d_normalised = np.where(p == normalised, -targets / p, 0.0)
    d_pred = (d_normalised - np.sum(d_normalised * normalised, axis=-1, keepdims=True)) / row_sum
    return d_pred.astype(y_pred.dtype) / n_samples
