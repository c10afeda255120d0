r"""Ensembles of decision trees: bagging, random forests and gradient boosting, in NumPy.

Bagging fits each of $B$ models on a bootstrap sample (``n`` draws with replacement from the
``n`` training samples) and averages them; a classifier averages the class probabilities of its
models and predicts the most probable class, as scikit-learn does. The samples a model did not
draw are its out-of-bag samples: predicting each training sample with only the models that did
not see it gives the out-of-bag estimate ``oob_score_`` of the test accuracy.

A random forest is bagging of unpruned trees that search only ``max_features`` random features
at each split (``"sqrt"`` of the features by default, as in scikit-learn's classifier), which
makes the trees less alike; with ``max_features=None`` it is bagging of unpruned trees. The
bootstrap indices and the features come from NumPy's generator, not scikit-learn's, so a forest
grows different trees from ``sklearn.ensemble.RandomForestClassifier`` with the same
``random_state``; they agree in accuracy, not tree for tree. Given the same bootstrap indices
(``estimators_samples_``), bagging equals scikit-learn trees fitted on those samples.

Gradient boosting for regression with the squared loss starts from the mean of ``y`` and adds
$M$ shallow regression trees, each fitted to the current residuals and scaled by the shrinkage
``learning_rate`` $\nu$:

.. math:: F_0 = \bar{y}, \qquad F_m(x) = F_{m-1}(x) + \nu\, h_m(x), \qquad
    h_m \approx y - F_{m-1}(X) .

It makes the same predictions as ``sklearn.ensemble.GradientBoostingRegressor`` (whose default
loss is the squared error) whenever the regression trees agree: on tied splits, two features
that divide a node's samples in the same way, the trees may pick different features, which
changes predictions on new points but not on the training points.

``GradientBoostingClassifier`` minimises the log loss: its trees are fitted to the negative
gradient $y - p$, and each leaf is then set by one Newton step (one score for two classes,
$K$ scores and $K$ trees per stage for $K$ classes). It equals
``sklearn.ensemble.GradientBoostingClassifier`` under the same condition. Its ``train_score_``
is the mean log loss; for two classes scikit-learn reports twice that, the deviance.

The number of models defaults to scikit-learn's: 10 for bagging, 100 for a forest and for
boosting.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from numpy.typing import ArrayLike, NDArray
from sklearn.base import ClassifierMixin, RegressorMixin, clone, is_classifier

from dlref._validate import check_bool, check_finite_scalar, check_int, check_random_state
from dlref.classic._base import BaseModel, _check_labels, _check_X_y
from dlref.classic.tree import DecisionTreeClassifier, DecisionTreeRegressor

FloatArray = NDArray[np.float64]

__all__ = [
    "BaggingClassifier",
    "GradientBoostingClassifier",
    "GradientBoostingRegressor",
    "RandomForestClassifier",
]


class _BaseBagging(ClassifierMixin, BaseModel):
    """Bootstrap samples, fitting, probability averaging and the out-of-bag score."""

    def _check_common(self) -> None:
        check_int(self.n_estimators, "n_estimators", minimum=1)
        check_bool(self.bootstrap, "bootstrap")
        check_bool(self.oob_score, "oob_score")
        if self.oob_score and not self.bootstrap:
            raise ValueError(
                "oob_score=True needs bootstrap=True: without it no sample is left out"
            )
        check_random_state(self.random_state)

    def _make_estimator(self, rng: np.random.Generator) -> BaseModel:
        raise NotImplementedError

    def fit(self, X: ArrayLike, y: ArrayLike) -> _BaseBagging:
        """Fit ``n_estimators`` models, each on a bootstrap sample of ``X`` and labels ``y``."""
        self._check_params()
        X, y = _check_X_y(X, y, y_numeric=False)
        self.classes_, codes = _check_labels(y, min_classes=1)
        self.n_features_in_ = X.shape[1]
        n = X.shape[0]
        rng = check_random_state(self.random_state)
        self.estimators_, self.estimators_samples_ = [], []
        for _ in range(self.n_estimators):
            samples = rng.integers(0, n, size=n) if self.bootstrap else np.arange(n)
            estimator = self._make_estimator(rng)
            self.estimators_.append(estimator.fit(X[samples], codes[samples]))
            self.estimators_samples_.append(samples)
        if self.oob_score:
            self._set_oob_score(X, codes)
        return self

    def _proba_of(self, estimator: BaseModel, X: FloatArray) -> FloatArray:
        """Probabilities of all of ``classes_``; a class the estimator never saw gets 0."""
        proba = np.zeros((X.shape[0], self.classes_.size))
        seen = estimator.classes_  # codes of the classes in its bootstrap sample
        if hasattr(estimator, "predict_proba"):
            proba[:, seen] = estimator.predict_proba(X)
        else:  # a model without probabilities votes for one class
            proba[np.arange(X.shape[0]), estimator.predict(X)] = 1.0
        return proba

    def _set_oob_score(self, X: FloatArray, codes: NDArray[np.intp]) -> None:
        total = np.zeros((X.shape[0], self.classes_.size))
        for estimator, samples in zip(self.estimators_, self.estimators_samples_, strict=True):
            out = np.ones(X.shape[0], dtype=bool)
            out[samples] = False
            if out.any():
                total[out] += self._proba_of(estimator, X[out])
        counted = total.sum(axis=1) > 0  # samples left out by at least one model
        self.oob_decision_function_ = np.divide(
            total,
            total.sum(axis=1, keepdims=True),
            out=np.full_like(total, np.nan),
            where=counted[:, None],
        )
        predicted = np.argmax(total[counted], axis=1)
        self.oob_score_ = float(np.mean(predicted == codes[counted])) if counted.any() else np.nan

    def predict_proba(self, X: ArrayLike) -> FloatArray:
        """Mean of the models' class probabilities, shape (n_samples, n_classes)."""
        self._check_fitted("estimators_")
        X = self._validate_X(X)
        return sum(self._proba_of(e, X) for e in self.estimators_) / len(self.estimators_)

    def predict(self, X: ArrayLike) -> NDArray:
        """The class with the largest mean probability (ties: the first in ``classes_``)."""
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)]


