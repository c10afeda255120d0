"""Time dlref's k-means and k-NN against scikit-learn on 10,000 points.

Settings match on both sides:

- k-means: 10,000 points in 10-D from 8 Gaussian blobs, ``n_clusters=8``, ``init='k-means++'``,
  ``n_init=10``, ``max_iter=300``, ``tol=1e-4`` (scikit-learn with ``algorithm='lloyd'``).
- k-NN: fit on 10,000 points in 10-D (3 classes), predict 10,000 other points with
  ``n_neighbors=5``, uniform weights; scikit-learn with ``algorithm='brute'`` (the same exact
  search; its default would pick a tree or brute force on its own).

Each timing is the best of ``repeats`` runs (wall-clock, after one warm-up run). ``threads``
caps the BLAS and OpenMP thread pools of both libraries (threadpoolctl); by default each library
uses its own defaults: scikit-learn runs its k-means and k-NN loops on all cores, dlref is NumPy
(multi-threaded matrix products only). ``main`` prints both settings.
Usage: ``python tools/bench_classic.py [--repeats N]``
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable

import numpy as np
from sklearn import cluster as sk_cluster
from sklearn import neighbors as sk_neighbors
from sklearn.datasets import make_blobs
from threadpoolctl import threadpool_limits

from dlref.classic.cluster import KMeans
from dlref.classic.neighbors import KNeighborsClassifier

N_POINTS = 10_000
N_FEATURES = 10


def _best_time(function: Callable[[], object], repeats: int) -> float:
    function()  # warm-up: imports, caches, thread pools
    best = np.inf
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return float(best)


def bench_kmeans(repeats: int) -> tuple[str, float, float]:
    X, _ = make_blobs(N_POINTS, n_features=N_FEATURES, centers=8, random_state=0)
    settings = {"n_clusters": 8, "init": "k-means++", "n_init": 10, "max_iter": 300, "tol": 1e-4}
    ours = _best_time(lambda: KMeans(**settings, random_state=0).fit(X), repeats)
    theirs = _best_time(
        lambda: sk_cluster.KMeans(**settings, algorithm="lloyd", random_state=0).fit(X), repeats
    )
    return (f"k-means, {N_POINTS:,} points (dlref vs sklearn)", ours, theirs)


def bench_knn(repeats: int) -> tuple[str, float, float]:
    X, y = make_blobs(2 * N_POINTS, n_features=N_FEATURES, centers=3, random_state=0)
    X_fit, y_fit, X_query = X[:N_POINTS], y[:N_POINTS], X[N_POINTS:]
    ours_model = KNeighborsClassifier(n_neighbors=5).fit(X_fit, y_fit)
    theirs_model = sk_neighbors.KNeighborsClassifier(n_neighbors=5, algorithm="brute")
    theirs_model.fit(X_fit, y_fit)
    ours = _best_time(lambda: ours_model.predict(X_query), repeats)
    theirs = _best_time(lambda: theirs_model.predict(X_query), repeats)
    return (f"k-NN predict, {N_POINTS:,} points (dlref vs sklearn)", ours, theirs)


def run(repeats: int = 3, threads: int | None = None) -> list[tuple[str, float, float]]:
    """``(label, dlref seconds, scikit-learn seconds)`` for k-means and k-NN prediction.

    ``threads=None`` leaves both libraries' thread pools as they are; an int caps them.
    """
    with threadpool_limits(threads):
        return [bench_kmeans(repeats), bench_knn(repeats)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="timed runs per entry (best kept)")
    args = parser.parse_args()
    print(f"dlref.classic bench on {os.cpu_count()} CPU core(s): dlref s, sklearn s, ratio")
    for threads, title in ((None, "library defaults"), (1, "one thread each")):
        print(f" {title}:")
        for label, ours, theirs in run(args.repeats, threads):
            print(f"  {label:<52}{ours:>8.3f} s {theirs:>8.3f} s   {ours / theirs:>5.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
