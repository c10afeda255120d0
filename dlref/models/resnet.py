r"""Residual networks (He et al., 2015): blocks that learn $y = \mathrm{ReLU}(F(x) + s(x))$.

The shortcut $s$ is the identity when $F$ keeps the shape, otherwise a 1x1
convolution with the same stride followed by batch normalisation (a *projection*). The layout
follows ``keras.applications.ResNet50`` (ResNet v1): convolutions have biases by default,
batch normalisation uses $\epsilon = 1.001 \times 10^{-5}$, and a bottleneck block puts its
stride on the first 1x1 convolution. With ``use_bias=False`` the trainable parameters are those
of torchvision's ResNets (11,689,512 for ResNet-18 with 1000 classes).

ResNeXt (Xie et al., 2017) keeps the bottleneck block and makes its 3x3 convolution a grouped
convolution: ``resnext_block`` with ``cardinality`` groups of ``width`` channels each.
"""

from __future__ import annotations

from typing import Any

import keras

from dlref._validate import check_bool, check_finite_scalar, check_int
from dlref.models._common import (
    check_feature_map,
    check_input_shape,
    check_num_classes,
    check_units,
)

BN_EPSILON = 1.001e-5

#: depth -> (block type, number of blocks in each of the four stages)
RESNET_LAYOUTS: dict[int, tuple[str, tuple[int, int, int, int]]] = {
    18: ("basic", (2, 2, 2, 2)),
    34: ("basic", (3, 4, 6, 3)),
    50: ("bottleneck", (3, 4, 6, 3)),
    101: ("bottleneck", (3, 4, 23, 3)),
    152: ("bottleneck", (3, 8, 36, 3)),
}

_EXPANSION = 4  # a bottleneck block outputs 4 x filters channels


def _check_bn_momentum(value: Any) -> float:
    """Return a batch-normalisation momentum in ``[0, 1)``."""
    return check_finite_scalar(
        value,
        "bn_momentum",
        minimum=0.0,
        maximum=1.0,
        include_boundaries="left",
        hint=" (the weight of the old moving statistics at each step)",
    )


def _conv_bn(
    x: Any,
    filters: int,
    kernel: int,
    stride: int,
    use_bias: bool,
    name: str | None,
    *,
    relu: bool,
    momentum: float = 0.99,
    groups: int = 1,
) -> Any:
    def sub(suffix: str) -> str | None:
        return None if name is None else f"{name}_{suffix}"

    x = keras.layers.Conv2D(
        filters,
        kernel,
        strides=stride,
        padding="same",
        groups=groups,
        use_bias=use_bias,
        name=sub("conv"),
    )(x)
    x = keras.layers.BatchNormalization(epsilon=BN_EPSILON, momentum=momentum, name=sub("bn"))(x)
    if relu:
        x = keras.layers.Activation("relu", name=sub("relu"))(x)
    return x


def residual_block(
    x: Any,
    filters: int,
    stride: int = 1,
    bottleneck: bool = False,
    *,
    use_bias: bool = True,
    bn_momentum: float = 0.99,
    name: str | None = None,
) -> Any:
    r"""One residual block on a channels-last tensor ``x`` (functional API); returns its output.

    - basic (``bottleneck=False``): 3x3 conv (stride ``stride``) + BN + ReLU, 3x3 conv + BN;
      output channels ``filters``.
    - bottleneck: 1x1 conv (stride ``stride``) + BN + ReLU, 3x3 conv + BN + ReLU,
      1x1 conv to ``4 * filters`` + BN; output channels ``4 * filters``.

    The shortcut is the identity if ``stride == 1`` and the channel count is unchanged, and a
    projection (1x1 conv with stride ``stride`` + BN) otherwise. Output:
    $\mathrm{ReLU}(F(x) + s(x))$. ``bn_momentum`` is the ``momentum`` of every
    ``BatchNormalization``: the moving mean and variance used at inference move by
    ``1 - bn_momentum`` towards each mini-batch's statistics (Keras' default 0.99 averages over
    about 100 steps; 0.9 suits short runs).
    """
    in_channels = check_feature_map(x)
    filters = check_int(filters, "filters", minimum=1)
    stride = check_int(stride, "stride", minimum=1)
    check_bool(bottleneck, "bottleneck")
    check_bool(use_bias, "use_bias")
    bn_momentum = _check_bn_momentum(bn_momentum)

    def sub(suffix: str) -> str | None:
        return None if name is None else f"{name}_{suffix}"

    out_channels = filters * _EXPANSION if bottleneck else filters
    m = bn_momentum
    if stride != 1 or in_channels != out_channels:
        shortcut = _conv_bn(x, out_channels, 1, stride, use_bias, sub("0"), relu=False, momentum=m)
    else:
        shortcut = x
    if bottleneck:
        y = _conv_bn(x, filters, 1, stride, use_bias, sub("1"), relu=True, momentum=m)
        y = _conv_bn(y, filters, 3, 1, use_bias, sub("2"), relu=True, momentum=m)
        y = _conv_bn(y, out_channels, 1, 1, use_bias, sub("3"), relu=False, momentum=m)
    else:
        y = _conv_bn(x, filters, 3, stride, use_bias, sub("1"), relu=True, momentum=m)
        y = _conv_bn(y, filters, 3, 1, use_bias, sub("2"), relu=False, momentum=m)
    y = keras.layers.Add(name=sub("add"))([shortcut, y])
    return keras.layers.Activation("relu", name=sub("out"))(y)


