r"""Clustering in NumPy: k-means (Lloyd's algorithm) and agglomerative clustering.

**k-means** looks for $k$ centres $\boldsymbol\mu_1, \dots, \boldsymbol\mu_k$ that
minimise the inertia $\sum_i \min_c \lVert\mathbf{x}_i - \boldsymbol\mu_c\rVert^2$. Lloyd's
algorithm alternates two steps until the labels stop changing or the centres move less than
``tol`` (relative to the mean feature variance, as in scikit-learn): assign each point to its
nearest centre (one matrix product, $\lVert\mathbf{x}\rVert^2 - 2\mathbf{x}^\top
\boldsymbol\mu + \lVert\boldsymbol\mu\rVert^2$), then move each centre to the mean of its points.
It only finds a local minimum, so it is restarted ``n_init`` times from k-means++ seeds (each new
seed drawn with probability proportional to $D(\mathbf{x})^2$, the squared distance to the
nearest seed so far, keeping the best of $2 + \lfloor\ln k\rfloor$ candidates) or random
points, and the run with the lowest inertia is kept.

**Agglomerative clustering** starts with every point as its own cluster and repeatedly merges the
two closest clusters until ``n_clusters`` remain. After merging $i$ and $j$, the
distance from any cluster $k$ to the union follows from the Lance–Williams update:
single linkage $\min(d_{ki}, d_{kj})$, complete linkage $\max(d_{ki}, d_{kj})$,
average linkage $(n_i d_{ki} + n_j d_{kj}) / (n_i + n_j)$, and Ward
$\sqrt{\bigl((n_i + n_k) d_{ki}^2 + (n_j + n_k) d_{kj}^2 - n_k d_{ij}^2\bigr)
/ (n_i + n_j + n_k)}$. It keeps an $n \times n$ distance matrix, so it suits
$n \lesssim 1000$.

**DBSCAN** finds clusters as dense regions. A point is a core point when at least
``min_samples`` points, itself included, lie within distance ``eps`` of it; clusters are the
connected components of the core points (two cores are linked when they are within ``eps``),
each with the non-core points within ``eps`` of one of its cores (border points); every other
point is noise, label $-1$.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray
from sklearn.base import ClusterMixin, TransformerMixin

from dlref._validate import (
    check_choice,
    check_finite_scalar,
    check_int,
    check_random_state,
)
from dlref.classic._base import BaseModel, _check_X

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]


def _check_n_clusters(n_clusters: int, n_samples: int, name: str = "n_clusters") -> None:
    if n_clusters > n_samples:
        raise ValueError(
            f"{name}={n_clusters} must be <= the number of samples; got {n_samples} sample(s)"
        )


def _sq_norms(X: FloatArray) -> FloatArray:
    return np.einsum("ij,ij->i", X, X)


_BLOCK_ROWS = 2048  # rows per matrix product: small products run on one thread, without sync


def _sq_distances(X: FloatArray, x_sq: FloatArray, centers: FloatArray) -> FloatArray:
    r"""Squared distances $\lVert\mathbf{x}_i - \mathbf{c}_j\rVert^2$, shape (n, m),
    clipped at 0; computed by blocks of rows."""
    out = np.empty((X.shape[0], centers.shape[0]))
    scaled = -2.0 * centers.T
    for start in range(0, X.shape[0], _BLOCK_ROWS):
        np.matmul(X[start : start + _BLOCK_ROWS], scaled, out=out[start : start + _BLOCK_ROWS])
    out += _sq_norms(centers)
    out += x_sq[:, None]
    return np.maximum(out, 0.0, out=out)


def _closest(X: FloatArray, x_sq: FloatArray, centers: FloatArray) -> tuple[IntArray, FloatArray]:
    """Index of each point's nearest centre and the squared distance to it."""
    distances = _sq_distances(X, x_sq, centers)
    labels = np.argmin(distances, axis=1)
    return labels, distances[np.arange(X.shape[0]), labels]


