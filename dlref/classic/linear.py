r"""Linear models in NumPy, fitted like scikit-learn's and checked against it.

Regressors predict $\hat{y} = X\mathbf{w} + b$ (``coef_`` is $\mathbf{w}$,
``intercept_`` is $b$); they differ only in the objective they minimise:

- `LinearRegression`: least squares $\lVert\mathbf{y} - X\mathbf{w} - b\rVert^2$.
- `Ridge`: least squares plus $\alpha\lVert\mathbf{w}\rVert_2^2$.
- `Lasso`: $\frac{1}{2n}\lVert\mathbf{y} - X\mathbf{w} - b\rVert^2 +
  \alpha\lVert\mathbf{w}\rVert_1$, which sets some coefficients exactly to zero.
- `HuberRegressor`: squared loss for small residuals, absolute loss for large ones, so a
  few outliers pull the line much less.

`LogisticRegression` is the linear classifier with an L2 penalty: a sigmoid of the score
for two classes, a softmax over one score per class for more. The intercept is never penalised.
scipy is imported only inside the ``fit`` methods that need it.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from sklearn.base import ClassifierMixin, RegressorMixin

from dlref._validate import check_choice, check_finite_scalar, check_int
from dlref.classic._base import BaseModel, ConvergenceWarning, _check_labels, _check_X_y
from dlref.math.activations import sigmoid, softmax

FloatArray = NDArray[np.float64]
LossAndGrad = Callable[[FloatArray], tuple[float, FloatArray]]

__all__ = ["HuberRegressor", "Lasso", "LinearRegression", "LogisticRegression", "Ridge"]


def _fit_data(X: ArrayLike, y: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Checked float64 ``(X, y)`` for a regressor's ``fit``."""
    X, y = _check_X_y(X, y)
    return X.astype(np.float64, copy=False), y.astype(np.float64, copy=False)


def _center(X: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray, float]:
    r"""``(X - \bar{x}, y - \bar{y}, \bar{x}, \bar{y})``.

    Fitting $\mathbf{w}$ on centred data and then setting
    $b = \bar{y} - \bar{\mathbf{x}}^\top\mathbf{w}$ is how an unpenalised intercept is
    handled: it solves the same problem as adding a column of ones that the penalty skips.
    """
    x_mean = X.mean(axis=0)
    y_mean = float(y.mean())
    return X - x_mean, y - y_mean, x_mean, y_mean


def _lbfgs(
    fun: LossAndGrad,
    x0: FloatArray,
    max_iter: int,
    tol: float,
    bounds: list[tuple[float | None, float | None]] | None = None,
) -> Any:
    """Minimise ``fun`` (returning loss and gradient) with scipy's L-BFGS-B; warn if not done.

    Returns scipy's ``OptimizeResult``. ``gtol=tol`` stops when the largest projected gradient
    entry is below ``tol``; the other options are scikit-learn's.
    """
    from scipy.optimize import minimize  # lazy: scipy is needed only to fit these models

    result = minimize(
        fun,
        x0,
        method="L-BFGS-B",
        jac=True,
        bounds=bounds,
        options={"maxiter": max_iter, "gtol": tol, "ftol": 64 * np.finfo(float).eps, "maxls": 50},
    )
    if result.status == 1:  # iteration limit reached
        warnings.warn(
            f"L-BFGS-B stopped after max_iter={max_iter} iterations without reaching tol={tol}; "
            "increase max_iter or scale the features",
            ConvergenceWarning,
            stacklevel=3,
        )
    elif result.status != 0:
        raise RuntimeError(f"L-BFGS-B failed: {result.message}")
    return result


