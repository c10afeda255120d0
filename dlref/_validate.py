"""Argument checks shared by the library: each error names the argument and what was expected."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray


def as_float_array(value: ArrayLike, name: str) -> NDArray[np.floating]:
    """Return ``value`` as a float array (float32 stays float32, everything else float64).

    Raises ``TypeError`` for booleans, strings, objects and complex numbers, naming ``name``.
    """
    try:
        array = np.asarray(value)
    except (TypeError, ValueError) as error:  # ragged lists and the like
        raise TypeError(f"{name} must be a numeric array; got {type(value).__name__}") from error
    kind = array.dtype.kind
    if kind not in "iuf":
        raise TypeError(f"{name} must hold real numbers (int or float); got dtype {array.dtype}")
    if array.dtype in (np.float32, np.float64):
        return array
    if array.dtype == np.float16:
        return array.astype(np.float32)
    return array.astype(np.float64)


def check_finite_scalar(
    value: Any, name: str, *, minimum: float | None = None, maximum: float | None = None
) -> float:
    """Return ``value`` as a float after checking it is a finite real number within bounds."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a real number; got {type(value).__name__}")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{name} must be finite; got {number}")
    if minimum is not None and number < minimum:
        raise ValueError(f"{name} must be >= {minimum}; got {number}")
    if maximum is not None and number > maximum:
        raise ValueError(f"{name} must be <= {maximum}; got {number}")
    return number


def check_axis(axis: Any, ndim: int, name: str = "axis") -> int:
    """Return ``axis`` normalised to ``0..ndim-1``; raise if it is not a valid axis."""
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
        raise TypeError(f"{name} must be an int; got {type(axis).__name__}")
    if ndim == 0:
        raise ValueError(f"{name}={axis} needs an array with at least 1 dimension; got a scalar")
    if not -ndim <= axis < ndim:
        raise ValueError(f"{name}={axis} is out of range for an array with {ndim} dimension(s)")
    return int(axis) % ndim
