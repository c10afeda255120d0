"""NumPy arrays to a batched, shuffled and prefetched ``tf.data`` pipeline."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from dlref._validate import check_int, check_same_length
from dlref.data.splits import check_seed


def to_tf_dataset(
    x: ArrayLike,
    y: ArrayLike | None = None,
    *,
    batch_size: int = 32,
    shuffle: bool = True,
    seed: int = 0,
    drop_remainder: bool = False,
) -> Any:
    """A ``tf.data.Dataset`` of ``(x, y)`` batches (or ``x`` batches when ``y`` is None).

    With ``shuffle=True`` the whole set is reshuffled every epoch from ``seed`` (a buffer as
    large as the data gives a uniform shuffle). The pipeline ends in ``prefetch(AUTOTUNE)`` so the
    next batch is prepared while the model trains on the current one.
    """
    import tensorflow as tf

    features = np.asarray(x)
    if features.ndim == 0 or len(features) == 0:
        raise ValueError(f"x must be a non-empty array of samples; got shape {features.shape}")
    batch_size = check_int(batch_size, "batch_size", minimum=1)
    seed = check_seed(seed)
    if y is None:
        tensors: Any = features
    else:
        labels = np.asarray(y)
        check_same_length(features, labels, "x", "y")
        tensors = (features, labels)
    dataset = tf.data.Dataset.from_tensor_slices(tensors)
    if shuffle:
        dataset = dataset.shuffle(len(features), seed=seed, reshuffle_each_iteration=True)
    dataset = dataset.batch(batch_size, drop_remainder=drop_remainder)
    return dataset.prefetch(tf.data.AUTOTUNE)


__all__ = ["to_tf_dataset"]
