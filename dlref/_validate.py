"""Argument checks shared by the library: each error names the argument and what was expected."""

from __future__ import annotations

import math
from typing import Any, Literal

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


Boundaries = Literal["both", "left", "right", "neither"]
_BRACKETS = {"both": "[]", "left": "[)", "right": "(]", "neither": "()"}


def check_finite_scalar(
    value: Any,
    name: str,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    include_boundaries: Boundaries = "both",
    hint: str = "",
) -> float:
    """Return ``value`` as a float after checking it is a finite real number within bounds.

    Modelled on `sklearn.utils.check_scalar`: ``include_boundaries`` says which of ``minimum``
    and ``maximum`` are allowed ("both", "left", "right" or "neither"). ``hint`` is added to the
    message of a value out of bounds, to say why the bound exists.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a real number; got {type(value).__name__}")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{name} must be finite; got {number}")
    _check_bounds(number, name, minimum, maximum, include_boundaries, hint)
    return number


def _check_bounds(
    number: float,
    name: str,
    minimum: float | None,
    maximum: float | None,
    include_boundaries: Boundaries,
    hint: str,
) -> None:
    if include_boundaries not in _BRACKETS:
        raise ValueError(
            "include_boundaries must be one of 'both', 'left', 'right', 'neither'; "
            f"got {include_boundaries!r}"
        )
    closed_low = include_boundaries in ("both", "left")
    closed_high = include_boundaries in ("both", "right")
    too_low = minimum is not None and (number < minimum or (number == minimum and not closed_low))
    too_high = maximum is not None and (number > maximum or (number == maximum and not closed_high))
    if not (too_low or too_high):
        return
    if minimum is not None and maximum is not None:
        low, high = _BRACKETS[include_boundaries]
        expected = f"in {low}{minimum:g}, {maximum:g}{high}"
    elif too_low:
        expected = f"{'>=' if closed_low else '>'} {minimum}"
    else:
        expected = f"{'<=' if closed_high else '<'} {maximum}"
    raise ValueError(f"{name} must be {expected}{hint}; got {number}")


def check_bool(value: Any, name: str) -> bool:
    """Return ``value`` as a Python bool; raise ``TypeError`` for anything but a (NumPy) bool."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be a bool; got {type(value).__name__}")
    return bool(value)


def check_random_state(value: Any, name: str = "random_state") -> np.random.Generator:
    """Return a NumPy ``Generator`` for ``value``: ``None``, an int seed >= 0 or a ``Generator``.

    The `numpy.random.Generator` counterpart of `sklearn.utils.check_random_state`; a
    ``Generator`` is returned as it is, so the caller shares its stream.
    """
    if isinstance(value, np.random.Generator):
        return value
    if value is None:
        return np.random.default_rng()
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(
            f"{name} must be None, an int seed or a numpy.random.Generator; "
            f"got {type(value).__name__}"
        )
    return np.random.default_rng(check_int(value, name, minimum=0))


def check_axis(axis: Any, ndim: int, name: str = "axis") -> int:
    """Return ``axis`` normalised to ``0..ndim-1``; raise if it is not a valid axis."""
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
        raise TypeError(f"{name} must be an int; got {type(axis).__name__}")
    if ndim == 0:
        raise ValueError(f"{name}={axis} needs an array with at least 1 dimension; got a scalar")
    if not -ndim <= axis < ndim:
        raise ValueError(f"{name}={axis} is out of range for an array with {ndim} dimension(s)")
    return int(axis) % ndim


def as_2d(value: ArrayLike, name: str, *, columns: int | None = None) -> NDArray[np.floating]:
    """Return ``value`` as a finite 2-D float array ``(n_samples, n_features)``.

    Raises ``ValueError`` naming ``name`` for another rank, an empty array, NaN/inf, or a column
    count different from ``columns``.
    """
    array = as_float_array(value, name)
    if array.ndim != 2:
        raise ValueError(f"{name} must be 2-D (n_samples, n_features); got shape {array.shape}")
    if array.shape[0] == 0 or array.shape[1] == 0:
        raise ValueError(f"{name} must not be empty; got shape {array.shape}")
    if columns is not None and array.shape[1] != columns:
        raise ValueError(
            f"{name} must have {columns} feature column(s), as seen in fit; got shape {array.shape}"
        )
    check_all_finite(array, name)
    return array


def check_all_finite(array: NDArray[np.floating], name: str) -> None:
    """Raise ``ValueError`` naming ``name`` if ``array`` holds NaN or infinity."""
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must not contain NaN or infinity")


def check_same_length(x: np.ndarray, y: np.ndarray, x_name: str = "X", y_name: str = "y") -> None:
    """Raise ``ValueError`` if ``x`` and ``y`` have different numbers of samples."""
    if x.shape[0] != y.shape[0]:
        raise ValueError(
            f"{x_name} and {y_name} must have the same number of samples; got {x_name} with "
            f"shape {x.shape} and {y_name} with shape {y.shape}"
        )


def check_int(
    value: Any, name: str, *, minimum: int | None = None, maximum: int | None = None
) -> int:
    """Return ``value`` as an int after checking its type and bounds."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an int; got {type(value).__name__}")
    number = int(value)
    if minimum is not None and number < minimum:
        raise ValueError(f"{name} must be >= {minimum}; got {number}")
    if maximum is not None and number > maximum:
        raise ValueError(f"{name} must be <= {maximum}; got {number}")
    return number


def check_choice(value: Any, name: str, choices: tuple[str, ...]) -> str:
    """Return ``value`` if it is one of ``choices``; otherwise raise naming the options."""
    if value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, choices))}; got {value!r}")
    return value


class NotFittedError(ValueError):
    """A model was used before ``fit``."""


def check_fitted(model: Any, attribute: str) -> None:
    """Raise `NotFittedError` if ``model`` has no ``attribute`` (set by ``fit``)."""
    if getattr(model, attribute, None) is None:
        raise NotFittedError(
            f"this {type(model).__name__} is not fitted yet; call fit(X, y) before using it"
        )