def resnext_block(
    x: Any,
    filters: int = 256,
    cardinality: int = 32,
    width: int = 4,
    stride: int = 1,
    *,
    use_bias: bool = False,
    bn_momentum: float = 0.99,
    name: str | None = None,
) -> Any:
    r"""One ResNeXt bottleneck block (Xie et al., 2017) on a channels-last tensor ``x``.

    1x1 conv to $Cd$ channels + BN + ReLU, 3x3 conv in $C$ groups of $d$ channels (stride
    ``stride``) + BN + ReLU, 1x1 conv to ``filters`` + BN, where $C$ is ``cardinality`` and
    $d$ is ``width``; output $\mathrm{ReLU}(F(x) + s(x))$ with ``filters`` channels. The
    shortcut $s$ is the identity if ``stride == 1`` and the input already has ``filters``
    channels, and a projection (1x1 conv with stride ``stride`` + BN) otherwise. The stride is
    on the grouped 3x3 convolution, as in the paper. The defaults, 256 channels with $C = 32$,
    $d = 4$, are a block of the first stage of ResNeXt-50 (32x4d): 256 -> 128 -> 128 -> 256.

    Convolutions have no biases by default (each is followed by BN), so a block with an identity
    shortcut on $c$ = ``filters`` channels has $2cCd + 9Cd^2$ weights and $4(2Cd + c)$ BN
    numbers; ``cardinality=1, width=64`` is ResNet-50's bottleneck block 256 -> 64 -> 64 -> 256.
    ``bn_momentum`` is the ``momentum`` of every ``BatchNormalization``, as in `residual_block`.
    """
    in_channels = check_feature_map(x)
    filters = check_int(filters, "filters", minimum=1)
    cardinality = check_int(cardinality, "cardinality", minimum=1)
    width = check_int(width, "width", minimum=1)
    stride = check_int(stride, "stride", minimum=1)
    check_bool(use_bias, "use_bias")
    m = _check_bn_momentum(bn_momentum)

    def sub(suffix: str) -> str | None:
        return None if name is None else f"{name}_{suffix}"

    inner = cardinality * width
    if stride != 1 or in_channels != filters:
        shortcut = _conv_bn(x, filters, 1, stride, use_bias, sub("0"), relu=False, momentum=m)
    else:
        shortcut = x
    y = _conv_bn(x, inner, 1, 1, use_bias, sub("1"), relu=True, momentum=m)
    y = _conv_bn(y, inner, 3, stride, use_bias, sub("2"), relu=True, momentum=m, groups=cardinality)
    y = _conv_bn(y, filters, 1, 1, use_bias, sub("3"), relu=False, momentum=m)
    y = keras.layers.Add(name=sub("add"))([shortcut, y])
    return keras.layers.Activation("relu", name=sub("out"))(y)