class _LinearRegressor(RegressorMixin, BaseModel):
    """``predict`` for a fitted linear regressor with ``coef_`` and ``intercept_``."""

    coef_: FloatArray
    intercept_: float

    def _set_fit(self, coef: FloatArray, intercept: float) -> None:
        self.coef_ = np.asarray(coef, dtype=np.float64)
        self.intercept_ = float(intercept)
        self.n_features_in_ = self.coef_.shape[0]

    def predict(self, X: ArrayLike) -> FloatArray:
        r"""Predictions $\hat{y} = X\mathbf{w} + b$, shape ``(n_samples,)``."""
        self._check_fitted("coef_")
        X = self._validate_X(X)
        return X @ self.coef_ + self.intercept_


class LinearRegression(_LinearRegressor):
    r"""Ordinary least squares: minimise $\lVert\mathbf{y} - X\mathbf{w} - b\rVert_2^2$.

    ``method='normal'`` solves the normal equations $X_c^\top X_c\mathbf{w} = X_c^\top
    \mathbf{y}_c$ (``X_c``, ``y_c`` centred) with ``np.linalg.lstsq``, not by forming
    $(X^\top X)^{-1}$: ``lstsq`` works on $X$ itself through an SVD, so its error
    grows with the condition number $\kappa(X)$ rather than $\kappa(X)^2$, and it
    still returns the minimum-norm solution when columns are collinear and
    $X^\top X$ is singular. This is also what scikit-learn does.

    ``method='gd'`` runs ``epochs`` steps of batch gradient descent on
    $J = \frac{1}{2n}\lVert X_s\mathbf{w} + b - \mathbf{y}\rVert^2$, where
    $X_s$ has standardised columns (zero mean, unit variance) so that one learning rate
    suits every feature; the weights are mapped back to the original units afterwards.
    ``loss_history_`` holds $J$ before each step.
    """

    def __init__(
        self, method: str = "normal", learning_rate: float = 0.1, epochs: int = 1000
    ) -> None:
        self.method = method
        self.learning_rate = learning_rate
        self.epochs = epochs

    def _check_params(self) -> None:
        """Check the hyper-parameters (called first by ``fit``)."""
        check_choice(self.method, "method", ("normal", "gd"))
        check_finite_scalar(
            self.learning_rate, "learning_rate", minimum=0.0, include_boundaries="neither"
        )
        check_int(self.epochs, "epochs", minimum=1)

    def fit(self, X: ArrayLike, y: ArrayLike) -> LinearRegression:
        """Fit ``coef_`` and ``intercept_`` (and ``loss_history_`` for ``method='gd'``)."""
        self._check_params()
        X, y = _fit_data(X, y)
        if self.method == "normal":
            Xc, yc, x_mean, y_mean = _center(X, y)
            coef = np.linalg.lstsq(Xc, yc, rcond=None)[0]
            self._set_fit(coef, y_mean - x_mean @ coef)
        else:
            self._fit_gd(X, y)
        return self

    def _fit_gd(self, X: FloatArray, y: FloatArray) -> None:
        n = X.shape[0]
        mean = X.mean(axis=0)
        scale = X.std(axis=0)
        scale[scale == 0.0] = 1.0  # a constant column stays 0 after centring
        Xs = (X - mean) / scale
        w = np.zeros(X.shape[1])
        b = 0.0
        history = np.empty(self.epochs)
        with np.errstate(over="ignore", invalid="ignore"):
            for epoch in range(self.epochs):
                residual = Xs @ w + b - y
                history[epoch] = 0.5 * float(residual @ residual) / n
                if not np.isfinite(history[epoch]):
                    raise ValueError(
                        f"gradient descent diverged at epoch {epoch}: learning_rate="
                        f"{self.learning_rate} is too large for these data; lower it"
                    )
                w -= self.learning_rate * (Xs.T @ residual) / n
                b -= self.learning_rate * float(residual.mean())
        self.loss_history_ = history
        coef = w / scale
        self._set_fit(coef, b - mean @ coef)


