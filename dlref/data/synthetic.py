r"""Generated 2-D classification sets and regression data with a known ground truth.

The classification wrappers call scikit-learn's generators with a seed and return
``(x, y)`` as float32 inputs and int64 labels; `dlref.data.split_dataset` cuts them into
train, validation and test parts.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from dlref._validate import as_float_array, check_all_finite, check_finite_scalar, check_int
from dlref.data.splits import check_seed

XY = tuple[NDArray[np.float32], NDArray[np.int64]]


def _pair(x: np.ndarray, y: np.ndarray) -> XY:
    return x.astype(np.float32), y.astype(np.int64)


def make_moons(n_samples: int = 200, *, noise: float = 0.2, seed: int = 0) -> XY:
    """Two interleaving half circles, classes 0 and 1: the smallest set a line cannot separate."""
    from sklearn import datasets

    n = check_int(n_samples, "n_samples", minimum=2)
    noise = check_finite_scalar(noise, "noise", minimum=0.0)
    return _pair(*datasets.make_moons(n, noise=noise, random_state=check_seed(seed)))


def make_circles(
    n_samples: int = 200, *, noise: float = 0.1, factor: float = 0.5, seed: int = 0
) -> XY:
    """A small circle (class 1) inside a large one (class 0); ``factor`` is the radius ratio."""
    from sklearn import datasets

    n = check_int(n_samples, "n_samples", minimum=2)
    noise = check_finite_scalar(noise, "noise", minimum=0.0)
    factor = check_finite_scalar(factor, "factor", minimum=0.0)
    if not 0.0 < factor < 1.0:
        raise ValueError(f"factor must be in (0, 1); got {factor}")
    return _pair(
        *datasets.make_circles(n, noise=noise, factor=factor, random_state=check_seed(seed))
    )


def make_blobs(
    n_samples: int = 300,
    *,
    centers: int = 3,
    n_features: int = 2,
    cluster_std: float = 1.0,
    seed: int = 0,
) -> XY:
    """Gaussian clusters, one per class, with centres drawn uniformly in [-10, 10]."""
    from sklearn import datasets

    n = check_int(n_samples, "n_samples", minimum=1)
    k = check_int(centers, "centers", minimum=1)
    d = check_int(n_features, "n_features", minimum=1)
    std = check_finite_scalar(cluster_std, "cluster_std", minimum=0.0)
    x, y = datasets.make_blobs(
        n, n_features=d, centers=k, cluster_std=std, random_state=check_seed(seed)
    )
    return _pair(x, y)


def make_regression_data(
    n_samples: int = 200,
    *,
    weights: Sequence[float] = (2.0,),
    bias: float = 1.0,
    noise: float = 0.1,
    nonlinear: bool = False,
    seed: int = 0,
) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    r"""Inputs $x \sim U(-1, 1)^d$ and targets with a known rule, ``d = len(weights)``.

    $y = x w + b + \varepsilon$ with $\varepsilon \sim N(0, \sigma^2)$,
    $\sigma$ = ``noise``; with ``nonlinear=True``,
    $y = \sin(\pi x)\, w + b + \varepsilon$, a curve no linear model fits. Returns
    ``x`` of shape ``(n, d)`` and ``y`` of shape ``(n,)``; the best possible mean squared error
    is $\sigma^2$.
    """
    n = check_int(n_samples, "n_samples", minimum=1)
    w = as_float_array(weights, "weights")
    if w.ndim != 1 or w.size == 0:
        raise ValueError(f"weights must be a non-empty 1-D sequence; got shape {w.shape}")
    check_all_finite(w, "weights")
    b = check_finite_scalar(bias, "bias")
    sigma = check_finite_scalar(noise, "noise", minimum=0.0)
    rng = np.random.default_rng(check_seed(seed))
    x = rng.uniform(-1.0, 1.0, size=(n, w.size))
    features = np.sin(np.pi * x) if nonlinear else x
    y = features @ w + b + sigma * rng.standard_normal(n)
    return x.astype(np.float32), y.astype(np.float32)


__all__ = ["make_blobs", "make_circles", "make_moons", "make_regression_data"]