class BaggingClassifier(_BaseBagging):
    """Bagging: ``n_estimators`` copies of ``estimator`` on bootstrap samples, averaged.

    ``estimator`` is any classifier (cloned for each model); ``None`` means an unpruned
    `DecisionTreeClassifier`. After ``fit``, ``estimators_`` holds the models and
    ``estimators_samples_`` the indices each was fitted on; with ``oob_score=True`` also
    ``oob_score_`` (out-of-bag accuracy) and ``oob_decision_function_``.

    With ``estimator=None`` the bootstrap indices are ``rng.integers(0, n, size=n)`` for each
    model in turn, ``rng = np.random.default_rng(random_state)``. An ``estimator`` that has a
    ``random_state`` parameter gets ``int(rng.integers(2**31 - 1))`` after each sample is
    drawn, as the trees of `RandomForestClassifier` do; so a bag of
    ``DecisionTreeClassifier()`` draws the same samples as a forest with
    ``max_features=None`` and the same ``random_state``, and makes the same predictions.
    """

    def __init__(
        self,
        estimator: BaseModel | None = None,
        n_estimators: int = 10,
        *,
        bootstrap: bool = True,
        oob_score: bool = False,
        random_state: int | np.random.Generator | None = None,
    ) -> None:
        self.estimator = estimator
        self.n_estimators = n_estimators
        self.bootstrap = bootstrap
        self.oob_score = oob_score
        self.random_state = random_state

    def _check_params(self) -> None:
        if self.estimator is not None and not is_classifier(self.estimator):
            raise TypeError(
                f"estimator must be a classifier or None; got {type(self.estimator).__name__}"
            )
        self._check_common()

    def _make_estimator(self, rng: np.random.Generator) -> BaseModel:
        if self.estimator is None:
            return DecisionTreeClassifier()
        estimator = clone(self.estimator)
        if "random_state" in estimator.get_params():
            estimator.set_params(random_state=int(rng.integers(2**31 - 1)))
        return estimator


class RandomForestClassifier(_BaseBagging):
    """Random forest: bagged trees that each search ``max_features`` random features per split.

    The tree parameters (``criterion``, ``max_depth``, ``min_samples_split``,
    ``min_samples_leaf``, ``max_features``) are those of `DecisionTreeClassifier`; the fitted
    attributes are those of `BaggingClassifier`, plus ``feature_importances_``.
    """

    def __init__(
        self,
        n_estimators: int = 100,
        *,
        criterion: str = "gini",
        max_depth: int | None = None,
        min_samples_split: int = 2,
        min_samples_leaf: int = 1,
        max_features: int | float | str | None = "sqrt",
        bootstrap: bool = True,
        oob_score: bool = False,
        random_state: int | np.random.Generator | None = None,
    ) -> None:
        self.n_estimators = n_estimators
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.max_features = max_features
        self.bootstrap = bootstrap
        self.oob_score = oob_score
        self.random_state = random_state

    def _tree(self, random_state: int | None = None) -> DecisionTreeClassifier:
        return DecisionTreeClassifier(
            criterion=self.criterion,
            max_depth=self.max_depth,
            min_samples_split=self.min_samples_split,
            min_samples_leaf=self.min_samples_leaf,
            max_features=self.max_features,
            random_state=random_state,
        )

    def _check_params(self) -> None:
        self._check_common()
        self._tree()._check_params()  # the tree parameters, with the tree's messages

    def _make_estimator(self, rng: np.random.Generator) -> BaseModel:
        return self._tree(int(rng.integers(2**31 - 1)))

    @property
    def feature_importances_(self) -> FloatArray:
        """Mean of the trees' impurity-based feature importances."""
        self._check_fitted("estimators_")
        return np.mean([tree.feature_importances_ for tree in self.estimators_], axis=0)