class Ridge(_LinearRegressor):
    r"""Ridge regression: minimise $\lVert\mathbf{y} - X\mathbf{w} - b\rVert_2^2 +
    \alpha\lVert\mathbf{w}\rVert_2^2$ (the intercept $b$ is not penalised).

    The closed form is $\mathbf{w} = (X_c^\top X_c + \alpha I)^{-1} X_c^\top\mathbf{y}_c$
    on centred data, then $b = \bar{y} - \bar{\mathbf{x}}^\top\mathbf{w}$. It is computed as
    the least-squares solution of the stacked system
    $\begin{bmatrix}X_c\\ \sqrt{\alpha}I\end{bmatrix}\mathbf{w} \approx
    \begin{bmatrix}\mathbf{y}_c\\ \mathbf{0}\end{bmatrix}$, which has the same solution without
    squaring the condition number, and still works for ``alpha=0``.
    """

    def __init__(self, alpha: float = 1.0) -> None:
        self.alpha = alpha

    def _check_params(self) -> None:
        """Check the hyper-parameters (called first by ``fit``)."""
        check_finite_scalar(self.alpha, "alpha", minimum=0.0)

    def fit(self, X: ArrayLike, y: ArrayLike) -> Ridge:
        """Fit ``coef_`` and ``intercept_`` in closed form."""
        self._check_params()
        X, y = _fit_data(X, y)
        Xc, yc, x_mean, y_mean = _center(X, y)
        n_features = X.shape[1]
        A = np.vstack([Xc, np.sqrt(self.alpha) * np.eye(n_features)])
        target = np.concatenate([yc, np.zeros(n_features)])
        coef = np.linalg.lstsq(A, target, rcond=None)[0]
        self._set_fit(coef, y_mean - x_mean @ coef)
        return self


def _soft_threshold(z: float, threshold: float) -> float:
    r"""Soft-thresholding $S(z, \lambda) = \operatorname{sign}(z)\max(|z| - \lambda, 0)$."""
    return float(np.sign(z) * max(abs(z) - threshold, 0.0))