def _kmeans_plusplus(
    X: FloatArray, x_sq: FloatArray, k: int, rng: np.random.Generator
) -> FloatArray:
    r"""Greedy k-means++ seeds: of $2 + \lfloor\ln k\rfloor$ candidates drawn with
    probability $\propto D(\mathbf{x})^2$, keep the one that lowers the inertia most."""
    n = X.shape[0]
    trials = 2 + int(np.log(k))
    centers = np.empty((k, X.shape[1]))
    centers[0] = X[rng.integers(n)]
    closest = _sq_distances(X, x_sq, centers[:1])[:, 0]
    potential = closest.sum()
    for c in range(1, k):
        draws = rng.uniform(size=trials) * potential
        candidates = np.minimum(np.searchsorted(np.cumsum(closest), draws), n - 1)
        to_candidates = np.minimum(closest[:, None], _sq_distances(X, x_sq, X[candidates]))
        potentials = to_candidates.sum(axis=0)
        best = int(np.argmin(potentials))
        potential, closest = potentials[best], to_candidates[:, best]
        centers[c] = X[candidates[best]]
    return centers


def _lloyd(
    X: FloatArray, x_sq: FloatArray, centers: FloatArray, max_iter: int, tol: float
) -> tuple[FloatArray, IntArray, float, int]:
    """Lloyd iterations from ``centers``; returns centres, labels, inertia and iterations."""
    k = centers.shape[0]
    labels_old = np.full(X.shape[0], -1)
    strict = False
    n_iter = 0
    while n_iter < max_iter:
        n_iter += 1
        labels, sq_dist = _closest(X, x_sq, centers)
        counts = np.bincount(labels, minlength=k)
        sums = np.column_stack([np.bincount(labels, column, minlength=k) for column in X.T])
        empty = np.flatnonzero(counts == 0)
        if empty.size:  # move empty clusters onto the points farthest from their centre
            far = np.argsort(sq_dist)[::-1][: empty.size]
            sums[empty], counts[empty] = X[far], 1
        new_centers = sums / counts[:, None]
        shift = float(np.sum((new_centers - centers) ** 2))
        centers = new_centers
        if np.array_equal(labels, labels_old):
            strict = True  # the labels are final and the centres are their means
            break
        if shift <= tol:
            break
        labels_old = labels
    if not strict:
        labels, _ = _closest(X, x_sq, centers)
    inertia = float(np.sum((X - centers[labels]) ** 2))
    return centers, labels, inertia, n_iter


class KMeans(ClusterMixin, TransformerMixin, BaseModel):
    """k-means clustering by Lloyd's algorithm with k-means++ or random restarts.

    Matches ``sklearn.cluster.KMeans(algorithm='lloyd')`` with the same ``init`` and ``n_init``
    up to the random seeds: on data with a clear cluster structure both find the same partition
    and inertia. After ``fit``: ``cluster_centers_``, ``labels_``, ``inertia_`` and ``n_iter_``.
    """

    def __init__(
        self,
        n_clusters: int = 8,
        init: str = "k-means++",
        n_init: int = 10,
        max_iter: int = 300,
        tol: float = 1e-4,
        random_state: int | None = None,
    ) -> None:
        self.n_clusters = n_clusters
        self.init = init
        self.n_init = n_init
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state

    def _check_params(self) -> None:
        """Check the hyper-parameters (called first by ``fit``)."""
        check_int(self.n_clusters, "n_clusters", minimum=1)
        check_choice(self.init, "init", ("k-means++", "random"))
        check_int(self.n_init, "n_init", minimum=1)
        check_int(self.max_iter, "max_iter", minimum=1)
        check_finite_scalar(self.tol, "tol", minimum=0.0)

    def fit(self, X: ArrayLike, y: object = None) -> KMeans:
        """Cluster the rows of ``X`` (``y`` is ignored, as in scikit-learn)."""
        self._check_params()
        X = _check_X(X).astype(np.float64, copy=False)
        self.n_features_in_ = X.shape[1]
        _check_n_clusters(self.n_clusters, X.shape[0])
        rng = check_random_state(self.random_state)
        offset = X.mean(axis=0)  # centring makes the norm expansion lose fewer digits
        Xc = X - offset
        x_sq = _sq_norms(Xc)
        tol = float(np.mean(np.var(X, axis=0))) * self.tol
        best = None
        for _ in range(self.n_init):
            if self.init == "k-means++":
                seeds = _kmeans_plusplus(Xc, x_sq, self.n_clusters, rng)
            else:
                seeds = Xc[rng.choice(X.shape[0], self.n_clusters, replace=False)]
            result = _lloyd(Xc, x_sq, seeds, self.max_iter, tol)
            if best is None or result[2] < best[2]:
                best = result
        centers, self.labels_, self.inertia_, self.n_iter_ = best
        self.cluster_centers_ = centers + offset
        return self

    def _checked(self, X: ArrayLike) -> FloatArray:
        self._check_fitted("cluster_centers_")
        X = self._validate_X(X)
        return X.astype(np.float64, copy=False)

    def predict(self, X: ArrayLike) -> IntArray:
        """Index of the nearest cluster centre for each row of ``X``."""
        X = self._checked(X)
        return _closest(X, _sq_norms(X), self.cluster_centers_)[0]

    def transform(self, X: ArrayLike) -> FloatArray:
        """Euclidean distance from each row of ``X`` to each cluster centre, (n, n_clusters)."""
        X = self._checked(X)
        return np.sqrt(_sq_distances(X, _sq_norms(X), self.cluster_centers_))

    def score(self, X: ArrayLike, y: object = None) -> float:
        """Minus the inertia of ``X`` with respect to the fitted centres (higher is better)."""
        X = self._checked(X)
        labels = _closest(X, _sq_norms(X), self.cluster_centers_)[0]
        return -float(np.sum((X - self.cluster_centers_[labels]) ** 2))