def resnet(
    depth: int = 50,
    input_shape: tuple[int, int, int] = (224, 224, 3),
    num_classes: int = 1000,
    *,
    use_bias: bool = True,
) -> keras.Model:
    """ResNet-``depth`` (18, 34, 50, 101 or 152) in the ``keras.applications`` v1 layout.

    Stem: 7x7/2 conv with 64 filters + BN + ReLU, 3x3/2 max-pool (both zero-padded so any image
    size works). Then four stages with 64, 128, 256 and 512 filters (``4x`` that many output
    channels for the bottleneck depths 50+), the first block of stages 2-4 with stride 2,
    global average pooling and a softmax dense layer. ``resnet(50)`` has exactly the parameters
    of ``keras.applications.ResNet50(weights=None)``; ``use_bias=False`` drops the convolution
    biases (redundant before BN), as torchvision does.
    """
    if isinstance(depth, bool) or depth not in RESNET_LAYOUTS:
        options = ", ".join(map(str, RESNET_LAYOUTS))
        raise ValueError(f"depth must be one of {options}; got {depth!r}")
    input_shape = check_input_shape(input_shape)
    num_classes = check_num_classes(num_classes)
    check_bool(use_bias, "use_bias")
    kind, blocks = RESNET_LAYOUTS[depth]

    inputs = keras.Input(shape=input_shape, name="image")
    x = keras.layers.ZeroPadding2D(3, name="conv1_pad")(inputs)
    x = keras.layers.Conv2D(64, 7, strides=2, use_bias=use_bias, name="conv1_conv")(x)
    x = keras.layers.BatchNormalization(epsilon=BN_EPSILON, name="conv1_bn")(x)
    x = keras.layers.Activation("relu", name="conv1_relu")(x)
    x = keras.layers.ZeroPadding2D(1, name="pool1_pad")(x)
    x = keras.layers.MaxPooling2D(3, strides=2, name="pool1_pool")(x)
    for stage, (filters, count) in enumerate(zip((64, 128, 256, 512), blocks, strict=True)):
        for i in range(count):
            x = residual_block(
                x,
                filters,
                stride=2 if stage > 0 and i == 0 else 1,
                bottleneck=kind == "bottleneck",
                use_bias=use_bias,
                name=f"conv{stage + 2}_block{i + 1}",
            )
    x = keras.layers.GlobalAveragePooling2D(name="avg_pool")(x)
    outputs = keras.layers.Dense(num_classes, activation="softmax", name="predictions")(x)
    return keras.Model(inputs, outputs, name=f"resnet{depth}")


def resnet_small(
    input_shape: tuple[int, int, int] = (32, 32, 3),
    num_classes: int = 10,
    *,
    widths: tuple[int, ...] = (16, 32, 64),
    blocks: int = 1,
    bn_momentum: float = 0.99,
    use_bias: bool = True,
) -> keras.Model:
    """A residual network for small images, in the plan of He et al.'s CIFAR-10 ResNets.

    Stem: 3x3 conv with ``widths[0]`` filters + BN + ReLU, no pooling. Then one stage per entry
    of ``widths``, each of ``blocks`` basic blocks (`residual_block`); the first block of every
    stage but the first has stride 2 (and a projection shortcut). Global average pooling and a
    softmax dense layer finish it. The longest path has ``2 * blocks * len(widths) + 2`` weight
    layers: ``widths=(16, 32, 64), blocks=3`` is a ResNet-20 (with projection shortcuts where
    the paper pads with zeros). Convolutions are ``same``-padded and the head pools globally, so
    the parameter count does not depend on the image size; 8x8 digits work as well as 32x32
    CIFAR-10 images.
    """
    input_shape = check_input_shape(input_shape)
    num_classes = check_num_classes(num_classes)
    widths = check_units(widths, "widths")
    if not widths:
        raise ValueError("widths must name at least one stage, e.g. (16, 32); got ()")
    blocks = check_int(blocks, "blocks", minimum=1)
    bn_momentum = _check_bn_momentum(bn_momentum)
    check_bool(use_bias, "use_bias")

    inputs = keras.Input(shape=input_shape, name="image")
    x = _conv_bn(inputs, widths[0], 3, 1, use_bias, "stem", relu=True, momentum=bn_momentum)
    for stage, filters in enumerate(widths):
        for i in range(blocks):
            x = residual_block(
                x,
                filters,
                stride=2 if stage > 0 and i == 0 else 1,
                use_bias=use_bias,
                bn_momentum=bn_momentum,
                name=f"stage{stage + 1}_block{i + 1}",
            )
    x = keras.layers.GlobalAveragePooling2D(name="avg_pool")(x)
    outputs = keras.layers.Dense(num_classes, activation="softmax", name="predictions")(x)
    return keras.Model(inputs, outputs, name="resnet_small")


__all__ = [
    "BN_EPSILON",
    "RESNET_LAYOUTS",
    "residual_block",
    "resnet",
    "resnet_small",
    "resnext_block",
]