class Lasso(_LinearRegressor):
    r"""Lasso: minimise $\frac{1}{2n}\lVert\mathbf{y} - X\mathbf{w} - b\rVert_2^2 +
    \alpha\lVert\mathbf{w}\rVert_1$, scikit-learn's objective, by cyclic coordinate descent.

    With the residual $\mathbf{r}$ of the other coordinates, each coordinate has the
    closed-form minimiser $w_j = S(\mathbf{x}_j^\top\mathbf{r}, n\alpha) /
    \lVert\mathbf{x}_j\rVert^2$ ($S$ = soft-thresholding), so a coefficient whose
    correlation with the residual is below $n\alpha$ becomes exactly zero. Sweeps over
    ``j = 0..p-1`` repeat until the duality gap is at most ``tol`` times
    $\lVert\mathbf{y}_c\rVert^2$, scikit-learn's stopping rule, or ``max_iter`` sweeps.
    The loop is over features, never over samples: each update is two length-``n`` dot products.
    """

    def __init__(self, alpha: float = 1.0, max_iter: int = 1000, tol: float = 1e-6) -> None:
        self.alpha = alpha
        self.max_iter = max_iter
        self.tol = tol

    def _check_params(self) -> None:
        """Check the hyper-parameters (called first by ``fit``)."""
        check_finite_scalar(self.alpha, "alpha", minimum=0.0)
        check_int(self.max_iter, "max_iter", minimum=1)
        check_finite_scalar(self.tol, "tol", minimum=0.0)

    def fit(self, X: ArrayLike, y: ArrayLike) -> Lasso:
        """Fit ``coef_``, ``intercept_``, ``n_iter_`` (sweeps) and ``dual_gap_``."""
        self._check_params()
        X, y = _fit_data(X, y)
        Xc, yc, x_mean, y_mean = _center(X, y)
        n_samples, n_features = X.shape
        columns = np.ascontiguousarray(Xc.T)  # row j is feature j: fast column access
        col_sq = np.einsum("ij,ij->i", columns, columns)
        penalty = self.alpha * n_samples
        stop_gap = self.tol * float(yc @ yc)
        w = np.zeros(n_features)
        residual = yc.copy()
        gap = np.inf
        sweep = 0
        while sweep < self.max_iter:
            sweep += 1
            for j in range(n_features):
                if col_sq[j] == 0.0:
                    continue
                if w[j] != 0.0:
                    residual += w[j] * columns[j]
                w[j] = _soft_threshold(float(columns[j] @ residual), penalty) / col_sq[j]
                if w[j] != 0.0:
                    residual -= w[j] * columns[j]
            gap = self._duality_gap(columns, yc, w, residual, penalty)
            if gap <= stop_gap:
                break
        if gap > stop_gap:
            warnings.warn(
                f"Lasso did not converge in max_iter={self.max_iter} sweeps (duality gap {gap:.3g}"
                f" > {stop_gap:.3g}); increase max_iter or tol",
                ConvergenceWarning,
                stacklevel=2,
            )
        self.n_iter_ = sweep
        self.dual_gap_ = gap
        self._set_fit(w, y_mean - x_mean @ w)
        return self

    @staticmethod
    def _duality_gap(
        columns: FloatArray, y: FloatArray, w: FloatArray, residual: FloatArray, penalty: float
    ) -> float:
        r"""Gap between $\tfrac12\lVert\mathbf{r}\rVert^2 + \lambda\lVert\mathbf{w}\rVert_1$
        and the dual objective at the rescaled residual, an upper bound on the suboptimality."""
        dual_norm = float(np.max(np.abs(columns @ residual)))
        r_norm2 = float(residual @ residual)
        const = penalty / dual_norm if dual_norm > penalty else 1.0
        gap = 0.5 * r_norm2 * (1.0 + const**2)
        return gap + penalty * float(np.abs(w).sum()) - const * float(residual @ y)