def _pairwise_distances(X: FloatArray) -> FloatArray:
    """Euclidean distance matrix with an infinite diagonal (a cluster is not its own neighbour).

    Differences are taken directly (by blocks of rows), not through the norm expansion, so equal
    distances come out exactly equal and ties are not broken by rounding.
    """
    n = X.shape[0]
    out = np.empty((n, n))
    step = max(1, 4_000_000 // (n * X.shape[1]))
    for start in range(0, n, step):
        diff = X[start : start + step, None, :] - X[None, :, :]
        out[start : start + step] = np.sqrt(np.einsum("ijk,ijk->ij", diff, diff))
    np.fill_diagonal(out, np.inf)
    return out


def _lance_williams(
    linkage: str,
    d_ki: FloatArray,
    d_kj: FloatArray,
    d_ij: float,
    n_i: int,
    n_j: int,
    n_k: NDArray[np.int64],
) -> FloatArray:
    """Distance from every cluster $k$ to the union of clusters $i$ and $j$."""
    if linkage == "single":
        return np.minimum(d_ki, d_kj)
    if linkage == "complete":
        return np.maximum(d_ki, d_kj)
    if linkage == "average":
        return (n_i * d_ki + n_j * d_kj) / (n_i + n_j)
    squared = ((n_i + n_k) * d_ki**2 + (n_j + n_k) * d_kj**2 - n_k * d_ij**2) / (n_i + n_j + n_k)
    return np.sqrt(np.maximum(squared, 0.0))


class AgglomerativeClustering(ClusterMixin, BaseModel):
    """Bottom-up hierarchical clustering with single, complete, average or Ward linkage.

    Gives the same partition as ``sklearn.cluster.AgglomerativeClustering`` when no two pairs of
    clusters are equally close. After ``fit``: ``labels_`` (clusters numbered by their smallest
    sample index), ``children_`` (row ``s`` lists the two clusters merged at step ``s``; ids below
    ``n_samples`` are samples, id ``n_samples + s`` is the cluster made at step ``s``, as in
    scikit-learn) and ``distances_`` (the linkage distance of each merge).
    """

    def __init__(self, n_clusters: int = 2, linkage: str = "ward") -> None:
        self.n_clusters = n_clusters
        self.linkage = linkage

    def _check_params(self) -> None:
        """Check the hyper-parameters (called first by ``fit``)."""
        check_int(self.n_clusters, "n_clusters", minimum=1)
        check_choice(self.linkage, "linkage", ("ward", "single", "complete", "average"))

    def fit(self, X: ArrayLike, y: object = None) -> AgglomerativeClustering:
        """Merge the closest clusters of the rows of ``X`` until ``n_clusters`` remain."""
        self._check_params()
        X = _check_X(X).astype(np.float64, copy=False)
        self.n_features_in_ = X.shape[1]
        n = X.shape[0]
        _check_n_clusters(self.n_clusters, n)
        distances = _pairwise_distances(X)
        sizes = np.ones(n, dtype=np.int64)
        node_ids = np.arange(n)  # id of the cluster that lives in each row of the matrix
        owner = np.arange(n)  # row of the matrix holding each sample's cluster
        n_merges = n - self.n_clusters
        children = np.empty((n_merges, 2), dtype=np.intp)
        heights = np.empty(n_merges)
        # Each row's nearest cluster, so that a merge costs O(n) instead of a full argmin.
        nearest = np.argmin(distances, axis=1)
        nearest_d = distances[np.arange(n), nearest]
        for step in range(n_merges):
            a = int(np.argmin(nearest_d))
            i, j = sorted((a, int(nearest[a])))  # the union lives on in row i, row j is retired
            d_ij = distances[i, j]
            merged = _lance_williams(
                self.linkage, distances[i], distances[j], d_ij, sizes[i], sizes[j], sizes
            )
            merged[i] = np.inf
            distances[i], distances[:, i] = merged, merged
            distances[j], distances[:, j] = np.inf, np.inf
            children[step] = node_ids[i], node_ids[j]
            heights[step] = d_ij
            node_ids[i] = n + step
            sizes[i] += sizes[j]
            owner[owner == j] = i
            # Rows whose nearest cluster was i or j are searched again; the others can only
            # have come closer to the union.
            stale = np.flatnonzero((nearest == i) | (nearest == j))
            closer = merged < nearest_d
            nearest[closer], nearest_d[closer] = i, merged[closer]
            stale = np.union1d(stale, [i])
            nearest[stale] = np.argmin(distances[stale], axis=1)
            nearest_d[stale] = distances[stale, nearest[stale]]
            nearest_d[j] = np.inf
        self.children_, self.distances_ = children, heights
        self.labels_ = np.unique(owner, return_inverse=True)[1].reshape(-1)
        self.n_leaves_ = n
        return self


def _radius_neighbours(X: FloatArray, eps: float) -> NDArray[np.bool_]:
    r"""Boolean matrix, ``True`` at ``[i, j]`` when the points are within distance ``eps``.

    The squared distance $\lVert\mathbf{x}_i - \mathbf{x}_j\rVert^2$, summed feature by
    feature from the differences, is compared with ``eps**2``, as scikit-learn's k-d tree does:
    a distance that equals ``eps`` exactly in floating point (integer coordinates, say) counts
    as a neighbour. The diagonal is ``True``.
    """
    n = X.shape[0]
    out = np.empty((n, n), dtype=bool)
    limit = eps * eps
    step = max(1, 4_000_000 // n)
    for start in range(0, n, step):
        rows = X[start : start + step]
        sq = np.zeros((rows.shape[0], n))
        for k in range(X.shape[1]):
            sq += (rows[:, k, None] - X[None, :, k]) ** 2
        np.less_equal(sq, limit, out=out[start : start + step])
    return out


class DBSCAN(ClusterMixin, BaseModel):
    """Density-based clustering (DBSCAN) with Euclidean distances.

    Gives the same ``labels_``, ``core_sample_indices_`` and ``components_`` as
    ``sklearn.cluster.DBSCAN(eps, min_samples=min_samples)``, including which cluster a border
    point within ``eps`` of two clusters joins. Clusters are numbered in the order of their first
    core point (by index), and a border point joins the cluster with the smallest number among
    its core neighbours, which is the cluster scikit-learn's depth-first search reaches first.
    The result depends on the order of the rows only through these border points. After
    ``fit``: ``labels_`` (noise is $-1$), ``core_sample_indices_`` (sorted) and ``components_``
    (the core points, one per row). Keeps an $n \times n$ boolean neighbour matrix.
    """

    def __init__(self, eps: float = 0.5, min_samples: int = 5) -> None:
        self.eps = eps
        self.min_samples = min_samples

    def _check_params(self) -> None:
        """Check the hyper-parameters (called first by ``fit``)."""
        check_finite_scalar(self.eps, "eps", minimum=0.0, include_boundaries="neither")
        check_int(self.min_samples, "min_samples", minimum=1)

    def fit(self, X: ArrayLike, y: object = None) -> DBSCAN:
        """Find the core points of the rows of ``X`` and label their clusters (``y`` is ignored)."""
        self._check_params()
        X = _check_X(X).astype(np.float64, copy=False)
        self.n_features_in_ = X.shape[1]
        neighbours = _radius_neighbours(X, float(self.eps))
        core = neighbours.sum(axis=1) >= self.min_samples
        labels = np.full(X.shape[0], -1, dtype=np.intp)
        cluster = 0
        for start in np.flatnonzero(core):
            if labels[start] != -1:  # a core point of a cluster found from an earlier core
                continue
            labels[start] = cluster
            frontier = np.array([start])
            while frontier.size:  # breadth first, one layer of core points at a time
                reached = neighbours[frontier].any(axis=0) & (labels == -1)
                labels[reached] = cluster  # border points already taken keep their cluster
                frontier = np.flatnonzero(reached & core)
            cluster += 1
        self.labels_ = labels
        self.core_sample_indices_ = np.flatnonzero(core)
        self.components_ = X[core].copy()
        return self
