r"""Activation functions and their derivatives, in NumPy.

Every function takes an array-like ``x`` and returns an array of the same shape, float32 for
float32 input and float64 otherwise. They are written to be numerically stable: no overflow
warnings for $|x|$ up to $10^4$. The ``*_grad`` functions return the elementwise
derivative $f'(x)$; softmax, which mixes the elements of a vector, has
`softmax_jacobian` instead.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validate import as_float_array, check_axis, check_bool, check_finite_scalar

FloatArray = NDArray[np.floating]

_SQRT_2 = math.sqrt(2.0)
_SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)
_GELU_CUBIC = 0.044715


def sigmoid(x: ArrayLike) -> FloatArray:
    r"""Logistic sigmoid $\sigma(x) = 1 / (1 + e^{-x})$, with range $(0, 1)$."""
    x = as_float_array(x, "x")
    e = np.exp(-np.abs(x))  # never overflows: the exponent is <= 0
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e)).astype(x.dtype, copy=False)


def sigmoid_grad(x: ArrayLike) -> FloatArray:
    r"""Derivative of the sigmoid: $\sigma'(x) = \sigma(x)\,(1 - \sigma(x))$, at most 1/4."""
    s = sigmoid(x)
    return s * (1.0 - s)


def tanh(x: ArrayLike) -> FloatArray:
    r"""Hyperbolic tangent $\tanh x = (e^{x} - e^{-x}) / (e^{x} + e^{-x})$.

    It equals $2\sigma(2x) - 1$: a sigmoid rescaled to the range $(-1, 1)$.
    """
    return np.tanh(as_float_array(x, "x"))


def tanh_grad(x: ArrayLike) -> FloatArray:
    r"""Derivative of tanh: $1 - \tanh^2 x$, at most 1 (at $x = 0$)."""
    t = tanh(x)
    return 1.0 - t * t


def relu(x: ArrayLike) -> FloatArray:
    r"""Rectified linear unit $\max(0, x)$."""
    x = as_float_array(x, "x")
    return np.maximum(x, 0).astype(x.dtype, copy=False)


def relu_grad(x: ArrayLike) -> FloatArray:
    r"""Derivative of ReLU: 1 for $x > 0$, else 0 (0 at $x = 0$, as TensorFlow uses)."""
    x = as_float_array(x, "x")
    return (x > 0).astype(x.dtype)


def leaky_relu(x: ArrayLike, negative_slope: float = 0.2) -> FloatArray:
    r"""Leaky ReLU: $x$ for $x > 0$, else $\alpha x$.

    ``negative_slope`` ($\alpha$) defaults to 0.2, as ``keras.activations.leaky_relu`` does;
    many papers use 0.01.
    """
    x = as_float_array(x, "x")
    alpha = check_finite_scalar(negative_slope, "negative_slope", minimum=0.0)
    return np.where(x > 0, x, alpha * x).astype(x.dtype, copy=False)


def leaky_relu_grad(x: ArrayLike, negative_slope: float = 0.2) -> FloatArray:
    r"""Derivative of leaky ReLU: 1 for $x > 0$, else $\alpha$."""
    x = as_float_array(x, "x")
    alpha = check_finite_scalar(negative_slope, "negative_slope", minimum=0.0)
    return np.where(x > 0, 1.0, alpha).astype(x.dtype)


def softmax(x: ArrayLike, axis: int = -1) -> FloatArray:
    r"""Softmax along ``axis``: $\mathrm{softmax}(x)_i = e^{x_i} / \sum_j e^{x_j}$.

    The maximum is subtracted first, so large logits do not overflow. The outputs are positive
    and sum to 1 along ``axis``.
    """
    x = as_float_array(x, "x")
    axis = check_axis(axis, x.ndim)
    shifted = x - np.max(x, axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=axis, keepdims=True)


def log_sum_exp(x: ArrayLike, axis: int = -1, keepdims: bool = False) -> FloatArray:
    r"""$\log\sum_j e^{x_j}$ along ``axis``, shifted by the maximum so that it cannot overflow.

    ``keepdims`` keeps ``axis`` with size 1. A slice of ``-inf`` gives ``-inf``. The classical
    models (naive Bayes, Gaussian mixtures) and the cross-entropy on logits use it.
    """
    x = as_float_array(x, "x")
    axis = check_axis(axis, x.ndim)
    keepdims = check_bool(keepdims, "keepdims")
    top = np.max(x, axis=axis, keepdims=True)
    top = np.where(np.isfinite(top), top, 0.0)
    with np.errstate(divide="ignore"):
        out = top + np.log(np.sum(np.exp(x - top), axis=axis, keepdims=True))
    return out if keepdims else np.squeeze(out, axis=axis)


