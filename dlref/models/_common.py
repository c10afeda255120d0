r"""Argument checks and spatial-size arithmetic shared by the model builders.

Every builder checks its arguments here *before* it creates a single layer, so a wrong
``input_shape`` gives a message that names the argument and the size that works instead of a
Keras shape error from deep inside the network.

The output size of a convolution or pooling window of size $k$ and stride $s$ on an
input of size $n$ is $\lfloor (n + 2p - k) / s \rfloor + 1$ for explicit padding
$p$ (``"valid"`` is $p = 0$) and $\lceil n / s \rceil$ for ``"same"``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dlref._validate import check_finite_scalar, check_int

#: ``"valid"``, ``"same"`` or a symmetric explicit zero padding in pixels.
Padding = str | int


@dataclass(frozen=True)
class Window:
    """One sliding-window layer (convolution or pooling) as far as the spatial size goes."""

    kernel: int
    stride: int = 1
    padding: Padding = "valid"

    def output_size(self, n: int) -> int:
        """Spatial output size for an input of size ``n`` (0 when the window does not fit)."""
        if self.padding == "same":
            return math.ceil(n / self.stride)
        pad = 0 if self.padding == "valid" else int(self.padding)
        span = n + 2 * pad - self.kernel
        return span // self.stride + 1 if span >= 0 else 0

    def min_input_size(self, out: int) -> int:
        """Smallest input size whose output size is at least ``out`` (>= 1)."""
        if self.padding == "same":
            return (out - 1) * self.stride + 1
        pad = 0 if self.padding == "valid" else int(self.padding)
        return max(1, (out - 1) * self.stride + self.kernel - 2 * pad)


def output_size(windows: Sequence[Window], n: int) -> int:
    """Spatial size after applying ``windows`` in order to an input of size ``n``."""
    for window in windows:
        n = window.output_size(n)
        if n <= 0:
            return 0
    return n


def min_input_size(windows: Sequence[Window], out: int = 1) -> int:
    """Smallest input size for which ``windows`` leave at least ``out`` pixels (found backwards).

    Both output formulas grow with the input size, so inverting them layer by layer from the last
    one gives the smallest size that works.
    """
    size = out
    for window in reversed(windows):
        size = window.min_input_size(size)
    return size


def check_feature_map(x: Any, name: str = "x") -> int:
    """Return the channel count of a 4-D channels-last tensor ``x``."""
    shape = getattr(x, "shape", None)
    if shape is None or len(shape) != 4:
        raise ValueError(
            f"{name} must be a 4-D (batch, height, width, channels) tensor; "
            f"got shape {None if shape is None else tuple(shape)}"
        )
    if shape[-1] is None:
        raise ValueError(f"{name} must have a known number of channels; got shape {tuple(shape)}")
    return int(shape[-1])


def check_input_shape(value: Any, name: str = "input_shape", *, ndim: int = 3) -> tuple[int, ...]:
    """Return ``value`` as a tuple of ``ndim`` positive ints, e.g. ``(height, width, channels)``."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise TypeError(
            f"{name} must be a tuple of {ndim} ints"
            + (" (height, width, channels)" if ndim == 3 else "")
            + f"; got {type(value).__name__}"
        )
    if len(value) != ndim:
        layout = " (height, width, channels), channels last" if ndim == 3 else ""
        raise ValueError(
            f"{name} must have {ndim} entries{layout}; got {tuple(value)!r} with {len(value)}"
        )
    return tuple(check_int(v, f"{name}[{i}]", minimum=1) for i, v in enumerate(value))


def check_image_size(
    input_shape: tuple[int, ...],
    windows: Sequence[Window],
    model: str,
    *,
    out: int = 1,
    hint: str = "",
) -> None:
    """Raise ``ValueError`` if ``windows`` shrink height or width of ``input_shape`` below ``out``.

    The message names ``input_shape``, the smallest height/width that works (computed from the
    layer arithmetic) and ``hint``.
    """
    smallest = min_input_size(windows, out)
    height, width = input_shape[0], input_shape[1]
    if height < smallest or width < smallest:
        message = (
            f"input_shape={input_shape!r} is too small for {model}: its convolutions and "
            f"poolings need height and width of at least {smallest} pixels; got "
            f"{height}x{width}"
        )
        raise ValueError(message + (f". {hint}" if hint else ""))


def check_num_classes(value: Any, *, minimum: int = 2) -> int:
    """Return ``num_classes`` as an int >= ``minimum`` (a softmax over one class is always 1)."""
    number = check_int(value, "num_classes")
    if number < minimum:
        why = " (a softmax over a single class always outputs 1)" if minimum == 2 else ""
        raise ValueError(f"num_classes must be an int >= {minimum}{why}; got {number}")
    return number


def check_rate(value: Any, name: str) -> float:
    """Return a dropout rate in ``[0, 1)``."""
    return check_finite_scalar(
        value,
        name,
        minimum=0.0,
        maximum=1.0,
        include_boundaries="left",
        hint=" (the fraction of units dropped)",
    )


def check_units(value: Any, name: str) -> tuple[int, ...]:
    """Return a sequence of layer widths as a tuple of positive ints (may be empty)."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise TypeError(
            f"{name} must be a tuple of ints (layer widths), e.g. (64, 32); got {value!r}"
        )
    return tuple(check_int(v, f"{name}[{i}]", minimum=1) for i, v in enumerate(value))


def check_activation(value: Any, name: str, *, allow_none: bool = False) -> str | None:
    """Return ``value`` if Keras knows it as an activation name (``None`` only if allowed)."""
    if value is None and allow_none:
        return None
    if not isinstance(value, str):
        expected = "an activation name (str) or None" if allow_none else "an activation name (str)"
        raise TypeError(f"{name} must be {expected}; got {type(value).__name__}")
    import keras

    try:
        keras.activations.get(value)
    except ValueError as error:
        raise ValueError(
            f"{name}={value!r} is not a Keras activation; use e.g. 'relu', 'tanh', 'sigmoid', "
            "'softmax' or 'linear'"
        ) from error
    return value


__all__ = [
    "Window",
    "check_activation",
    "check_feature_map",
    "check_image_size",
    "check_input_shape",
    "check_num_classes",
    "check_rate",
    "check_units",
    "min_input_size",
    "output_size",
]
