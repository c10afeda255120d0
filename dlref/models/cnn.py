r"""Classic plain convolutional networks: LeNet-5, AlexNet and VGG.

A 2-D convolution with a $k \times k$ kernel, $C_{in}$ input and $C_{out}$
output channels has $k^2 C_{in} C_{out} + C_{out}$ parameters, independent of the image
size; the first dense layer after ``Flatten`` is where the image size enters the count.
"""

from __future__ import annotations

from collections.abc import Sequence

import keras

from dlref._validate import check_bool, check_int
from dlref.models._common import (
    Window,
    check_activation,
    check_image_size,
    check_input_shape,
    check_num_classes,
    check_rate,
    min_input_size,
)

#: Layer lists of the VGG paper (Simonyan & Zisserman, 2014), configurations A, B, D and E:
#: an int is a 3x3 convolution with that many filters (``same`` padding, ReLU), ``"M"`` a 2x2
#: max-pool with stride 2.
VGG_CONFIGS: dict[str, tuple[int | str, ...]] = {
    "vgg11": (64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"),
    "vgg13": (64, 64, "M", 128, 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"),
    "vgg16": (
        *(64, 64, "M", 128, 128, "M"),
        *(256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M"),
    ),
    "vgg19": (
        *(64, 64, "M", 128, 128, "M"),
        *(256, 256, 256, 256, "M", 512, 512, 512, 512, "M", 512, 512, 512, 512, "M"),
    ),
}

_ALEXNET_WINDOWS = (
    Window(11, 4),  # conv1 96@11x11 stride 4, valid
    Window(3, 2),  # max-pool 3x3/2
    Window(5, 1, "same"),  # conv2
    Window(3, 2),
    Window(3, 1, "same"),  # conv3..conv5
    Window(3, 2),
)


def lenet5(
    input_shape: tuple[int, int, int] = (32, 32, 1),
    num_classes: int = 10,
    *,
    activation: str = "tanh",
    pooling: str = "avg",
    kernel_size: int = 5,
    padding: str = "valid",
) -> keras.Model:
    r"""A simplified LeNet-5: conv 6@5x5, pool, conv 16@5x5, pool, dense 120, 84, classes.

    Convolutions use ``valid`` padding, pools are 2x2 with stride 2. This is the textbook
    simplification (61,706 parameters at the defaults), not the network of LeCun et al. (1998):
    C3 here sees all 6 input maps (the paper's sparse connection table has 1,516 parameters
    instead of 2,416), pooling has no parameters (the paper's subsampling layers have a
    trainable coefficient and bias per map, then a sigmoid), the activation is plain ``tanh``
    (the paper: $1.7159 \tanh(2a/3)$) and the output a softmax dense layer (the paper: 10
    Euclidean RBF units). ``activation="relu", pooling="max"`` is the modern variant. 28x28
    MNIST digits work too (the smallest size is 16x16). ``kernel_size`` and ``padding`` (of both
    convolutions) resize the plan for small images: ``kernel_size=3, padding="same"`` fits 8x8
    digits, whose two poolings leave a 2x2x16 map for ``c5``.
    """
    input_shape = check_input_shape(input_shape)
    num_classes = check_num_classes(num_classes)
    activation = check_activation(activation, "activation")
    if pooling not in ("avg", "max"):
        raise ValueError(f"pooling must be 'avg' or 'max'; got {pooling!r}")
    kernel_size = check_int(kernel_size, "kernel_size", minimum=1)
    if padding not in ("valid", "same"):
        raise ValueError(f"padding must be 'valid' or 'same'; got {padding!r}")
    conv_window = Window(kernel_size, 1, padding)
    windows = (conv_window, Window(2, 2), conv_window, Window(2, 2))
    check_image_size(input_shape, windows, "lenet5")

    pool = keras.layers.AveragePooling2D if pooling == "avg" else keras.layers.MaxPooling2D
    inputs = keras.Input(shape=input_shape, name="image")
    x = keras.layers.Conv2D(6, kernel_size, padding=padding, activation=activation, name="c1")(
        inputs
    )
    x = pool(2, name="s2")(x)
    x = keras.layers.Conv2D(16, kernel_size, padding=padding, activation=activation, name="c3")(x)
    x = pool(2, name="s4")(x)
    x = keras.layers.Flatten(name="flatten")(x)
    x = keras.layers.Dense(120, activation=activation, name="c5")(x)
    x = keras.layers.Dense(84, activation=activation, name="f6")(x)
    outputs = keras.layers.Dense(num_classes, activation="softmax", name="output")(x)
    return keras.Model(inputs, outputs, name="lenet5")


def alexnet_min_size() -> int:
    """Smallest height/width `alexnet` accepts, from its conv/pool arithmetic (67)."""
    return min_input_size(_ALEXNET_WINDOWS)


def alexnet(
    input_shape: tuple[int, int, int] = (227, 227, 3),
    num_classes: int = 1000,
    *,
    dropout: float = 0.5,
) -> keras.Model:
    """AlexNet (Krizhevsky et al., 2012) for ImageNet-sized images: 5 conv + 3 dense layers.

    conv 96@11x11/4, max-pool 3x3/2, conv 256@5x5, max-pool, conv 384@3x3, 384@3x3, 256@3x3,
    max-pool, dense 4096, 4096, ``num_classes``; ReLU everywhere, dropout on the outputs of the
    two hidden dense layers ``fc6`` and ``fc7``, as in the paper. This single-tower version
    drops the paper's local response normalisation and two-GPU grouping (62,378,344 parameters
    for 1000 classes at 227x227).

    Inputs smaller than `alexnet_min_size` pixels are rejected; use `alexnet_small`
    for 32x32 images.
    """
    input_shape = check_input_shape(input_shape)
    num_classes = check_num_classes(num_classes)
    dropout = check_rate(dropout, "dropout")
    check_image_size(
        input_shape,
        _ALEXNET_WINDOWS,
        "alexnet",
        hint="For small images such as 32x32 CIFAR-10 use alexnet_small(input_shape=...)",
    )

    conv = keras.layers.Conv2D
    inputs = keras.Input(shape=input_shape, name="image")
    x = conv(96, 11, strides=4, activation="relu", name="conv1")(inputs)
    x = keras.layers.MaxPooling2D(3, strides=2, name="pool1")(x)
    x = conv(256, 5, padding="same", activation="relu", name="conv2")(x)
    x = keras.layers.MaxPooling2D(3, strides=2, name="pool2")(x)
    x = conv(384, 3, padding="same", activation="relu", name="conv3")(x)
    x = conv(384, 3, padding="same", activation="relu", name="conv4")(x)
    x = conv(256, 3, padding="same", activation="relu", name="conv5")(x)
    x = keras.layers.MaxPooling2D(3, strides=2, name="pool5")(x)
    x = keras.layers.Flatten(name="flatten")(x)
    for i in (6, 7):
        x = keras.layers.Dense(4096, activation="relu", name=f"fc{i}")(x)
        x = keras.layers.Dropout(dropout, name=f"dropout{i}")(x)
    outputs = keras.layers.Dense(num_classes, activation="softmax", name="fc8")(x)
    return keras.Model(inputs, outputs, name="alexnet")


def alexnet_small(
    input_shape: tuple[int, int, int] = (32, 32, 3),
    num_classes: int = 10,
    *,
    dropout: float = 0.5,
) -> keras.Model:
    """An AlexNet-shaped network for small images such as 32x32 CIFAR-10.

    Same plan as `alexnet` (5 conv + 3 dense layers, ReLU, 3 max-pools, dropout after ``fc6``
    and ``fc7``) but with
    3x3 kernels, stride 1, ``same`` padding, 2x2 pools and narrower layers: conv 32, pool,
    conv 64, pool, conv 128, 128, 64, pool, dense 256, 256, ``num_classes``. At 32x32 the pools
    see 32, 16 and 8 pixels and the classifier a 4x4x64 map; the smallest input is 8x8.
    """
    input_shape = check_input_shape(input_shape)
    num_classes = check_num_classes(num_classes)
    dropout = check_rate(dropout, "dropout")
    windows = (Window(2, 2),) * 3
    check_image_size(input_shape, windows, "alexnet_small")

    def conv(filters: int, name: str) -> keras.layers.Layer:
        return keras.layers.Conv2D(filters, 3, padding="same", activation="relu", name=name)

    inputs = keras.Input(shape=input_shape, name="image")
    x = conv(32, "conv1")(inputs)
    x = keras.layers.MaxPooling2D(2, name="pool1")(x)
    x = conv(64, "conv2")(x)
    x = keras.layers.MaxPooling2D(2, name="pool2")(x)
    x = conv(128, "conv3")(x)
    x = conv(128, "conv4")(x)
    x = conv(64, "conv5")(x)
    x = keras.layers.MaxPooling2D(2, name="pool5")(x)
    x = keras.layers.Flatten(name="flatten")(x)
    for i in (6, 7):
        x = keras.layers.Dense(256, activation="relu", name=f"fc{i}")(x)
        x = keras.layers.Dropout(dropout, name=f"dropout{i}")(x)
    outputs = keras.layers.Dense(num_classes, activation="softmax", name="fc8")(x)
    return keras.Model(inputs, outputs, name="alexnet_small")


def _check_vgg_config(config: str | Sequence[int | str]) -> tuple[tuple[int | str, ...], str]:
    """Return the layer list and model name for a VGG ``config`` (a name or a list)."""
    options = ", ".join(map(repr, VGG_CONFIGS))
    if isinstance(config, str):
        if config not in VGG_CONFIGS:
            raise ValueError(
                f"config must be one of {options} or a list of ints (3x3 conv filters) and 'M' "
                f"(2x2 max-pool); got {config!r}"
            )
        return VGG_CONFIGS[config], config
    if not isinstance(config, Sequence):
        raise TypeError(
            f"config must be a VGG name ({options}) or a list of ints and 'M'; "
            f"got {type(config).__name__}"
        )
    layers: list[int | str] = []
    for i, item in enumerate(config):
        if item == "M":
            layers.append("M")
        elif isinstance(item, int) and not isinstance(item, bool):
            layers.append(check_int(item, f"config[{i}]", minimum=1))
        else:
            raise ValueError(
                f"config[{i}] must be a positive int (conv filters) or 'M' (max-pool); got {item!r}"
            )
    if not any(item != "M" for item in layers):
        raise ValueError(f"config must contain at least one convolution (an int); got {config!r}")
    return tuple(layers), "vgg"


def vgg(
    config: str | Sequence[int | str] = "vgg16",
    input_shape: tuple[int, int, int] = (224, 224, 3),
    num_classes: int = 1000,
    *,
    include_top: bool = True,
    classifier_units: int = 4096,
) -> keras.Model:
    """A VGG network: 3x3 ``same`` convolutions with ReLU, 2x2 max-pools, then a dense classifier.

    Args:
        config: ``"vgg11"``, ``"vgg13"``, ``"vgg16"``, ``"vgg19"`` (see `VGG_CONFIGS`) or
            your own list such as ``[32, "M", 64, "M"]``.
        input_shape: ``(height, width, channels)``; every ``"M"`` halves the size, so height and
            width must be at least ``2 ** (number of "M")`` (32 for the named VGGs).
        num_classes: softmax outputs of the classifier (ignored without the top).
        include_top: add ``Flatten``, two ReLU dense layers of ``classifier_units`` and the
            softmax layer, as ``keras.applications.VGG16`` does; ``False`` returns the last
            feature map.
        classifier_units: width of the two hidden dense layers (4096 in the paper).
    """
    layers, name = _check_vgg_config(config)
    input_shape = check_input_shape(input_shape)
    check_bool(include_top, "include_top")
    if include_top:
        num_classes = check_num_classes(num_classes)
        classifier_units = check_int(classifier_units, "classifier_units", minimum=1)
    windows = tuple(Window(2, 2) for item in layers if item == "M")
    check_image_size(input_shape, windows, name, hint="Use fewer 'M' layers or larger images")

    inputs = keras.Input(shape=input_shape, name="image")
    x = inputs
    block, conv_in_block = 1, 0
    for item in layers:
        if item == "M":
            x = keras.layers.MaxPooling2D(2, strides=2, name=f"block{block}_pool")(x)
            block, conv_in_block = block + 1, 0
        else:
            conv_in_block += 1
            x = keras.layers.Conv2D(
                item,
                3,
                padding="same",
                activation="relu",
                name=f"block{block}_conv{conv_in_block}",
            )(x)
    if include_top:
        x = keras.layers.Flatten(name="flatten")(x)
        x = keras.layers.Dense(classifier_units, activation="relu", name="fc1")(x)
        x = keras.layers.Dense(classifier_units, activation="relu", name="fc2")(x)
        x = keras.layers.Dense(num_classes, activation="softmax", name="predictions")(x)
    return keras.Model(inputs, x, name=name)


def vgg16(
    input_shape: tuple[int, int, int] = (224, 224, 3), num_classes: int = 1000, **kwargs
) -> keras.Model:
    """VGG-16 (configuration D): 13 convolutions and 3 dense layers; see `vgg`."""
    return vgg("vgg16", input_shape, num_classes, **kwargs)


def vgg19(
    input_shape: tuple[int, int, int] = (224, 224, 3), num_classes: int = 1000, **kwargs
) -> keras.Model:
    """VGG-19 (configuration E): 16 convolutions and 3 dense layers; see `vgg`."""
    return vgg("vgg19", input_shape, num_classes, **kwargs)


__all__ = [
    "VGG_CONFIGS",
    "alexnet",
    "alexnet_min_size",
    "alexnet_small",
    "lenet5",
    "vgg",
    "vgg16",
    "vgg19",
]