def softmax_jacobian(x: ArrayLike) -> FloatArray:
    r"""Jacobian of softmax over the last axis: $J_{ij} = s_i(\delta_{ij} - s_j)$.

    For ``x`` of shape ``(..., n)`` the result has shape ``(..., n, n)``.
    """
    x = as_float_array(x, "x")
    if x.ndim == 0:
        raise ValueError("x must have at least 1 dimension (the class axis); got a scalar")
    s = softmax(x, axis=-1)
    eye = np.eye(s.shape[-1], dtype=s.dtype)
    return s[..., :, None] * eye - s[..., :, None] * s[..., None, :]


def swish(x: ArrayLike) -> FloatArray:
    r"""Swish (SiLU) with $\beta = 1$: $x\,\sigma(x)$; its minimum is about -0.278."""
    x = as_float_array(x, "x")
    return x * sigmoid(x)


def swish_grad(x: ArrayLike) -> FloatArray:
    r"""Derivative of swish: $\sigma(x) + x\,\sigma(x)(1 - \sigma(x))$."""
    x = as_float_array(x, "x")
    s = sigmoid(x)
    return s + x * s * (1.0 - s)


def _erf(x: FloatArray) -> FloatArray:
    from scipy.special import erf  # imported on first use: dlref.math needs only NumPy to import

    return erf(x).astype(x.dtype, copy=False)


def gelu(x: ArrayLike, approximate: bool = False) -> FloatArray:
    r"""Gaussian error linear unit $x\,\Phi(x) = \tfrac{x}{2}(1 + \mathrm{erf}(x/\sqrt2))$.

    With ``approximate=True`` it uses the tanh form
    $\tfrac{x}{2}(1 + \tanh(\sqrt{2/\pi}(x + 0.044715 x^3)))$, as
    ``keras.activations.gelu(x, approximate=True)`` does.
    """
    x = as_float_array(x, "x")
    check_bool(approximate, "approximate")
    if approximate:
        inner = _SQRT_2_OVER_PI * (x + _GELU_CUBIC * x**3)
        return 0.5 * x * (1.0 + np.tanh(inner))
    return 0.5 * x * (1.0 + _erf(x / _SQRT_2))


def gelu_grad(x: ArrayLike, approximate: bool = False) -> FloatArray:
    r"""Derivative of GELU: $\Phi(x) + x\,\varphi(x)$ (or the derivative of the tanh form)."""
    x = as_float_array(x, "x")
    check_bool(approximate, "approximate")
    if approximate:
        inner = _SQRT_2_OVER_PI * (x + _GELU_CUBIC * x**3)
        t = np.tanh(inner)
        d_inner = _SQRT_2_OVER_PI * (1.0 + 3.0 * _GELU_CUBIC * x * x)
        return 0.5 * (1.0 + t) + 0.5 * x * (1.0 - t * t) * d_inner
    cdf = 0.5 * (1.0 + _erf(x / _SQRT_2))
    pdf = _INV_SQRT_2PI * np.exp(-0.5 * x * x)
    return cdf + x * pdf


@dataclass(frozen=True)
class Activation:
    """An elementwise activation with its derivative and the facts the pages print about it."""

    name: str
    function: Callable[[ArrayLike], FloatArray]
    derivative: Callable[[ArrayLike], FloatArray]
    output_range: str
    keras_name: str


#: The elementwise activations, by name. Softmax is not elementwise and is not listed here.
ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in (
        Activation("sigmoid", sigmoid, sigmoid_grad, "(0, 1)", "sigmoid"),
        Activation("tanh", tanh, tanh_grad, "(-1, 1)", "tanh"),
        Activation("relu", relu, relu_grad, "[0, ∞)", "relu"),
        Activation("leaky_relu", leaky_relu, leaky_relu_grad, "(-∞, ∞)", "leaky_relu"),
        Activation("swish", swish, swish_grad, "[-0.278, ∞)", "silu"),
        Activation("gelu", gelu, gelu_grad, "[-0.170, ∞)", "gelu"),
    )
}
