r"""k-nearest neighbours by brute force, in NumPy.

A query $\mathbf{a}$ is compared with every training point $\mathbf{b}$ through the
squared Euclidean distance, computed for a block of queries at once as
$\lVert\mathbf{a} - \mathbf{b}\rVert^2 = \lVert\mathbf{a}\rVert^2
- 2\,\mathbf{a}^\top\mathbf{b} + \lVert\mathbf{b}\rVert^2$ (one matrix product; rounding can
make it slightly negative, so it is clipped at 0). The $k$ smallest of each row are found
without sorting it: the training points are cut into groups of about $\sqrt{n}$, and the
$k$ nearest points all lie in the $k$ groups whose nearest member is nearest (a point
outside them has those $k$ group minima at least as close), so ``np.argpartition`` runs on
the group minima and then on the members of $k$ groups only.

The classifier votes among the $k$ neighbours, the regressor averages their targets. With
``weights='distance'`` neighbour $i$ counts $w_i = 1 / d_i$; a query that coincides
with training points ($d_i = 0$) takes only those points into account, as scikit-learn does.

Ties. When several training points are exactly as far as the $k$-th neighbour, which of
them are kept is unspecified (as in scikit-learn); the neighbours found are returned by increasing
distance, equal distances by training index. A tie in the vote goes to the class that comes first
in ``classes_`` (sorted order).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray
from sklearn.base import ClassifierMixin, RegressorMixin

from dlref._validate import check_choice, check_int
from dlref.classic._base import BaseModel, _check_labels, _check_X_y

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]

# Queries per block: the block's distance matrix holds _BLOCK_ELEMENTS floats at most (32 MB).
_BLOCK_ELEMENTS = 4_000_000


class _KNeighborsBase(BaseModel):
    """Shared fitting and neighbour search of the classifier and the regressor."""

    def __init__(self, n_neighbors: int = 5, weights: str = "uniform") -> None:
        self.n_neighbors = n_neighbors
        self.weights = weights

    def _check_params(self) -> None:
        """Check the hyper-parameters (called first by ``fit``)."""
        check_int(self.n_neighbors, "n_neighbors", minimum=1)
        check_choice(self.weights, "weights", ("uniform", "distance"))

    def _store(self, X: FloatArray) -> None:
        n_train = X.shape[0]
        if self.n_neighbors > n_train:
            raise ValueError(
                f"n_neighbors={self.n_neighbors} must be <= the number of training samples; "
                f"got {n_train} sample(s)"
            )
        self.X_fit_ = X.astype(np.float64, copy=False)
        # Training points are searched in groups of `size`, padded to whole groups with points
        # infinitely far away. The last row holds ||b||^2, so that one product
        # [a, 1] @ [-2 B^T; ||b||^2] gives ||b||^2 - 2 a.b for a whole block of queries.
        size = max(1, min(int(np.sqrt(n_train)), n_train // self.n_neighbors))
        n_groups = -(-n_train // size)
        weights = np.zeros((self.X_fit_.shape[1] + 1, n_groups * size))
        weights[:-1, :n_train] = -2.0 * self.X_fit_.T
        weights[-1] = np.inf
        weights[-1, :n_train] = np.einsum("ij,ij->i", self.X_fit_, self.X_fit_)
        self._search = (weights, n_groups, size)

    def kneighbors(self, X: ArrayLike) -> tuple[FloatArray, IntArray]:
        """Distances ``(n_queries, k)`` and training indices of the ``k`` nearest neighbours.

        Rows are sorted by increasing distance; see the module notes on ties.
        """
        self._check_fitted("X_fit_")
        X = self._validate_X(X).astype(np.float64, copy=False)
        k = self.n_neighbors
        distances = np.empty((X.shape[0], k))
        indices = np.empty((X.shape[0], k), dtype=np.intp)
        step = max(1, _BLOCK_ELEMENTS // self._search[0].shape[1])
        for start in range(0, X.shape[0], step):
            block = X[start : start + step]
            found, partial = self._nearest_in_block(block)
            squared = partial + np.einsum("ij,ij->i", block, block)[:, None]
            distances[start : start + step] = np.sqrt(np.maximum(squared, 0.0))
            indices[start : start + step] = found
        return distances, indices

    def _nearest_in_block(self, block: FloatArray) -> tuple[IntArray, FloatArray]:
        r"""Indices of the k nearest training points of each query, sorted, and their
        $\lVert\mathbf{b}\rVert^2 - 2\,\mathbf{a}^\top\mathbf{b}$ (the squared distance
        less $\lVert\mathbf{a}\rVert^2$, which is the same for a whole row)."""
        weights, n_groups, size = self._search
        k, rows = self.n_neighbors, np.arange(block.shape[0])[:, None]
        partial = np.column_stack([block, np.ones(block.shape[0])]) @ weights
        grouped = partial.reshape(block.shape[0], n_groups, size)
        # The k nearest points lie in the k groups with the smallest minima: whichever point
        # is left out of those groups has at least k points (their minima) as close as it.
        if n_groups > k:
            groups = np.argpartition(grouped.min(axis=2), k - 1, axis=1)[:, :k]
            grouped = grouped[rows, groups]
        else:
            groups = np.broadcast_to(np.arange(n_groups), (block.shape[0], n_groups))
        candidates = grouped.reshape(block.shape[0], -1)
        candidate_ids = (groups[:, :, None] * size + np.arange(size)).reshape(block.shape[0], -1)
        if candidates.shape[1] > k:
            chosen = np.argpartition(candidates, k - 1, axis=1)[:, :k]
            candidates, candidate_ids = candidates[rows, chosen], candidate_ids[rows, chosen]
        order = np.lexsort((candidate_ids, candidates), axis=1)
        return candidate_ids[rows, order], candidates[rows, order]

    def _neighbour_weights(self, distances: FloatArray) -> FloatArray:
        """Weight of each found neighbour: 1, or 1/d with exact matches taking all the weight."""
        if self.weights == "uniform":
            return np.ones_like(distances)
        exact = distances == 0.0
        with np.errstate(divide="ignore"):
            weights = 1.0 / distances
        has_exact = exact.any(axis=1)
        weights[has_exact] = exact[has_exact]
        return weights


class KNeighborsClassifier(ClassifierMixin, _KNeighborsBase):
    """Classify by the (optionally distance-weighted) majority vote of the k nearest neighbours.

    Matches ``sklearn.neighbors.KNeighborsClassifier(algorithm='brute')`` when no two training
    points are equally far from a query.
    """

    def __init__(self, n_neighbors: int = 5, weights: str = "uniform") -> None:
        super().__init__(n_neighbors, weights)

    def fit(self, X: ArrayLike, y: ArrayLike) -> KNeighborsClassifier:
        """Store the training points and their labels (any sortable labels, e.g. strings)."""
        self._check_params()
        X, y = _check_X_y(X, y, y_numeric=False)
        self.n_features_in_ = X.shape[1]
        self.classes_, self._y_codes = _check_labels(y, min_classes=1)
        self._store(X)
        return self

    def predict_proba(self, X: ArrayLike) -> FloatArray:
        """Share of the (weighted) vote for each class, shape ``(n_queries, n_classes)``."""
        self._check_fitted("X_fit_")
        distances, indices = self.kneighbors(X)
        weights = self._neighbour_weights(distances)
        n_queries, n_classes = indices.shape[0], self.classes_.size
        cells = np.arange(n_queries)[:, None] * n_classes + self._y_codes[indices]
        votes = np.bincount(cells.ravel(), weights.ravel(), minlength=n_queries * n_classes)
        votes = votes.reshape(n_queries, n_classes)
        return votes / votes.sum(axis=1, keepdims=True)

    def predict(self, X: ArrayLike) -> NDArray:
        """Class with the largest vote; a tie goes to the class first in ``classes_``."""
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)]


class KNeighborsRegressor(RegressorMixin, _KNeighborsBase):
    """Predict the (optionally distance-weighted) mean target of the k nearest neighbours.

    Matches ``sklearn.neighbors.KNeighborsRegressor(algorithm='brute')`` when no two training
    points are equally far from a query.
    """

    def fit(self, X: ArrayLike, y: ArrayLike) -> KNeighborsRegressor:
        """Store the training points and their real-valued targets ``y`` of shape (n_samples,)."""
        self._check_params()
        X, y = _check_X_y(X, y)
        self.n_features_in_ = X.shape[1]
        self._y = y.astype(np.float64, copy=False)
        self._store(X)
        return self

    def predict(self, X: ArrayLike) -> FloatArray:
        r"""Mean target of the neighbours, $\sum_i w_i y_i / \sum_i w_i$."""
        self._check_fitted("X_fit_")
        distances, indices = self.kneighbors(X)
        weights = self._neighbour_weights(distances)
        return np.einsum("ij,ij->i", weights, self._y[indices]) / weights.sum(axis=1)
