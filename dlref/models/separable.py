r"""Depthwise-separable convolutions (MobileNet's and Xception's blocks) and their arithmetic.

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


def mobilenet_block(x: Any, filters: int, stride: int = 1, *, name: str | None = None) -> Any:
    r"""MobileNet's block: 3x3 depthwise conv + BN + ReLU6, then 1x1 conv + BN + ReLU6.

    Functional API: takes a channels-last tensor with $C_{in}$ channels and returns one with
    ``filters`` channels, the spatial size divided by ``stride`` (1 or 2, ``same`` padding).
    Neither convolution has a bias (batch normalisation's shift replaces it), so the block has
    $9 C_{in} + C_{in} C_{out}$ weights, and each batch normalisation $4C$ parameters ($\gamma$,
    $\beta$ and the two moving statistics). With ``name="conv_dw_3"``-style names it rebuilds
    ``keras.applications.MobileNet`` layer by layer: ``name`` gives ``{name}`` to the depthwise
    convolution and ``conv_pw_{i}`` to the pointwise one when ``name`` is ``conv_dw_{i}``,
    otherwise ``{name}_pw``. Keras pads stride-2 blocks with an explicit ``ZeroPadding2D``
    layer; ``same`` padding pads the same pixels for the even sizes of its 224x224 input.
    """
    check_feature_map(x)
    filters = check_int(filters, "filters", minimum=1)
    stride = check_int(stride, "stride", minimum=1)
    if stride > 2:
        raise ValueError(f"stride must be 1 or 2 (MobileNet's strides); got {stride}")
    if name is not None and not isinstance(name, str):
        raise TypeError(f"name must be None or a str; got {type(name).__name__}")
    pointwise = None
    if name is not None:
        pointwise = name.replace("conv_dw_", "conv_pw_") if "conv_dw_" in name else f"{name}_pw"

    def sub(base: str | None, suffix: str) -> str | None:
        return None if base is None else f"{base}_{suffix}"

    x = keras.layers.DepthwiseConv2D(3, strides=stride, padding="same", use_bias=False, name=name)(
        x
    )
    x = keras.layers.BatchNormalization(name=sub(name, "bn"))(x)
    x = keras.layers.ReLU(6.0, name=sub(name, "relu"))(x)
    x = keras.layers.Conv2D(filters, 1, use_bias=False, name=pointwise)(x)
    x = keras.layers.BatchNormalization(name=sub(pointwise, "bn"))(x)
    return keras.layers.ReLU(6.0, name=sub(pointwise, "relu"))(x)


__all__ = ["ParamCounts", "conv_param_counts", "mobilenet_block", "separable_block"]
