r"""Decision trees (CART) grown by exhaustive best-split search, in NumPy.

A node holding samples $S$ is split on the feature $j$ and threshold $t$ that
minimise the weighted impurity of the children,

.. math:: |S_L|\,H(S_L) + |S_R|\,H(S_R), \qquad S_L = \{i \in S : x_{ij} \le t\},

where $H$ is the Gini impurity $1 - \sum_k p_k^2$, the entropy
$-\sum_k p_k \log_2 p_k$ (classification) or the variance of $y$ (regression). For
each feature the node's samples are sorted once; cumulative class counts (or cumulative sums of
$y$ and $y^2$) then give the impurity of every candidate split at once. Candidate
thresholds lie halfway between consecutive distinct sorted values (values closer than
$10^{-7}$ count as equal), as in scikit-learn.

With ``max_features`` (as in scikit-learn: an int, a fraction of the features, ``"sqrt"`` or
``"log2"``) each node draws that many features at random (from ``random_state``) and searches
only those, as random forests do; if none of them allows a split, the next features in the same
random order are tried. The default, ``None``, searches every feature and uses no randomness.

A node becomes a leaf when it is pure, has reached ``max_depth``, holds fewer than
``min_samples_split`` samples, or has no split leaving ``min_samples_leaf`` samples on each side.
Like scikit-learn, an impure node is split even when the best split does not lower the impurity.

Ties. When several splits are equally good, the one on the lowest feature index and then the
lowest threshold wins. scikit-learn visits the features in a random order instead, and it stores
``X`` as float32; on exact ties (e.g. two features that separate a class equally well) the two
trees can pick different features and so disagree on a few unseen points.

The tree is stored as flat arrays in `TreeArrays` (node 0 is the root).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from sklearn.base import ClassifierMixin, RegressorMixin

from dlref._validate import (
    check_choice,
    check_finite_scalar,
    check_int,
    check_random_state,
)
from dlref.classic._base import BaseModel, _check_labels, _check_X_y

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]

_FEATURE_THRESHOLD = 1e-7  # sorted values closer than this are not separated (scikit-learn's)
_EPSILON = np.finfo(np.float64).eps  # a node whose impurity is at most this is pure
_CHUNK_ELEMENTS = 2_000_000  # floats per block of features scored at once
_LEAF = -1


@dataclass(frozen=True)
class TreeArrays:
    r"""A fitted tree as flat arrays indexed by node id.

    ``feature[i]`` and ``threshold[i]`` define the test $x_{f} \le t$ of node ``i`` (whose
    samples go to ``left[i]`` if true, else ``right[i]``); leaves have ``feature == left ==
    right == -1``. ``value[i]`` holds the class proportions (classifier) or the mean target
    (regressor, one column); ``impurity[i]`` and ``n_node_samples[i]`` describe the training
    samples that reached node ``i``; ``depth[i]`` is 0 for the root.
    """

    feature: IntArray
    threshold: FloatArray
    left: IntArray
    right: IntArray
    value: FloatArray
    impurity: FloatArray
    n_node_samples: IntArray
    depth: IntArray

    @property
    def node_count(self) -> int:
        """Number of nodes, leaves included."""
        return int(self.feature.size)


def _gini_children(left: FloatArray, right: FloatArray) -> FloatArray:
    r"""Weighted Gini impurity $n_L H_L + n_R H_R$ from per-class counts (last axis)."""
    n_left, n_right = left.sum(axis=-1), right.sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return (n_left - (left * left).sum(axis=-1) / n_left) + (
            n_right - (right * right).sum(axis=-1) / n_right
        )


def _xlog2x(counts: FloatArray) -> FloatArray:
    r"""Elementwise $c \log_2 c$ with $0 \log 0 = 0$."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(counts > 0, counts * np.log2(np.where(counts > 0, counts, 1.0)), 0.0)


def _entropy_children(left: FloatArray, right: FloatArray) -> FloatArray:
    r"""Weighted entropy $n_L H_L + n_R H_R$, as $nH = n\log_2 n - \sum c\log_2 c$."""
    n_left, n_right = left.sum(axis=-1), right.sum(axis=-1)
    return (
        _xlog2x(n_left)
        - _xlog2x(left).sum(axis=-1)
        + _xlog2x(n_right)
        - _xlog2x(right).sum(axis=-1)
    )


