r"""Depthwise-separable convolutions (as in MobileNet and Xception) and parameter arithmetic.

A standard $k \times k$ convolution from $C_{in}$ to $C_{out}$ channels has
$k^2 C_{in} C_{out}$ weights. A depthwise-separable one first filters every input channel
on its own ($k^2 C_{in}$ weights) and then mixes channels with a 1x1 convolution
($C_{in} C_{out}$ weights): about $1/C_{out} + 1/k^2$ of the cost.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import keras

from dlref._validate import check_bool, check_int
from dlref.models._common import check_feature_map


@dataclass(frozen=True)
class ParamCounts:
    """Parameters of three layers mapping an ``H x W x C_in`` input to ``H x W x C_out``."""

    dense: int
    """A dense layer on the flattened input with a flattened ``H x W x C_out`` output."""
    conv: int
    """A standard ``k x k`` convolution (``same`` padding)."""
    separable: int
    """A depthwise ``k x k`` convolution followed by a pointwise 1x1 convolution."""

    @property
    def conv_over_separable(self) -> float:
        """How many times more parameters the standard convolution has."""
        return self.conv / self.separable

    @property
    def dense_over_conv(self) -> float:
        """How many times more parameters the dense layer has than the convolution."""
        return self.dense / self.conv


def conv_param_counts(
    in_channels: int,
    out_channels: int,
    kernel_size: int,
    *,
    height: int = 32,
    width: int | None = None,
    use_bias: bool = True,
) -> ParamCounts:
    r"""Parameter counts of a dense layer, a convolution and a separable convolution.

    All three map an ``height x width x in_channels`` input to ``height x width x out_channels``
    (``width`` defaults to ``height``). With $n = HW$ pixels and biases:

    - dense: $(n C_{in})(n C_{out}) + n C_{out}$
    - convolution: $k^2 C_{in} C_{out} + C_{out}$
    - separable: $k^2 C_{in} + C_{in} C_{out} + C_{out}$

    They equal ``count_params()`` of ``keras.layers.Dense``, ``Conv2D`` and ``SeparableConv2D``.
    """
    c_in = check_int(in_channels, "in_channels", minimum=1)
    c_out = check_int(out_channels, "out_channels", minimum=1)
    k = check_int(kernel_size, "kernel_size", minimum=1)
    h = check_int(height, "height", minimum=1)
    w = h if width is None else check_int(width, "width", minimum=1)
    check_bool(use_bias, "use_bias")
    pixels = h * w
    bias = c_out if use_bias else 0
    return ParamCounts(
        dense=pixels * c_in * pixels * c_out + (pixels * c_out if use_bias else 0),
        conv=k * k * c_in * c_out + bias,
        separable=k * k * c_in + c_in * c_out + bias,
    )


def separable_block(x: Any, filters: int, kernel_size: int = 3, *, name: str | None = None) -> Any:
    """Depthwise-separable ``kernel_size`` conv (``same``, no bias) + batch norm + ReLU.

    Functional API: takes and returns a channels-last tensor; the output has ``filters``
    channels. The bias is left out because batch normalisation's shift replaces it.
    """
    check_feature_map(x)
    filters = check_int(filters, "filters", minimum=1)
    kernel_size = check_int(kernel_size, "kernel_size", minimum=1)

    def sub(suffix: str) -> str | None:
        return None if name is None else f"{name}_{suffix}"

    x = keras.layers.SeparableConv2D(
        filters, kernel_size, padding="same", use_bias=False, name=sub("sepconv")
    )(x)
    x = keras.layers.BatchNormalization(name=sub("bn"))(x)
    return keras.layers.Activation("relu", name=sub("relu"))(x)


__all__ = ["ParamCounts", "conv_param_counts", "separable_block"]
