r"""DenseNet (Huang et al., 2017): dense blocks that concatenate, and the transitions between them.

In a dense block every layer receives the concatenation of the block's input and of the outputs of
all the layers before it, and adds $k$ channels, the growth rate: a block that starts with $k_0$
channels has $k_0 + l k$ after its layer $l$. Each layer is pre-activation, BN-ReLU-Conv:
BN + ReLU + 3x3 convolution to $k$ channels, or, with the bottleneck of DenseNet-B, BN + ReLU +
1x1 convolution to $4k$ channels + BN + ReLU + 3x3 convolution to $k$. A transition layer between
two blocks is BN + ReLU + 1x1 convolution to $\lfloor \theta C \rfloor$ channels + 2x2 average
pooling with stride 2; a compression $\theta < 1$ is DenseNet-C. Layout and layer names follow
``keras.applications.DenseNet121`` (no convolution biases, batch normalisation with
$\epsilon = 1.001 \times 10^{-5}$).
"""

from __future__ import annotations

from typing import Any

import keras

from dlref._validate import check_bool, check_finite_scalar, check_int
from dlref.models._common import check_feature_map
from dlref.models.resnet import BN_EPSILON


def _sub(name: str | None, suffix: str) -> str | None:
    return None if name is None else f"{name}_{suffix}"


def _bn_relu(x: Any, name: str | None) -> Any:
    x = keras.layers.BatchNormalization(epsilon=BN_EPSILON, name=_sub(name, "bn"))(x)
    return keras.layers.Activation("relu", name=_sub(name, "relu"))(x)


def dense_block(
    x: Any,
    num_layers: int,
    growth_rate: int = 32,
    *,
    bottleneck: bool = True,
    name: str | None = None,
) -> Any:
    """A dense block on a channels-last tensor ``x`` (functional API); returns its output.

    Each of the ``num_layers`` layers is BN + ReLU + 1x1 conv to ``4 * growth_rate`` channels +
    BN + ReLU + 3x3 conv to ``growth_rate`` channels (``bottleneck=False``: BN + ReLU + 3x3 conv
    only), all ``same`` padding and without biases, and its output is concatenated to its input.
    The output has the input's height and width and ``C + num_layers * growth_rate`` channels.
    With ``name``, layer ``i`` (from 1) is named like keras.applications' DenseNet:
    ``{name}_block{i}_0_bn``, ``..._1_conv``, ``..._2_conv``, ``..._concat``.
    """
    check_feature_map(x)
    num_layers = check_int(num_layers, "num_layers", minimum=1)
    growth_rate = check_int(growth_rate, "growth_rate", minimum=1)
    check_bool(bottleneck, "bottleneck")
    for i in range(num_layers):
        layer = _sub(name, f"block{i + 1}")
        y = _bn_relu(x, _sub(layer, "0"))
        if bottleneck:
            y = keras.layers.Conv2D(4 * growth_rate, 1, use_bias=False, name=_sub(layer, "1_conv"))(
                y
            )
            y = _bn_relu(y, _sub(layer, "1"))
        y = keras.layers.Conv2D(
            growth_rate, 3, padding="same", use_bias=False, name=_sub(layer, "2_conv")
        )(y)
        x = keras.layers.Concatenate(name=_sub(layer, "concat"))([x, y])
    return x


def transition_layer(x: Any, compression: float = 0.5, *, name: str | None = None) -> Any:
    r"""A transition layer between two dense blocks (functional API); returns its output.

    BN + ReLU + 1x1 conv (no bias) to $\lfloor \theta C \rfloor$ channels, $\theta$ =
    ``compression`` in $(0, 1]$, then 2x2 average pooling with stride 2, which halves the height
    and width (rounding down). Named like keras.applications' DenseNet: ``{name}_bn``,
    ``{name}_conv``, ``{name}_pool``.
    """
    channels = check_feature_map(x)
    theta = check_finite_scalar(
        compression,
        "compression",
        minimum=0.0,
        maximum=1.0,
        include_boundaries="right",
        hint=" (the fraction of channels the transition keeps)",
    )
    out_channels = int(channels * theta)
    if out_channels < 1:
        raise ValueError(
            f"compression={theta} keeps int({channels} * {theta}) = 0 of the {channels} input "
            f"channels; use compression >= {1 / channels:.3g}"
        )
    height, width = x.shape[1], x.shape[2]
    if (height is not None and height < 2) or (width is not None and width < 2):
        raise ValueError(
            f"x must be at least 2x2 for the transition's 2x2 average pooling; got shape "
            f"{tuple(x.shape)}"
        )
    x = _bn_relu(x, name)
    x = keras.layers.Conv2D(out_channels, 1, use_bias=False, name=_sub(name, "conv"))(x)
    return keras.layers.AveragePooling2D(2, strides=2, name=_sub(name, "pool"))(x)


__all__ = ["dense_block", "transition_layer"]