def _node_impurity(criterion: str, stats: FloatArray, n: int) -> float:
    """Impurity of one node from its class counts or its ``(n, sum y, sum y^2)``."""
    if criterion == "squared_error":  # stats = (n, sum y, sum y^2)
        mean = stats[1] / n
        return float(max(stats[2] / n - mean * mean, 0.0))
    p = stats / n
    if criterion == "gini":
        return float(1.0 - np.sum(p * p))
    return float(-np.sum(_xlog2x(p)))


class _BaseDecisionTree(BaseModel):
    """Growing, storing and applying a tree; subclasses define targets and leaf values."""

    _criteria: tuple[str, ...] = ()

    def __init__(
        self,
        criterion: str,
        max_depth: int | None = None,
        min_samples_split: int = 2,
        min_samples_leaf: int = 1,
        max_features: int | float | str | None = None,
        random_state: int | np.random.Generator | None = None,
    ) -> None:
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.max_features = max_features
        self.random_state = random_state

    def _check_params(self) -> None:
        """Check the hyper-parameters (called first by ``fit``)."""
        check_choice(self.criterion, "criterion", self._criteria)
        if self.max_depth is not None:
            check_int(self.max_depth, "max_depth", minimum=1)
        check_int(self.min_samples_split, "min_samples_split", minimum=2)
        check_int(self.min_samples_leaf, "min_samples_leaf", minimum=1)
        max_features = self.max_features
        if isinstance(max_features, str):
            check_choice(max_features, "max_features", ("sqrt", "log2"))
        elif isinstance(max_features, (int, np.integer)) and not isinstance(max_features, bool):
            check_int(max_features, "max_features", minimum=1)
        elif max_features is not None:
            if not isinstance(max_features, (float, np.floating)):
                raise TypeError(
                    "max_features must be None, an int, a float, 'sqrt' or 'log2'; "
                    f"got {type(max_features).__name__}"
                )
            check_finite_scalar(
                max_features, "max_features", minimum=0.0, maximum=1.0, include_boundaries="right"
            )
        check_random_state(self.random_state)

    def _n_split_features(self, n_features: int) -> int:
        """How many features each node searches (``max_features`` resolved for the data)."""
        max_features = self.max_features
        if max_features is None:
            return n_features
        if max_features == "sqrt":
            return max(1, int(np.sqrt(n_features)))
        if max_features == "log2":
            return max(1, int(np.log2(n_features)))
        if isinstance(max_features, (float, np.floating)):
            return max(1, int(max_features * n_features))
        if max_features > n_features:
            raise ValueError(
                f"max_features must be <= n_features ({n_features}); got {max_features}"
            )
        return int(max_features)

    # --- growing -------------------------------------------------------------------------------

    def _targets(self, y: NDArray) -> FloatArray:
        """Per-sample statistics whose cumulative sums score the splits, shape (n, m)."""
        raise NotImplementedError

    def _leaf_value(self, stats: FloatArray, n: int) -> FloatArray:
        raise NotImplementedError

    def _children_impurity(self, left: FloatArray, right: FloatArray) -> FloatArray:
        """Weighted impurity $n_L H_L + n_R H_R$ of candidate splits (stats on last axis)."""
        if self.criterion == "gini":
            return _gini_children(left, right)
        if self.criterion == "entropy":
            return _entropy_children(left, right)
        n_left, n_right = left[..., 0], right[..., 0]
        # Sum of squared errors: sum y^2 - (sum y)^2 / n on each side; sum y^2 is the same for
        # every split of the node, so only -(sum y)^2 / n matters for the ranking.
        with np.errstate(divide="ignore", invalid="ignore"):
            return -(left[..., 1] ** 2 / n_left + right[..., 1] ** 2 / n_right)

    def _best_split(self, X_node: FloatArray, stats: FloatArray) -> tuple[int, float, int] | None:
        """Best ``(feature, threshold, n_left)`` for a node, or None if no split is allowed."""
        n, n_features = X_node.shape
        leaf = self.min_samples_leaf
        if n < 2 * leaf:
            return None
        positions = np.arange(1, n)  # n_left for a split after sorted position p - 1
        size_ok = (positions >= leaf) & (n - positions >= leaf)
        total = stats.sum(axis=0)
        best_score, best = np.inf, None
        chunk = max(1, _CHUNK_ELEMENTS // (n * stats.shape[1]))
        for start in range(0, n_features, chunk):
            cols = X_node[:, start : start + chunk]
            order = np.argsort(cols, axis=0, kind="stable")
            values = np.take_along_axis(cols, order, axis=0)  # (n, f)
            left = np.cumsum(stats[order], axis=0)[:-1]  # (n - 1, f, m)
            score = self._children_impurity(left, total - left)
            valid = (values[1:] > values[:-1] + _FEATURE_THRESHOLD) & size_ok[:, None]
            score = np.where(valid, score, np.inf).T  # (f, n - 1): features first, for ties
            flat = int(np.argmin(score))
            feature, p = divmod(flat, n - 1)
            if score[feature, p] < best_score:
                best_score = score[feature, p]
                threshold = values[p, feature] / 2.0 + values[p + 1, feature] / 2.0
                best = (start + feature, float(threshold), p + 1)
        return best

    def _grow(self, X: FloatArray, y: NDArray) -> None:
        """Grow the tree depth-first and store it in ``tree_``."""
        stats_all = self._targets(y)
        n_features = X.shape[1]
        n_try = self._n_split_features(n_features)
        rng = check_random_state(self.random_state) if n_try < n_features else None
        max_depth = np.inf if self.max_depth is None else self.max_depth
        nodes: list[list] = []  # feature, threshold, left, right, value, impurity, n, depth
        stack = [(np.arange(X.shape[0]), 0, -1, False)]  # samples, depth, parent, is_left
        while stack:
            samples, depth, parent, is_left = stack.pop()
            stats = stats_all[samples]
            n = samples.size
            sums = stats.sum(axis=0)
            impurity = _node_impurity(self.criterion, sums, n)
            node_id = len(nodes)
            nodes.append([_LEAF, -2.0, _LEAF, _LEAF, self._leaf_value(sums, n), impurity, n, depth])
            if parent >= 0:
                nodes[parent][2 if is_left else 3] = node_id
            if depth >= max_depth or n < self.min_samples_split or impurity <= _EPSILON:
                continue
            if rng is None:
                split = self._best_split(X[samples], stats)
            else:  # random forest: search n_try random features, more only if none can split
                order, split = rng.permutation(n_features), None
                for start in range(0, n_features, n_try):
                    features = np.sort(order[start : start + n_try])
                    split = self._best_split(X[np.ix_(samples, features)], stats)
                    if split is not None:
                        split = (int(features[split[0]]), split[1], split[2])
                        break
            if split is None:
                continue
            feature, threshold, _ = split
            goes_left = X[samples, feature] <= threshold
            nodes[node_id][0:2] = [feature, threshold]
            # Right pushed first so the left subtree gets the next ids (depth-first, like sklearn).
            stack.append((samples[~goes_left], depth + 1, node_id, False))
            stack.append((samples[goes_left], depth + 1, node_id, True))
        columns = list(zip(*nodes, strict=True))
        self.tree_ = TreeArrays(
            feature=np.array(columns[0], dtype=np.intp),
            threshold=np.array(columns[1], dtype=np.float64),
            left=np.array(columns[2], dtype=np.intp),
            right=np.array(columns[3], dtype=np.intp),
            value=np.array(columns[4], dtype=np.float64),
            impurity=np.array(columns[5], dtype=np.float64),
            n_node_samples=np.array(columns[6], dtype=np.intp),
            depth=np.array(columns[7], dtype=np.intp),
        )

    # --- using ---------------------------------------------------------------------------------

    def apply(self, X: ArrayLike) -> IntArray:
        """Id of the leaf each sample of ``X`` lands in."""
        self._check_fitted("tree_")
        tree = self.tree_
        X = self._validate_X(X)
        node = np.zeros(X.shape[0], dtype=np.intp)
        rows = np.arange(X.shape[0])
        for _ in range(self.get_depth()):  # one vectorised step per level
            feature = tree.feature[node]
            inner = feature != _LEAF
            if not inner.any():
                break
            goes_left = X[rows, np.maximum(feature, 0)] <= tree.threshold[node]
            node = np.where(inner, np.where(goes_left, tree.left[node], tree.right[node]), node)
        return node

    def get_depth(self) -> int:
        """Depth of the deepest leaf (0 for a tree that is a single leaf)."""
        self._check_fitted("tree_")
        return int(self.tree_.depth.max())

    def get_n_leaves(self) -> int:
        """Number of leaves."""
        self._check_fitted("tree_")
        return int(np.sum(self.tree_.feature == _LEAF))

    @property
    def feature_importances_(self) -> FloatArray:
        r"""Total impurity decrease per feature, $\sum n_t H_t - n_L H_L - n_R H_R$, summing
        to 1 (all zeros for a single-leaf tree)."""
        self._check_fitted("tree_")
        t = self.tree_
        inner = np.flatnonzero(t.feature != _LEAF)
        weighted = t.n_node_samples * t.impurity
        decrease = weighted[inner] - weighted[t.left[inner]] - weighted[t.right[inner]]
        importances = np.bincount(t.feature[inner], decrease, minlength=self.n_features_in_)
        total = importances.sum()
        return importances / total if total > 0 else importances


class DecisionTreeClassifier(ClassifierMixin, _BaseDecisionTree):
    """CART classification tree with the Gini or entropy criterion.

    Grows the same tree as ``sklearn.tree.DecisionTreeClassifier`` with the same settings, up
    to the tie-breaking described in the module notes.
    """

    _criteria = ("gini", "entropy")

    def __init__(
        self,
        criterion: str = "gini",
        max_depth: int | None = None,
        min_samples_split: int = 2,
        min_samples_leaf: int = 1,
        max_features: int | float | str | None = None,
        random_state: int | np.random.Generator | None = None,
    ) -> None:
        super().__init__(
            criterion,
            max_depth,
            min_samples_split,
            min_samples_leaf,
            max_features,
            random_state,
        )

    def _targets(self, y_codes: NDArray) -> FloatArray:
        return np.eye(self.classes_.size)[y_codes]  # one-hot: cumulative sums count classes

    def _leaf_value(self, stats: FloatArray, n: int) -> FloatArray:
        return stats / n

    def fit(self, X: ArrayLike, y: ArrayLike) -> DecisionTreeClassifier:
        """Grow the tree on ``X`` of shape (n_samples, n_features) and labels ``y``."""
        self._check_params()
        X, y = _check_X_y(X, y, y_numeric=False)
        self.classes_, y_codes = _check_labels(y, min_classes=1)
        self.n_features_in_ = X.shape[1]
        self._grow(X.astype(np.float64, copy=False), y_codes)
        return self

    def predict_proba(self, X: ArrayLike) -> FloatArray:
        """Class proportions of the training samples in each sample's leaf."""
        leaves = self.apply(X)
        return self.tree_.value[leaves]

    def predict(self, X: ArrayLike) -> NDArray:
        """Majority class of each sample's leaf (ties: the class first in ``classes_``)."""
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)]


