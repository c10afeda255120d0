r"""Gaussian naive Bayes, in NumPy.

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

from dlref._validate import as_float_array, check_finite_scalar
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