class HuberRegressor(_LinearRegressor):
    r"""Robust linear regression with scikit-learn's Huber objective, which also fits a scale.

    It minimises over $\mathbf{w}$, $b$ and $\sigma > 0$

    .. math::

        \sum_{i=1}^n \left(\sigma + H_\epsilon\!\left(\frac{y_i - \mathbf{x}_i^\top\mathbf{w} - b}
        {\sigma}\right)\sigma\right) + \alpha\lVert\mathbf{w}\rVert_2^2,
        \qquad H_\epsilon(z) = \begin{cases} z^2 & |z| \le \epsilon \\
        2\epsilon|z| - \epsilon^2 & |z| > \epsilon \end{cases}

    so residuals beyond $\epsilon\sigma$ count linearly, not quadratically. Estimating
    $\sigma$ makes ``epsilon`` independent of the units of ``y``. Solved with scipy's
    L-BFGS-B from $\mathbf{w} = 0, b = 0, \sigma = 1$, like scikit-learn. After ``fit``,
    ``scale_`` is $\sigma$ and ``outliers_`` marks the samples in the linear part.
    """

    def __init__(
        self, epsilon: float = 1.35, alpha: float = 1e-4, max_iter: int = 100, tol: float = 1e-5
    ) -> None:
        self.epsilon = epsilon
        self.alpha = alpha
        self.max_iter = max_iter
        self.tol = tol

    def _check_params(self) -> None:
        """Check the hyper-parameters (called first by ``fit``)."""
        check_finite_scalar(self.epsilon, "epsilon", minimum=1.0)
        check_finite_scalar(self.alpha, "alpha", minimum=0.0)
        check_int(self.max_iter, "max_iter", minimum=1)
        check_finite_scalar(self.tol, "tol", minimum=0.0)

    def fit(self, X: ArrayLike, y: ArrayLike) -> HuberRegressor:
        """Fit ``coef_``, ``intercept_``, ``scale_``, ``outliers_`` and ``n_iter_``."""
        self._check_params()
        X, y = _fit_data(X, y)
        n_features = X.shape[1]
        start = np.zeros(n_features + 2)
        start[-1] = 1.0
        bounds = [(None, None)] * (n_features + 1) + [(10 * np.finfo(np.float64).eps, None)]
        result = _lbfgs(
            lambda params: self._loss_and_grad(params, X, y),
            start,
            self.max_iter,
            self.tol,
            bounds,
        )
        self.n_iter_ = int(result.nit)
        self.scale_ = float(result.x[-1])
        self._set_fit(result.x[:n_features], result.x[n_features])
        residual = np.abs(y - self.predict(X))
        self.outliers_ = residual > self.epsilon * self.scale_
        return self

    def _loss_and_grad(
        self, params: FloatArray, X: FloatArray, y: FloatArray
    ) -> tuple[float, FloatArray]:
        """The objective above and its gradient in ``(w, b, sigma)``."""
        n_features = X.shape[1]
        w, b, sigma = params[:n_features], params[n_features], params[n_features + 1]
        eps = self.epsilon
        residual = y - X @ w - b
        outlier = np.abs(residual) > eps * sigma
        n_outliers = int(np.count_nonzero(outlier))
        squared = float(np.sum(np.where(outlier, 0.0, residual**2))) / sigma
        linear = 2.0 * eps * float(np.sum(np.abs(residual[outlier]))) - sigma * n_outliers * eps**2
        loss = y.shape[0] * sigma + squared + linear + self.alpha * float(w @ w)
        # d(loss)/d(residual): 2r/sigma inside, 2*eps*sign(r) outside
        d_residual = np.where(outlier, 2.0 * eps * np.sign(residual), 2.0 * residual / sigma)
        grad = np.empty_like(params)
        grad[:n_features] = -(X.T @ d_residual) + 2.0 * self.alpha * w
        grad[n_features] = -float(d_residual.sum())
        grad[n_features + 1] = y.shape[0] - n_outliers * eps**2 - squared / sigma
        return loss, grad