class DecisionTreeRegressor(RegressorMixin, _BaseDecisionTree):
    """CART regression tree: splits minimise the squared error, leaves predict the mean."""

    _criteria = ("squared_error",)

    def __init__(
        self,
        criterion: str = "squared_error",
        max_depth: int | None = None,
        min_samples_split: int = 2,
        min_samples_leaf: int = 1,
        max_features: int | float | str | None = None,
        random_state: int | np.random.Generator | None = None,
    ) -> None:
        super().__init__(
            criterion,
            max_depth,
            min_samples_split,
            min_samples_leaf,
            max_features,
            random_state,
        )

    def _targets(self, y: NDArray) -> FloatArray:
        return np.column_stack([np.ones_like(y), y, y * y])  # counts, sums and sums of squares

    def _leaf_value(self, stats: FloatArray, n: int) -> FloatArray:
        return np.array([stats[1] / n])

    def fit(self, X: ArrayLike, y: ArrayLike) -> DecisionTreeRegressor:
        """Grow the tree on ``X`` of shape (n_samples, n_features) and real targets ``y``."""
        self._check_params()
        X, y = _check_X_y(X, y)
        self.n_features_in_ = X.shape[1]
        self._grow(X.astype(np.float64, copy=False), y.astype(np.float64, copy=False))
        return self

    def predict(self, X: ArrayLike) -> FloatArray:
        """Mean training target of each sample's leaf."""
        leaves = self.apply(X)
        return self.tree_.value[leaves, 0]
