r"""GoogLeNet (Inception v1, Szegedy et al., 2014) and its inception block.

An inception block runs four branches side by side on the same input and concatenates their
outputs along the channel axis, so its output has
$c_{1\times1} + c_{3\times3} + c_{5\times5} + c_{pool}$ channels. The 1x1 "reduce"
convolutions shrink the channel count before the expensive 3x3 and 5x5 convolutions.
"""

from __future__ import annotations

from typing import Any

import keras

from dlref._validate import check_bool, check_int
from dlref.models._common import (
    Window,
    check_feature_map,
    check_image_size,
    check_input_shape,
    check_num_classes,
    check_rate,
)

#: The nine inception blocks of GoogLeNet (Table 1 of the paper):
#: (#1x1, #3x3 reduce, #3x3, #5x5 reduce, #5x5, pool proj).
GOOGLENET_BLOCKS: dict[str, tuple[int, int, int, int, int, int]] = {
    "3a": (64, 96, 128, 16, 32, 32),
    "3b": (128, 128, 192, 32, 96, 64),
    "4a": (192, 96, 208, 16, 48, 64),
    "4b": (160, 112, 224, 24, 64, 64),
    "4c": (128, 128, 256, 24, 64, 64),
    "4d": (112, 144, 288, 32, 64, 64),
    "4e": (256, 160, 320, 32, 128, 128),
    "5a": (256, 160, 320, 32, 128, 128),
    "5b": (384, 192, 384, 48, 128, 128),
}

# Stem and pools up to block 4a (all "same" padding), then the auxiliary head's 5x5/3 pool.
_TO_4A = (Window(7, 2, "same"), Window(3, 2, "same"), Window(3, 2, "same"), Window(3, 2, "same"))
_AUX_POOL = Window(5, 3)


def _conv(x: Any, filters: int, kernel: int, name: str | None, strides: int = 1) -> Any:
    return keras.layers.Conv2D(
        filters, kernel, strides=strides, padding="same", activation="relu", name=name
    )(x)


def inception_block(
    x: Any,
    filters_1x1: int,
    filters_3x3_reduce: int,
    filters_3x3: int,
    filters_5x5_reduce: int,
    filters_5x5: int,
    pool_proj: int,
    *,
    name: str | None = None,
) -> Any:
    r"""An Inception-v1 block on a channels-last tensor ``x`` (functional API); returns its output.

    Branches (all ReLU, ``same`` padding, stride 1): 1x1 conv; 1x1 reduce then 3x3 conv;
    1x1 reduce then 5x5 conv; 3x3 max-pool then 1x1 projection. With $C$ input channels
    it has $C(c_1 + r_3 + r_5 + c_p) + 9 r_3 c_3 + 25 r_5 c_5$ weights plus one bias per
    filter.
    """
    check_feature_map(x)
    counts = {
        "filters_1x1": filters_1x1,
        "filters_3x3_reduce": filters_3x3_reduce,
        "filters_3x3": filters_3x3,
        "filters_5x5_reduce": filters_5x5_reduce,
        "filters_5x5": filters_5x5,
        "pool_proj": pool_proj,
    }
    c1, r3, c3, r5, c5, cp = (check_int(v, k, minimum=1) for k, v in counts.items())

    def sub(suffix: str) -> str | None:
        return None if name is None else f"{name}_{suffix}"

    branch1 = _conv(x, c1, 1, sub("1x1"))
    branch3 = _conv(_conv(x, r3, 1, sub("3x3_reduce")), c3, 3, sub("3x3"))
    branch5 = _conv(_conv(x, r5, 1, sub("5x5_reduce")), c5, 5, sub("5x5"))
    pooled = keras.layers.MaxPooling2D(3, strides=1, padding="same", name=sub("pool"))(x)
    branch_pool = _conv(pooled, cp, 1, sub("pool_proj"))
    return keras.layers.Concatenate(axis=-1, name=sub("concat"))(
        [branch1, branch3, branch5, branch_pool]
    )


def _aux_head(x: Any, num_classes: int, name: str) -> Any:
    """Auxiliary classifier: 5x5/3 avg-pool, 1x1 conv 128, dense 1024, dropout 0.7, softmax."""
    x = keras.layers.AveragePooling2D(5, strides=3, name=f"{name}_pool")(x)
    x = _conv(x, 128, 1, f"{name}_conv")
    x = keras.layers.Flatten(name=f"{name}_flatten")(x)
    x = keras.layers.Dense(1024, activation="relu", name=f"{name}_fc")(x)
    x = keras.layers.Dropout(0.7, name=f"{name}_dropout")(x)
    return keras.layers.Dense(num_classes, activation="softmax", name=name)(x)


def googlenet(
    input_shape: tuple[int, int, int] = (224, 224, 3),
    num_classes: int = 1000,
    *,
    aux_classifiers: bool = False,
    dropout: float = 0.4,
) -> keras.Model:
    """GoogLeNet (Inception v1) with the block sizes of `GOOGLENET_BLOCKS`.

    Stem: 7x7/2 conv 64, 3x3/2 max-pool, 1x1 conv 64, 3x3 conv 192, 3x3/2 max-pool; then blocks
    3a, 3b, max-pool, 4a-4e, max-pool, 5a, 5b, global average pooling (the paper's 7x7 average
    pool at 224x224), dropout and a softmax layer. The paper's local response normalisation is
    left out.

    With ``aux_classifiers=True`` the model has three outputs ``[main, aux1, aux2]``: the two
    auxiliary heads on the outputs of 4a and 4d (train with ``loss_weights=[1, 0.3, 0.3]``).
    They need height and width of at least 65 pixels; without them any size works.
    """
    input_shape = check_input_shape(input_shape)
    num_classes = check_num_classes(num_classes)
    check_bool(aux_classifiers, "aux_classifiers")
    dropout = check_rate(dropout, "dropout")
    if aux_classifiers:
        check_image_size(
            input_shape,
            (*_TO_4A, _AUX_POOL),
            "googlenet with aux_classifiers=True",
            hint="Use larger images or aux_classifiers=False",
        )

    def pool(x: Any, name: str) -> Any:
        return keras.layers.MaxPooling2D(3, strides=2, padding="same", name=name)(x)

    inputs = keras.Input(shape=input_shape, name="image")
    x = _conv(inputs, 64, 7, "conv1", strides=2)
    x = pool(x, "pool1")
    x = _conv(x, 64, 1, "conv2_reduce")
    x = _conv(x, 192, 3, "conv2")
    x = pool(x, "pool2")
    aux_outputs = []
    for block, filters in GOOGLENET_BLOCKS.items():
        if block in ("4a", "5a"):
            x = pool(x, f"pool{block[0]}")
        x = inception_block(x, *filters, name=f"inception_{block}")
        if aux_classifiers and block in ("4a", "4d"):
            aux_outputs.append(_aux_head(x, num_classes, f"aux{len(aux_outputs) + 1}"))
    x = keras.layers.GlobalAveragePooling2D(name="avg_pool")(x)
    x = keras.layers.Dropout(dropout, name="dropout")(x)
    outputs = keras.layers.Dense(num_classes, activation="softmax", name="predictions")(x)
    if aux_outputs:
        return keras.Model(inputs, [outputs, *aux_outputs], name="googlenet")
    return keras.Model(inputs, outputs, name="googlenet")


__all__ = ["GOOGLENET_BLOCKS", "googlenet", "inception_block"]
