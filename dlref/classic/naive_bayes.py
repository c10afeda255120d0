r"""Naive Bayes in NumPy: Gaussian, multinomial (counts) and Bernoulli (binary features).

Each class $c$ gets a prior $\pi_c$ and, per feature $j$, a normal distribution
with mean $\theta_{cj}$ and variance $\sigma^2_{cj}$ fitted to that class's samples;
features are assumed independent given the class. The posterior follows from Bayes' rule,

.. math:: \log p(c \mid \mathbf{x}) = \log \pi_c - \tfrac12 \sum_j \Bigl[\log(2\pi\sigma^2_{cj})
   + \frac{(x_j - \theta_{cj})^2}{\sigma^2_{cj}}\Bigr] - \log Z(\mathbf{x}),

normalised with a log-sum-exp. As in scikit-learn, ``var_smoothing`` times the largest feature
variance of the whole training set is added to every $\sigma^2_{cj}$, so a feature that is
constant within a class does not divide by zero.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray
from sklearn.base import ClassifierMixin

from dlref._validate import as_float_array, check_bool, check_finite_scalar
from dlref.classic._base import BaseModel, _check_labels, _check_X_y
from dlref.math.activations import log_sum_exp

FloatArray = NDArray[np.float64]


class GaussianNB(ClassifierMixin, BaseModel):
    """Gaussian naive Bayes classifier; matches ``sklearn.naive_bayes.GaussianNB``.

    ``priors`` (one per class, in sorted class order, summing to 1) replaces the class
    frequencies when given.
    """

    def __init__(self, priors: ArrayLike | None = None, var_smoothing: float = 1e-9) -> None:
        self.priors = priors
        self.var_smoothing = var_smoothing

    def _check_params(self) -> NDArray[np.floating] | None:
        """Check the hyper-parameters (called first by ``fit``); return ``priors`` as an array."""
        check_finite_scalar(self.var_smoothing, "var_smoothing", minimum=0.0)
        priors = self.priors
        if priors is not None:
            priors = as_float_array(priors, "priors")
            if priors.ndim != 1 or np.any(priors < 0) or not np.isclose(priors.sum(), 1.0):
                raise ValueError(
                    "priors must be a 1-D array of non-negative numbers summing to 1; got "
                    f"{np.array2string(priors, threshold=8)}"
                )
        return priors

    def fit(self, X: ArrayLike, y: ArrayLike) -> GaussianNB:
        """Estimate the class priors, means ``theta_`` and variances ``var_`` from ``(X, y)``."""
        priors = self._check_params()
        X, y = _check_X_y(X, y, y_numeric=False)
        self.n_features_in_ = X.shape[1]
        classes, codes = _check_labels(y, min_classes=1)
        X = X.astype(np.float64, copy=False)
        if priors is not None and priors.size != classes.size:
            raise ValueError(
                f"priors must have one entry per class ({classes.size}); got {priors.size}"
            )
        counts = np.bincount(codes, minlength=classes.size).astype(np.float64)
        self.epsilon_ = self.var_smoothing * float(np.var(X, axis=0).max())
        members = [X[codes == c] for c in range(classes.size)]  # one block per class
        self.theta_ = np.stack([block.mean(axis=0) for block in members])
        self.var_ = np.stack([block.var(axis=0) for block in members]) + self.epsilon_
        self.class_count_ = counts
        self.class_prior_ = counts / counts.sum() if priors is None else priors.copy()
        self.classes_ = classes
        return self

    def _joint_log_likelihood(self, X: ArrayLike) -> FloatArray:
        r"""$\log \pi_c + \log p(\mathbf{x} \mid c)$ for each sample and class, (n, C)."""
        self._check_fitted("classes_")
        X = self._validate_X(X).astype(np.float64, copy=False)
        with np.errstate(divide="ignore"):
            log_prior = np.log(self.class_prior_)
        log_norm = -0.5 * np.sum(np.log(2.0 * np.pi * self.var_), axis=1)
        pairs = zip(self.theta_, self.var_, strict=True)  # one column per class
        squared = np.column_stack([((X - mean) ** 2 / var).sum(axis=1) for mean, var in pairs])
        return log_prior + log_norm - 0.5 * squared

    def predict_log_proba(self, X: ArrayLike) -> FloatArray:
        """Log posterior probability of each class, shape ``(n_samples, n_classes)``."""
        jll = self._joint_log_likelihood(X)
        return jll - log_sum_exp(jll)[:, None]

    def predict_proba(self, X: ArrayLike) -> FloatArray:
        """Posterior probability of each class; rows sum to 1."""
        return np.exp(self.predict_log_proba(X))

    def predict(self, X: ArrayLike) -> NDArray:
        """Class with the largest posterior probability."""
        scores = self._joint_log_likelihood(X)
        return self.classes_[np.argmax(scores, axis=1)]


def _bool_as_float(X: ArrayLike) -> ArrayLike:
    """Boolean features (word present or not) as 0.0/1.0; anything else unchanged."""
    array = np.asarray(X) if not isinstance(X, np.ndarray) else X
    return array.astype(np.float64) if array.dtype.kind == "b" else X


class _DiscreteNB(ClassifierMixin, BaseModel):
    r"""Shared fit/predict of the count-based variants: smoothed per-class feature statistics.

    Subclasses define ``_features`` (the X the model counts) and ``_joint_log_likelihood``.
    """

    def __init__(
        self, alpha: float = 1.0, fit_prior: bool = True, class_prior: ArrayLike | None = None
    ) -> None:
        self.alpha = alpha
        self.fit_prior = fit_prior
        self.class_prior = class_prior

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        # as scikit-learn's own discrete naive Bayes: its accuracy checks use Gaussian blobs
        tags.classifier_tags.poor_score = True
        return tags

    def _check_params(self) -> NDArray[np.floating] | None:
        """Check the hyper-parameters (called first by ``fit``); return ``class_prior``."""
        check_finite_scalar(self.alpha, "alpha", minimum=0.0, include_boundaries="neither")
        check_bool(self.fit_prior, "fit_prior")
        prior = self.class_prior
        if prior is not None:
            prior = as_float_array(prior, "class_prior")
            if prior.ndim != 1 or np.any(prior < 0) or not np.isclose(prior.sum(), 1.0):
                raise ValueError(
                    "class_prior must be a 1-D array of non-negative numbers summing to 1; got "
                    f"{np.array2string(prior, threshold=8)}"
                )
        return prior

    def _features(self, X: NDArray[np.floating]) -> FloatArray:
        raise NotImplementedError

    def fit(self, X: ArrayLike, y: ArrayLike) -> _DiscreteNB:
        """Count each feature per class (``feature_count_``); smooth the counts with ``alpha``."""
        prior = self._check_params()
        X, y = _check_X_y(_bool_as_float(X), y, y_numeric=False)
        self.n_features_in_ = X.shape[1]
        classes, codes = _check_labels(y, min_classes=1)
        X = self._features(X.astype(np.float64, copy=False))
        if prior is not None and prior.size != classes.size:
            raise ValueError(
                f"class_prior must have one entry per class ({classes.size}); got {prior.size}"
            )
        Y = np.eye(classes.size)[codes]  # one-hot (n, C)
        self.class_count_ = Y.sum(axis=0)
        self.feature_count_ = Y.T @ X
        with np.errstate(divide="ignore"):
            if prior is not None:
                self.class_log_prior_ = np.log(prior)
            elif self.fit_prior:
                self.class_log_prior_ = np.log(self.class_count_ / self.class_count_.sum())
            else:
                self.class_log_prior_ = np.full(classes.size, -np.log(classes.size))
        self.feature_log_prob_ = self._feature_log_prob()
        self.classes_ = classes
        return self

    def _feature_log_prob(self) -> FloatArray:
        raise NotImplementedError

    def _joint_log_likelihood(self, X: ArrayLike) -> FloatArray:
        raise NotImplementedError

    def predict_log_proba(self, X: ArrayLike) -> FloatArray:
        """Log posterior probability of each class, shape ``(n_samples, n_classes)``."""
        jll = self._joint_log_likelihood(X)
        return jll - log_sum_exp(jll)[:, None]

    def predict_proba(self, X: ArrayLike) -> FloatArray:
        """Posterior probability of each class; rows sum to 1."""
        return np.exp(self.predict_log_proba(X))

    def predict(self, X: ArrayLike) -> NDArray:
        """Class with the largest posterior probability."""
        scores = self._joint_log_likelihood(X)
        return self.classes_[np.argmax(scores, axis=1)]


class MultinomialNB(_DiscreteNB):
    r"""Multinomial naive Bayes for counts; matches ``sklearn.naive_bayes.MultinomialNB``.

    A sample is a vector of counts $x_j \ge 0$ (e.g. how often word $j$ occurs in a document).
    Class $c$ has word probabilities smoothed with ``alpha`` (Laplace for 1, Lidstone below 1):

    $\theta_{cj} = \dfrac{N_{cj} + \alpha}{N_c + \alpha d}$, with $N_{cj}$ the total count of
    feature $j$ in class $c$ and $N_c = \sum_j N_{cj}$, and the score is
    $\log \pi_c + \sum_j x_j \log \theta_{cj}$.

    Args:
        alpha: additive smoothing, $> 0$.
        fit_prior: learn the class priors from the class frequencies; if ``False``, uniform.
        class_prior: fixed priors, one per class in sorted class order, summing to 1.
    """

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.positive_only = True  # counts
        return tags

    def _features(self, X: NDArray[np.floating]) -> FloatArray:
        if np.any(X < 0):
            raise ValueError(
                "Negative values in data passed to MultinomialNB (input X): X must hold "
                f"non-negative counts; smallest value {X.min()}"
            )
        return X

    def _feature_log_prob(self) -> FloatArray:
        smoothed = self.feature_count_ + self.alpha
        return np.log(smoothed) - np.log(smoothed.sum(axis=1, keepdims=True))

    def _joint_log_likelihood(self, X: ArrayLike) -> FloatArray:
        r"""$\log \pi_c + \sum_j x_j \log \theta_{cj}$ for each sample and class, (n, C)."""
        self._check_fitted("classes_")
        X = self._features(self._validate_X(_bool_as_float(X)).astype(np.float64, copy=False))
        return X @ self.feature_log_prob_.T + self.class_log_prior_


class BernoulliNB(_DiscreteNB):
    r"""Bernoulli naive Bayes for binary features; matches ``sklearn.naive_bayes.BernoulliNB``.

    Each feature is binarised, $b_j = [x_j > \text{binarize}]$ (word present or not), and class
    $c$ has presence probabilities $p_{cj} = \dfrac{n_{cj} + \alpha}{n_c + 2\alpha}$, with
    $n_{cj}$ the number of class-$c$ samples where feature $j$ is present. Unlike the
    multinomial model, an *absent* feature counts as evidence too: the score is
    $\log \pi_c + \sum_j \bigl[b_j \log p_{cj} + (1 - b_j) \log(1 - p_{cj})\bigr]$.

    Args:
        alpha: additive smoothing, $> 0$.
        binarize: threshold; values above it count as present. ``None``: ``X`` is already 0/1.
        fit_prior: learn the class priors from the class frequencies; if ``False``, uniform.
        class_prior: fixed priors, one per class in sorted class order, summing to 1.
    """

    def __init__(
        self,
        alpha: float = 1.0,
        binarize: float | None = 0.0,
        fit_prior: bool = True,
        class_prior: ArrayLike | None = None,
    ) -> None:
        super().__init__(alpha=alpha, fit_prior=fit_prior, class_prior=class_prior)
        self.binarize = binarize

    def _check_params(self) -> NDArray[np.floating] | None:
        if self.binarize is not None:
            check_finite_scalar(self.binarize, "binarize")
        return super()._check_params()

    def _features(self, X: NDArray[np.floating]) -> FloatArray:
        if self.binarize is None:
            return X
        return (self.binarize < X).astype(np.float64)

    def _feature_log_prob(self) -> FloatArray:
        smoothed = self.feature_count_ + self.alpha
        return np.log(smoothed) - np.log(self.class_count_ + 2 * self.alpha)[:, None]

    def _joint_log_likelihood(self, X: ArrayLike) -> FloatArray:
        r"""$\log \pi_c + \sum_j [b_j \log p_{cj} + (1 - b_j)\log(1 - p_{cj})]$, (n, C)."""
        self._check_fitted("classes_")
        X = self._features(self._validate_X(_bool_as_float(X)).astype(np.float64, copy=False))
        log_absent = np.log1p(-np.exp(self.feature_log_prob_))
        return (
            X @ (self.feature_log_prob_ - log_absent).T
            + self.class_log_prior_
            + log_absent.sum(axis=1)
        )
