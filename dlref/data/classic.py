"""scikit-learn's bundled datasets (no download) as ready-to-train `Dataset` splits.

Inputs come back as float32 and labels as int64, the dtypes Keras expects.
"""

from __future__ import annotations

import numpy as np

from dlref._validate import check_choice, check_int
from dlref.data.images import RESIZE_METHODS, resize_images
from dlref.data.splits import Dataset, Split, check_seed, split_dataset, standardize

#: Pixel values of scikit-learn's digits run from 0 to this value.
DIGITS_MAX = 16.0


def load_digits(
    split: Split = (0.7, 0.15, 0.15),
    *,
    scale: bool = True,
    seed: int = 0,
    image: bool = False,
    upsample: int | None = None,
    upsample_method: str = "nearest",
) -> Dataset:
    """The 1797 handwritten 8x8 digits (classes 0-9), split with the class proportions kept.

    ``x`` is ``(n, 64)``; ``image=True`` gives ``(n, 8, 8, 1)`` for convolutional networks and
    ``upsample=16`` (any side >= 8) resizes the images to ``(n, 16, 16, 1)`` with ``"nearest"``
    (pixel blocks, like ``np.kron``) or ``"bilinear"`` interpolation. ``scale=True`` divides by 16
    so pixels lie in [0, 1].
    """
    from sklearn import datasets

    if upsample is not None:
        upsample = check_int(upsample, "upsample", minimum=8)
        check_choice(upsample_method, "upsample_method", RESIZE_METHODS)
    bunch = datasets.load_digits()
    pixels = bunch.images.astype(np.float32)
    if scale:
        pixels /= DIGITS_MAX
    if upsample is not None:
        pixels = resize_images(pixels, upsample, upsample_method)
    x = pixels[..., None] if image or upsample is not None else pixels.reshape(len(pixels), -1)
    names = tuple(str(c) for c in bunch.target_names)
    return split_dataset(
        x, bunch.target.astype(np.int64), split, seed=check_seed(seed), class_names=names
    )


def _tabular(loader_name: str, split: Split, scale: bool, seed: int) -> Dataset:
    from sklearn import datasets

    bunch = getattr(datasets, loader_name)()
    data = split_dataset(
        bunch.data.astype(np.float32),
        bunch.target.astype(np.int64),
        split,
        seed=check_seed(seed),
        class_names=tuple(str(c) for c in bunch.target_names),
    )
    return standardize(data) if scale else data


def load_iris(split: Split = (0.6, 0.2, 0.2), *, scale: bool = True, seed: int = 0) -> Dataset:
    """Fisher's 150 irises: 4 measurements, 3 species. ``scale`` standardises on the train split."""
    return _tabular("load_iris", split, scale, seed)


def load_breast_cancer(
    split: Split = (0.7, 0.15, 0.15), *, scale: bool = True, seed: int = 0
) -> Dataset:
    """Wisconsin breast cancer: 569 tumours, 30 features, ``malignant`` (0) or ``benign`` (1).

    ``scale`` standardises every feature with the mean and deviation of the train split.
    """
    return _tabular("load_breast_cancer", split, scale, seed)


__all__ = ["DIGITS_MAX", "load_breast_cancer", "load_digits", "load_iris"]