class _BaseGradientBoosting(BaseModel):
    """The parameters and the trees shared by the boosting regressor and classifier."""

    def __init__(
        self,
        n_estimators: int = 100,
        *,
        learning_rate: float = 0.1,
        max_depth: int | None = 3,
        min_samples_split: int = 2,
        min_samples_leaf: int = 1,
        max_features: int | float | str | None = None,
        random_state: int | np.random.Generator | None = None,
    ) -> None:
        self.n_estimators = n_estimators
        self.learning_rate = learning_rate
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.max_features = max_features
        self.random_state = random_state

    def _tree(self, random_state: int | None = None) -> DecisionTreeRegressor:
        return DecisionTreeRegressor(
            max_depth=self.max_depth,
            min_samples_split=self.min_samples_split,
            min_samples_leaf=self.min_samples_leaf,
            max_features=self.max_features,
            random_state=random_state,
        )

    def _check_params(self) -> None:
        check_int(self.n_estimators, "n_estimators", minimum=1)
        check_finite_scalar(
            self.learning_rate, "learning_rate", minimum=0.0, include_boundaries="neither"
        )
        self._tree()._check_params()


class GradientBoostingRegressor(RegressorMixin, _BaseGradientBoosting):
    """Gradient boosting with the squared loss: shallow trees fitted to residuals, shrunk.

    After ``fit``: ``init_`` (the mean of ``y``, the starting prediction), ``estimators_``
    (the ``n_estimators`` regression trees) and ``train_score_`` (the training mean squared
    error after each stage). ``staged_predict`` yields the prediction after each stage.
    """

    def fit(self, X: ArrayLike, y: ArrayLike) -> GradientBoostingRegressor:
        """Fit ``n_estimators`` trees in turn, each to the residuals ``y - F(X)`` so far."""
        self._check_params()
        X, y = _check_X_y(X, y)
        X, y = X.astype(np.float64, copy=False), y.astype(np.float64, copy=False)
        self.n_features_in_ = X.shape[1]
        rng = check_random_state(self.random_state)
        self.init_ = float(np.mean(y))
        prediction = np.full(y.shape, self.init_)
        self.estimators_, scores = [], []
        for _ in range(self.n_estimators):
            tree = self._tree(int(rng.integers(2**31 - 1))).fit(X, y - prediction)
            prediction += self.learning_rate * tree.predict(X)
            self.estimators_.append(tree)
            scores.append(np.mean((y - prediction) ** 2))
        self.train_score_ = np.array(scores)
        return self

    def staged_predict(self, X: ArrayLike) -> Iterator[FloatArray]:
        """Yield the prediction for ``X`` after 1, 2, ..., ``n_estimators`` trees."""
        self._check_fitted("estimators_")
        X = self._validate_X(X)
        prediction = np.full(X.shape[0], self.init_)
        for tree in self.estimators_:
            prediction = prediction + self.learning_rate * tree.predict(X)
            yield prediction

    def predict(self, X: ArrayLike) -> FloatArray:
        r"""$F_0 + \nu \sum_m h_m(x)$ for each row of ``X``."""
        self._check_fitted("estimators_")
        X = self._validate_X(X)
        trees = sum(tree.predict(X) for tree in self.estimators_)
        return self.init_ + self.learning_rate * trees


