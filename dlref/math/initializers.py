r"""Weight initialisers in NumPy, with Keras 3's definitions.

A kernel of shape ``(n_in, n_out)`` (dense) or ``(k_1, ..., k_d, c_in, c_out)`` (convolution)
has $n_\text{in}$ inputs and $n_\text{out}$ outputs per unit (`compute_fans`). Each initialiser
draws zero-mean weights with variance $s/n$, where $s$ is a scale and $n$ is $n_\text{in}$
(LeCun, He) or $(n_\text{in} + n_\text{out})/2$ (Glorot):

| initialiser | variance | distribution |
|---|---|---|
| `glorot_uniform` | $2/(n_\text{in} + n_\text{out})$ | uniform |
| `glorot_normal` | $2/(n_\text{in} + n_\text{out})$ | truncated normal |
| `he_uniform` | $2/n_\text{in}$ | uniform |
| `he_normal` | $2/n_\text{in}$ | truncated normal |
| `lecun_normal` | $1/n_\text{in}$ | truncated normal |

A uniform distribution on $[-\ell, \ell]$ has variance $\ell^2/3$, so $\ell = \sqrt{3s/n}$.

The truncated normal, as in `keras.initializers.VarianceScaling`, redraws every sample more than
two standard deviations from 0; since that cuts the standard deviation by the factor
$0.8796$ (`TRUNCATED_STD`), the normal before truncation has standard deviation
$\sqrt{s/n}/0.8796$, so the weights have variance $s/n$ after it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from dlref._validate import check_int, check_random_state

__all__ = [
    "TRUNCATED_STD",
    "compute_fans",
    "glorot_normal",
    "glorot_uniform",
    "he_normal",
    "he_uniform",
    "lecun_normal",
]

# Standard deviation of a standard normal truncated to [-2, 2] (the constant Keras uses).
TRUNCATED_STD = 0.87962566103423978


def _check_shape(shape: Any) -> tuple[int, ...]:
    if isinstance(shape, (int, np.integer)) and not isinstance(shape, bool):
        shape = (shape,)
    if not isinstance(shape, Sequence) or isinstance(shape, str):
        raise TypeError(f"shape must be a tuple of ints; got {type(shape).__name__}")
    if len(shape) == 0:
        raise ValueError("shape must have at least 1 dimension; got ()")
    return tuple(check_int(n, f"shape[{i}]", minimum=1) for i, n in enumerate(shape))


def compute_fans(shape: Sequence[int]) -> tuple[int, int]:
    r"""The number of inputs and outputs of a unit for a weight of this shape, as in Keras.

    For a dense kernel ``(n_in, n_out)`` they are the two sizes; for a convolution kernel
    ``(k_1, ..., k_d, c_in, c_out)`` each input and output channel counts once per kernel
    position: $n_\text{in} = k_1 \cdots k_d\, c_\text{in}$ and
    $n_\text{out} = k_1 \cdots k_d\, c_\text{out}$. A 1-D shape ``(n,)`` gives ``(n, n)``.

    Args:
        shape: The weight's shape, a tuple of positive ints.

    Returns:
        ``(fan_in, fan_out)``.
    """
    shape = _check_shape(shape)
    if len(shape) == 1:
        return shape[0], shape[0]
    receptive_field = math.prod(shape[:-2])
    return shape[-2] * receptive_field, shape[-1] * receptive_field


def _truncated_normal(
    shape: tuple[int, ...], stddev: float, rng: np.random.Generator
) -> NDArray[np.float64]:
    """Normal samples with standard deviation ``stddev``, those beyond 2 ``stddev`` redrawn."""
    out = rng.standard_normal(shape)
    outside = np.abs(out) > 2.0
    while outside.any():
        out[outside] = rng.standard_normal(int(outside.sum()))
        outside = np.abs(out) > 2.0
    return out * stddev


def _variance_scaling(
    shape: Any, seed: Any, *, scale: float, mode: str, distribution: str
) -> NDArray[np.float64]:
    shape = _check_shape(shape)
    rng = check_random_state(seed, "seed")
    fan_in, fan_out = compute_fans(shape)
    n = fan_in if mode == "fan_in" else (fan_in + fan_out) / 2
    variance = scale / n
    if distribution == "uniform":
        limit = math.sqrt(3.0 * variance)
        return rng.uniform(-limit, limit, size=shape)
    return _truncated_normal(shape, math.sqrt(variance) / TRUNCATED_STD, rng)


def glorot_uniform(shape: Sequence[int], seed: Any = None) -> NDArray[np.float64]:
    r"""Glorot (Xavier) uniform on $[-\ell, \ell]$, $\ell = \sqrt{6/(n_\text{in} + n_\text{out})}$.

    The variance is $2/(n_\text{in} + n_\text{out})$ (Glorot and Bengio, 2010); Keras's default
    kernel initialiser.

    Args:
        shape: The weight's shape, ``(n_in, n_out)`` or ``(k_1, ..., c_in, c_out)``.
        seed: ``None``, an int seed or a `numpy.random.Generator`.

    Returns:
        A float64 array of ``shape``.
    """
    return _variance_scaling(shape, seed, scale=1.0, mode="fan_avg", distribution="uniform")


def glorot_normal(shape: Sequence[int], seed: Any = None) -> NDArray[np.float64]:
    r"""Glorot (Xavier) normal: truncated normal with variance $2/(n_\text{in} + n_\text{out})$.

    Args:
        shape: The weight's shape, ``(n_in, n_out)`` or ``(k_1, ..., c_in, c_out)``.
        seed: ``None``, an int seed or a `numpy.random.Generator`.

    Returns:
        A float64 array of ``shape``.
    """
    return _variance_scaling(shape, seed, scale=1.0, mode="fan_avg", distribution="normal")


def he_uniform(shape: Sequence[int], seed: Any = None) -> NDArray[np.float64]:
    r"""He uniform: $U[-\ell, \ell]$ with $\ell = \sqrt{6/n_\text{in}}$, variance $2/n_\text{in}$.

    Args:
        shape: The weight's shape, ``(n_in, n_out)`` or ``(k_1, ..., c_in, c_out)``.
        seed: ``None``, an int seed or a `numpy.random.Generator`.

    Returns:
        A float64 array of ``shape``.
    """
    return _variance_scaling(shape, seed, scale=2.0, mode="fan_in", distribution="uniform")


def he_normal(shape: Sequence[int], seed: Any = None) -> NDArray[np.float64]:
    r"""He normal: truncated normal with variance $2/n_\text{in}$ (He et al., 2015), for ReLU.

    Args:
        shape: The weight's shape, ``(n_in, n_out)`` or ``(k_1, ..., c_in, c_out)``.
        seed: ``None``, an int seed or a `numpy.random.Generator`.

    Returns:
        A float64 array of ``shape``.
    """
    return _variance_scaling(shape, seed, scale=2.0, mode="fan_in", distribution="normal")


def lecun_normal(shape: Sequence[int], seed: Any = None) -> NDArray[np.float64]:
    r"""LeCun normal: truncated normal with variance $1/n_\text{in}$ (the choice for SELU).

    Args:
        shape: The weight's shape, ``(n_in, n_out)`` or ``(k_1, ..., c_in, c_out)``.
        seed: ``None``, an int seed or a `numpy.random.Generator`.

    Returns:
        A float64 array of ``shape``.
    """
    return _variance_scaling(shape, seed, scale=1.0, mode="fan_in", distribution="normal")
