"""The `Dataset` container and stratified train/validation/test splits."""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validate import check_finite_scalar, check_int, check_same_length

#: ``(train, val, test)`` fractions, or one float: the test fraction, with no validation set.
Split = tuple[float, float, float] | float


class Dataset(NamedTuple):
    """Train, validation and test arrays plus the class names (empty for regression).

    A split that was not asked for (e.g. no validation set) holds arrays with 0 rows, so the
    shapes still say what one sample looks like.
    """

    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    class_names: tuple[str, ...] = ()

    @property
    def num_classes(self) -> int:
        """Number of classes (0 for a regression dataset)."""
        return len(self.class_names)

    def sizes(self) -> tuple[int, int, int]:
        """Rows in the train, validation and test splits."""
        return len(self.x_train), len(self.x_val), len(self.x_test)


def check_seed(seed: Any) -> int:
    """Return ``seed`` after checking it is an int >= 0 (what NumPy and scikit-learn accept)."""
    return check_int(seed, "seed", minimum=0)


def check_split(split: Any) -> tuple[float, float, float]:
    """Return ``split`` as ``(train, val, test)`` fractions that are >= 0 and sum to 1.

    A single float is the test fraction: ``0.25`` means ``(0.75, 0.0, 0.25)``.
    """
    if isinstance(split, (int, float, np.integer, np.floating)) and not isinstance(split, bool):
        test = check_finite_scalar(split, "split", minimum=0.0, maximum=1.0)
        if not 0.0 < test < 1.0:
            raise ValueError(f"split as a test fraction must be in (0, 1); got {test}")
        return (1.0 - test, 0.0, test)
    if not isinstance(split, (tuple, list)) or len(split) != 3:
        raise TypeError(
            f"split must be (train, val, test) fractions or a test fraction (float); got {split!r}"
        )
    fractions = tuple(
        check_finite_scalar(f, f"split[{i}]", minimum=0.0, maximum=1.0) for i, f in enumerate(split)
    )
    if abs(sum(fractions) - 1.0) > 1e-6:
        raise ValueError(f"split fractions must sum to 1; got {split!r} (sum {sum(fractions):g})")
    if fractions[0] == 0.0 or fractions[2] == 0.0:
        raise ValueError(f"split needs a non-zero train and test fraction; got {split!r}")
    return fractions  # type: ignore[return-value]


def split_dataset(
    x: ArrayLike,
    y: ArrayLike,
    split: Split = (0.7, 0.15, 0.15),
    *,
    seed: int = 0,
    stratify: bool = True,
    class_names: tuple[str, ...] = (),
) -> Dataset:
    """Shuffle ``x`` and ``y`` and cut them into train, validation and test parts.

    With ``stratify=True`` (classification) every part keeps the class proportions of ``y``.
    """
    from sklearn.model_selection import train_test_split

    x_arr, y_arr = np.asarray(x), np.asarray(y)
    check_same_length(x_arr, y_arr, "x", "y")
    train, val, test = check_split(split)
    seed = check_seed(seed)
    labels = y_arr if stratify else None
    x_rest, x_test, y_rest, y_test = train_test_split(
        x_arr, y_arr, test_size=test, random_state=seed, stratify=labels
    )
    if val == 0.0:
        return Dataset(x_rest, y_rest, x_rest[:0], y_rest[:0], x_test, y_test, tuple(class_names))
    x_train, x_val, y_train, y_val = train_test_split(
        x_rest,
        y_rest,
        test_size=val / (train + val),
        random_state=seed,
        stratify=y_rest if stratify else None,
    )
    return Dataset(x_train, y_train, x_val, y_val, x_test, y_test, tuple(class_names))


def standardize(data: Dataset) -> Dataset:
    r"""Scale every feature to mean 0 and standard deviation 1 *using the training split only*.

    $x' = (x - \mu_{train}) / \sigma_{train}$, computed by ``dlref.classic.StandardScaler``: a
    feature that is constant on the training split (up to rounding) keeps $\sigma = 1$.
    """
    from dlref.classic.preprocessing import StandardScaler

    scaler = StandardScaler().fit(data.x_train)

    def scale(a: NDArray[np.floating]) -> NDArray[np.float32]:
        return scaler.transform(a).astype(np.float32)

    return data._replace(
        x_train=scale(data.x_train), x_val=scale(data.x_val), x_test=scale(data.x_test)
    )


__all__ = ["Dataset", "Split", "check_seed", "check_split", "split_dataset", "standardize"]
