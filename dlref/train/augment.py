"""Image augmentation as Keras preprocessing layers: active in training, identity at inference."""

from __future__ import annotations

import keras

from dlref._validate import check_finite_scalar, check_int

FLIP_MODES = ("horizontal", "vertical", "horizontal_and_vertical")


def augmentation(
    *,
    flip: bool | str = True,
    rotation: float = 0.1,
    zoom: float = 0.1,
    translation: float = 0.1,
    seed: int = 0,
) -> keras.Sequential:
    r"""A ``keras.Sequential`` of random flip, rotation, zoom and translation layers.

    ``flip=True`` flips left-right (or pass one of ``"horizontal"``, ``"vertical"``,
    ``"horizontal_and_vertical"``); ``rotation`` is a fraction of a full turn (0.1 means up to
    $\pm 36°$); ``zoom`` and ``translation`` are fractions of the image size. A value of 0
    (or ``flip=False``) leaves that layer out. Put the block first in a model: it transforms
    each batch during ``fit`` and passes inputs through unchanged in ``predict``/``evaluate``.
    """
    seed = check_int(seed, "seed", minimum=0)
    layers: list[keras.layers.Layer] = []
    if flip is True:
        flip = "horizontal"
    if flip is not False:
        if flip not in FLIP_MODES:
            raise ValueError(
                f"flip must be True, False or one of {', '.join(map(repr, FLIP_MODES))}; "
                f"got {flip!r}"
            )
        layers.append(keras.layers.RandomFlip(flip, seed=seed))
    rotation = check_finite_scalar(rotation, "rotation", minimum=0.0, maximum=1.0)
    zoom = check_finite_scalar(zoom, "zoom", minimum=0.0, maximum=0.9)
    translation = check_finite_scalar(translation, "translation", minimum=0.0, maximum=1.0)
    if rotation:
        layers.append(keras.layers.RandomRotation(rotation, seed=seed + 1))
    if zoom:
        layers.append(keras.layers.RandomZoom((-zoom, zoom), seed=seed + 2))
    if translation:
        layers.append(keras.layers.RandomTranslation(translation, translation, seed=seed + 3))
    if not layers:
        raise ValueError("augmentation needs at least one transform; every one is switched off")
    return keras.Sequential(layers, name="augmentation")


__all__ = ["FLIP_MODES", "augmentation"]