class GradientBoostingClassifier(ClassifierMixin, _BaseGradientBoosting):
    r"""Gradient boosting with the log loss: regression trees fitted to ``y - p``, Newton leaves.

    Two classes: one score $F$ with $p = \sigma(F)$, starting at the log-odds of the training
    labels. $K > 2$ classes: $K$ scores with $p = \operatorname{softmax}(F)$, starting at the
    centred log priors, and $K$ trees per stage. Each tree is fitted to the negative gradient
    $y_k - p_k$ of the log loss, then each of its leaves $R$ is set by one Newton step,
    $\sum_R (y_k - p_k) / \sum_R p_k (1 - p_k)$, times $(K - 1)/K$ when $K > 2$ (the factor
    of Friedman's algorithm that scikit-learn keeps), and 0 where the denominator vanishes.

    After ``fit``: ``classes_``, ``init_`` (the starting scores), ``estimators_`` (shape
    ``(n_estimators, 1)`` for two classes, ``(n_estimators, K)`` otherwise, trees whose leaves
    hold the Newton steps) and ``train_score_`` (the mean training log loss after each stage).
    """

    def _proba(self, scores: FloatArray) -> FloatArray:
        """Class probabilities from scores of shape (n, 1) (two classes) or (n, K)."""
        if scores.shape[1] == 1:
            positive = 1.0 / (1.0 + np.exp(-scores[:, 0]))
            return np.column_stack([1.0 - positive, positive])
        shifted = np.exp(scores - scores.max(axis=1, keepdims=True))
        return shifted / shifted.sum(axis=1, keepdims=True)

    def fit(self, X: ArrayLike, y: ArrayLike) -> GradientBoostingClassifier:
        """Fit ``n_estimators`` stages of one tree per score, each to ``y - p`` so far."""
        self._check_params()
        X, y = _check_X_y(X, y, y_numeric=False)
        self.classes_, codes = _check_labels(y, min_classes=2)
        X = X.astype(np.float64, copy=False)
        self.n_features_in_ = X.shape[1]
        n_classes = self.classes_.size
        onehot = np.eye(n_classes)[codes]
        prior = onehot.mean(axis=0)
        if n_classes == 2:
            targets = onehot[:, 1:]  # the score is the log-odds of the second class
            self.init_ = np.log(prior[1:] / prior[:1])
        else:
            targets = onehot
            self.init_ = np.log(prior) - np.log(prior).mean()
        scores = np.tile(self.init_, (X.shape[0], 1))
        factor = 1.0 if n_classes == 2 else (n_classes - 1) / n_classes
        rng = check_random_state(self.random_state)
        stages, losses = [], []
        for _ in range(self.n_estimators):
            proba = self._proba(scores)
            p = proba[:, 1:] if n_classes == 2 else proba
            residuals = targets - p  # the negative gradient of the log loss, per score
            stage = []
            for k in range(targets.shape[1]):
                tree = self._tree(int(rng.integers(2**31 - 1))).fit(X, residuals[:, k])
                leaves = tree.apply(X)
                for leaf in np.unique(leaves):
                    rows = leaves == leaf
                    hessian = np.mean(p[rows, k] * (1.0 - p[rows, k]))
                    step = 0.0
                    if abs(hessian) >= 1e-150:
                        step = factor * float(np.mean(residuals[rows, k])) / float(hessian)
                    tree.tree_.value[leaf, 0] = step
                scores[:, k] += self.learning_rate * tree.tree_.value[leaves, 0]
                stage.append(tree)
            stages.append(stage)
            proba = self._proba(scores)
            losses.append(-np.mean(np.log(proba[np.arange(codes.size), codes])))
        self.estimators_ = np.array(stages, dtype=object)
        self.train_score_ = np.array(losses)
        return self

    def _staged_scores(self, X: ArrayLike) -> Iterator[FloatArray]:
        self._check_fitted("estimators_")
        X = self._validate_X(X)
        scores = np.tile(self.init_, (X.shape[0], 1))
        for stage in self.estimators_:
            scores = scores + self.learning_rate * np.column_stack([t.predict(X) for t in stage])
            yield scores

    def decision_function(self, X: ArrayLike) -> FloatArray:
        r"""The scores $F(x)$: shape (n_samples,) for two classes, (n_samples, K) otherwise."""
        *_, scores = self._staged_scores(X)
        return scores[:, 0] if scores.shape[1] == 1 else scores

    def staged_predict_proba(self, X: ArrayLike) -> Iterator[FloatArray]:
        """Yield the class probabilities for ``X`` after 1, 2, ..., ``n_estimators`` stages."""
        for scores in self._staged_scores(X):
            yield self._proba(scores)

    def predict_proba(self, X: ArrayLike) -> FloatArray:
        """Class probabilities, shape (n_samples, n_classes), columns in ``classes_`` order."""
        *_, scores = self._staged_scores(X)
        return self._proba(scores)

    def predict(self, X: ArrayLike) -> NDArray:
        """The most probable class (ties: the first in ``classes_``)."""
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)]