class LogisticRegression(ClassifierMixin, BaseModel):
    r"""L2-penalised logistic regression, scikit-learn's default (``lbfgs``) objective.

    With $K$ classes it minimises the mean cross-entropy plus
    $\frac{1}{2Cn}\lVert W\rVert_F^2$ (smaller ``C``, stronger penalty; the intercepts are
    not penalised), which has the same minimiser as scikit-learn's
    $\tfrac12\lVert W\rVert^2 + C\sum_i \ell_i$:

    - $K = 2$: one score $z = \mathbf{x}^\top\mathbf{w} + b$,
      $P(\text{classes\_[1]}) = \sigma(z)$, loss $\log(1 + e^{z}) - t z$
      with $t \in \{0, 1\}$; ``coef_`` has shape ``(1, n_features)``.
    - $K > 2$: one score per class, $P(k) = \operatorname{softmax}(\mathbf{z})_k$,
      loss $\log\sum_j e^{z_j} - z_y$ (multinomial); ``coef_`` has shape
      ``(K, n_features)``.

    Labels may be any sortable values (ints, strings); ``classes_`` holds them sorted. Fitted
    with scipy's L-BFGS-B from all-zero weights, stopping when the largest gradient entry is
    below ``tol`` or after ``max_iter`` iterations (with a `ConvergenceWarning`).
    """

    def __init__(self, C: float = 1.0, max_iter: int = 100, tol: float = 1e-4) -> None:
        self.C = C
        self.max_iter = max_iter
        self.tol = tol

    def _check_params(self) -> None:
        """Check the hyper-parameters (called first by ``fit``)."""
        check_finite_scalar(self.C, "C", minimum=0.0, include_boundaries="neither")
        check_int(self.max_iter, "max_iter", minimum=1)
        check_finite_scalar(self.tol, "tol", minimum=0.0)

    def fit(self, X: ArrayLike, y: ArrayLike) -> LogisticRegression:
        """Fit ``classes_``, ``coef_``, ``intercept_`` and ``n_iter_``."""
        self._check_params()
        X, y = _check_X_y(X, y, y_numeric=False)
        X = X.astype(np.float64, copy=False)
        classes, encoded = _check_labels(y)
        n_samples, n_features = X.shape
        n_scores = 1 if classes.size == 2 else classes.size
        l2 = 1.0 / (self.C * n_samples)
        if n_scores == 1:
            target = encoded.astype(np.float64)

            def fun(params: FloatArray) -> tuple[float, FloatArray]:
                return self._binary_loss(params, X, target, l2)

        else:
            onehot = np.eye(n_scores)[encoded]

            def fun(params: FloatArray) -> tuple[float, FloatArray]:
                return self._multinomial_loss(params, X, encoded, onehot, l2)

        result = _lbfgs(fun, np.zeros(n_scores * (n_features + 1)), self.max_iter, self.tol)
        params = result.x.reshape(n_scores, n_features + 1)
        self.classes_ = classes
        self.coef_ = params[:, :n_features].copy()
        self.intercept_ = params[:, n_features].copy()
        self.n_features_in_ = n_features
        self.n_iter_ = int(result.nit)
        return self

    @staticmethod
    def _binary_loss(
        params: FloatArray, X: FloatArray, target: FloatArray, l2: float
    ) -> tuple[float, FloatArray]:
        w, b = params[:-1], params[-1]
        z = X @ w + b
        loss = float(np.mean(np.logaddexp(0.0, z) - target * z)) + 0.5 * l2 * float(w @ w)
        error = (sigmoid(z) - target) / X.shape[0]
        grad = np.concatenate([X.T @ error + l2 * w, [error.sum()]])
        return loss, grad

    @staticmethod
    def _multinomial_loss(
        params: FloatArray, X: FloatArray, encoded: NDArray[np.intp], onehot: FloatArray, l2: float
    ) -> tuple[float, FloatArray]:
        params = params.reshape(onehot.shape[1], X.shape[1] + 1)
        W, b = params[:, :-1], params[:, -1]
        Z = X @ W.T + b
        z_max = Z.max(axis=1, keepdims=True)
        log_norm = z_max[:, 0] + np.log(np.exp(Z - z_max).sum(axis=1))
        z_true = Z[np.arange(Z.shape[0]), encoded]
        loss = float(np.mean(log_norm - z_true)) + 0.5 * l2 * float(np.sum(W * W))
        error = (np.exp(Z - log_norm[:, None]) - onehot) / X.shape[0]
        grad = np.hstack([error.T @ X + l2 * W, error.sum(axis=0)[:, None]])
        return loss, grad.ravel()

    def decision_function(self, X: ArrayLike) -> FloatArray:
        r"""Scores $X W^\top + \mathbf{b}$: shape ``(n,)`` for 2 classes, else ``(n, K)``."""
        self._check_fitted("coef_")
        X = self._validate_X(X)
        scores = X @ self.coef_.T + self.intercept_
        return scores[:, 0] if self.classes_.size == 2 else scores

    def predict_proba(self, X: ArrayLike) -> FloatArray:
        """Class probabilities, shape ``(n_samples, K)``, columns in the order of ``classes_``."""
        scores = self.decision_function(X)
        if self.classes_.size == 2:
            p = sigmoid(scores)
            return np.column_stack([1.0 - p, p])
        return softmax(scores, axis=1)

    def predict(self, X: ArrayLike) -> NDArray:
        """The most probable class label of each sample."""
        scores = self.decision_function(X)
        if self.classes_.size == 2:
            return self.classes_[(scores > 0).astype(np.intp)]
        return self.classes_[np.argmax(scores, axis=1)]
