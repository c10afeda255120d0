r"""Gaussian mixture model fitted by expectation–maximisation (EM), in NumPy.

The density is $p(\mathbf{x}) = \sum_{k=1}^{K} \pi_k\,
\mathcal{N}(\mathbf{x} \mid \boldsymbol\mu_k, \Sigma_k)$. EM alternates

- **E step**: responsibilities $r_{ik} = \pi_k \mathcal{N}(\mathbf{x}_i \mid
  \boldsymbol\mu_k, \Sigma_k) / p(\mathbf{x}_i)$, computed in log space with a log-sum-exp so
  that tiny densities do not underflow;
- **M step**: with $N_k = \sum_i r_{ik}$, set $\pi_k = N_k / n$,
  $\boldsymbol\mu_k = \sum_i r_{ik}\mathbf{x}_i / N_k$ and
  $\Sigma_k = \sum_i r_{ik}(\mathbf{x}_i - \boldsymbol\mu_k)(\mathbf{x}_i -
  \boldsymbol\mu_k)^\top / N_k + \lambda I$ (``reg_covar`` $\lambda$ keeps it invertible);

until the mean log-likelihood $\frac1n \sum_i \log p(\mathbf{x}_i)$ rises by less than
``tol``. Each step never lowers the likelihood. Gaussian log-densities use the Cholesky factor of
each precision matrix, as scikit-learn does.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray
from sklearn.base import DensityMixin

from dlref._validate import (
    check_choice,
    check_finite_scalar,
    check_int,
    check_random_state,
)
from dlref.classic._base import BaseModel, _check_X
from dlref.classic.cluster import KMeans
from dlref.math.activations import log_sum_exp

FloatArray = NDArray[np.float64]

_LOG_2PI = np.log(2.0 * np.pi)


def _precision_cholesky(covariances: FloatArray, covariance_type: str) -> FloatArray:
    r"""Factors $P_k$ with $P_k P_k^\top = \Sigma_k^{-1}$ (``'full'``), or
    $1/\sqrt{\sigma^2}$ per feature (``'diag'``)."""
    if covariance_type == "diag":
        if np.any(covariances <= 0):
            raise ValueError("a component's covariance is singular; increase reg_covar")
        return 1.0 / np.sqrt(covariances)
    try:
        lower = np.linalg.cholesky(covariances)  # (K, d, d), Sigma_k = L_k L_k^T
    except np.linalg.LinAlgError as error:
        raise ValueError(
            "a component's covariance is not positive definite (too few or collinear "
            "points in it); increase reg_covar or use fewer components"
        ) from error
    eye = np.broadcast_to(np.eye(covariances.shape[1]), covariances.shape)
    return np.swapaxes(np.linalg.solve(lower, eye), 1, 2)  # L^{-T}


def _log_gaussian(
    X: FloatArray, means: FloatArray, prec_chol: FloatArray, covariance_type: str
) -> FloatArray:
    r"""$\log \mathcal{N}(\mathbf{x}_i \mid \boldsymbol\mu_k, \Sigma_k)$, shape (n, K)."""
    d = X.shape[1]
    if covariance_type == "diag":
        log_det = np.log(prec_chol).sum(axis=1)
        z = (X[:, None, :] - means[None]) * prec_chol[None]
        return -0.5 * (d * _LOG_2PI + (z * z).sum(axis=2)) + log_det
    log_det = np.log(np.diagonal(prec_chol, axis1=1, axis2=2)).sum(axis=1)
    mahalanobis = np.column_stack(
        [(((X - mu) @ P) ** 2).sum(axis=1) for mu, P in zip(means, prec_chol, strict=True)]
    )
    return -0.5 * (d * _LOG_2PI + mahalanobis) + log_det


class GaussianMixture(DensityMixin, BaseModel):
    """Mixture of Gaussians with full or diagonal covariances, fitted by EM.

    Follows ``sklearn.mixture.GaussianMixture``: initial responsibilities from k-means labels
    (``init='kmeans'``) or random ones (``init='random'``), ``reg_covar`` added to the diagonal,
    ``n_init`` restarts keeping the highest final lower bound. After ``fit``: ``weights_``,
    ``means_``, ``covariances_``, ``converged_``, ``n_iter_``, ``lower_bound_`` (mean
    log-likelihood at the last E step) and ``lower_bounds_`` (its value at every iteration).
    """

    def __init__(
        self,
        n_components: int = 1,
        covariance_type: str = "full",
        tol: float = 1e-3,
        reg_covar: float = 1e-6,
        max_iter: int = 100,
        n_init: int = 1,
        init: str = "kmeans",
        random_state: int | None = None,
    ) -> None:
        self.n_components = n_components
        self.covariance_type = covariance_type
        self.tol = tol
        self.reg_covar = reg_covar
        self.max_iter = max_iter
        self.n_init = n_init
        self.init = init
        self.random_state = random_state

    def _check_params(self) -> None:
        """Check the hyper-parameters (called first by ``fit``)."""
        check_int(self.n_components, "n_components", minimum=1)
        check_choice(self.covariance_type, "covariance_type", ("full", "diag"))
        check_finite_scalar(self.tol, "tol", minimum=0.0)
        check_finite_scalar(self.reg_covar, "reg_covar", minimum=0.0)
        check_int(self.max_iter, "max_iter", minimum=1)
        check_int(self.n_init, "n_init", minimum=1)
        check_choice(self.init, "init", ("kmeans", "random"))

    # --- EM steps ----------------------------------------------------------------------------

    def _m_step(self, X: FloatArray, resp: FloatArray) -> None:
        nk = resp.sum(axis=0) + 10 * np.finfo(np.float64).eps  # no division by an empty component
        means = resp.T @ X / nk[:, None]
        if self.covariance_type == "diag":
            covariances = resp.T @ (X * X) / nk[:, None] - means**2 + self.reg_covar
        else:
            covariances = np.empty((self.n_components, X.shape[1], X.shape[1]))
            for k in range(self.n_components):
                diff = X - means[k]
                covariances[k] = (resp[:, k] * diff.T) @ diff / nk[k]
                covariances[k].flat[:: X.shape[1] + 1] += self.reg_covar
        self.weights_ = nk / X.shape[0]
        self.means_, self.covariances_ = means, covariances
        self.precisions_cholesky_ = _precision_cholesky(covariances, self.covariance_type)

    def _weighted_log_prob(self, X: FloatArray) -> FloatArray:
        log_gauss = _log_gaussian(X, self.means_, self.precisions_cholesky_, self.covariance_type)
        return log_gauss + np.log(self.weights_)

    def _e_step(self, X: FloatArray) -> tuple[float, FloatArray]:
        """Mean log-likelihood and log responsibilities under the current parameters."""
        weighted = self._weighted_log_prob(X)
        log_norm = log_sum_exp(weighted)
        return float(log_norm.mean()), weighted - log_norm[:, None]

    def _initial_resp(self, X: FloatArray, rng: np.random.Generator) -> FloatArray:
        n, k = X.shape[0], self.n_components
        if self.init == "random":
            resp = rng.uniform(size=(n, k))
            return resp / resp.sum(axis=1, keepdims=True)
        seed = int(rng.integers(2**31 - 1))
        labels = KMeans(k, n_init=1, random_state=seed).fit(X).labels_
        return np.eye(k)[labels]

    # --- public API ----------------------------------------------------------------------------

    def fit(self, X: ArrayLike, y: object = None) -> GaussianMixture:
        """Estimate the mixture parameters from the rows of ``X`` by EM."""
        self._check_params()
        X = _check_X(X).astype(np.float64, copy=False)
        self.n_features_in_ = X.shape[1]
        if X.shape[0] < self.n_components:
            raise ValueError(
                f"n_components={self.n_components} must be <= the number of samples; got "
                f"{X.shape[0]} sample(s)"
            )
        rng = check_random_state(self.random_state)
        best = None
        for _ in range(self.n_init):
            self._m_step(X, self._initial_resp(X, rng))
            lower_bound, history, converged = -np.inf, [], False
            while len(history) < self.max_iter:
                previous = lower_bound
                lower_bound, log_resp = self._e_step(X)
                self._m_step(X, np.exp(log_resp))
                history.append(lower_bound)
                if abs(lower_bound - previous) < self.tol:
                    converged = True
                    break
            if best is None or lower_bound > best[0]:
                params = (self.weights_, self.means_, self.covariances_, self.precisions_cholesky_)
                best = (lower_bound, params, history, converged, len(history))
        self.lower_bound_, params, self.lower_bounds_, self.converged_, self.n_iter_ = best
        self.weights_, self.means_, self.covariances_, self.precisions_cholesky_ = params
        return self

    def _checked(self, X: ArrayLike) -> FloatArray:
        self._check_fitted("means_")
        return self._validate_X(X).astype(np.float64, copy=False)

    def score_samples(self, X: ArrayLike) -> FloatArray:
        r"""Log-density $\log p(\mathbf{x}_i)$ of each row of ``X``."""
        return log_sum_exp(self._weighted_log_prob(self._checked(X)))

    def score(self, X: ArrayLike, y: object = None) -> float:
        """Mean log-likelihood of the rows of ``X`` under the fitted mixture."""
        return float(self.score_samples(X).mean())

    def predict_proba(self, X: ArrayLike) -> FloatArray:
        """Responsibilities: posterior probability of each component, rows summing to 1."""
        weighted = self._weighted_log_prob(self._checked(X))
        return np.exp(weighted - log_sum_exp(weighted)[:, None])

    def predict(self, X: ArrayLike) -> NDArray[np.intp]:
        """Most probable component for each row of ``X``."""
        return np.argmax(self._weighted_log_prob(self._checked(X)), axis=1)
