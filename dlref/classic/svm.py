r"""Linear support vector machine for two classes, in NumPy.

With labels $y_i \in \{-1, +1\}$ the soft-margin SVM minimises the L2-regularised hinge loss

.. math:: \tfrac12 \lVert\mathbf{w}\rVert^2 + C \sum_i \max\bigl(0,\, 1 - y_i(\mathbf{w}^\top
   \mathbf{x}_i + b)\bigr).

It is solved in the dual, $\min_{\boldsymbol\alpha} \tfrac12 \boldsymbol\alpha^\top Q
\boldsymbol\alpha - \sum_i \alpha_i$ with $Q_{ij} = y_i y_j \mathbf{x}_i^\top\mathbf{x}_j$,
subject to $0 \le \alpha_i \le C$ and $\sum_i y_i\alpha_i = 0$, by sequential minimal
optimisation (SMO): a coordinate descent that updates the pair of multipliers that most violates
the optimality conditions (libsvm's second-order working-set selection) in closed form, until the
largest violation is below ``tol``. The pair keeps $\sum_i y_i\alpha_i = 0$, which is what
leaves the bias $b$ unregularised, as in ``sklearn.svm.SVC(kernel='linear')``. Then
$\mathbf{w} = \sum_i \alpha_i y_i \mathbf{x}_i$.

The hard-margin SVM is the limit $C \to \infty$ (no upper bound on $\alpha_i$); it
exists only for linearly separable data. Its margin, the gap between the two supporting
hyperplanes $\mathbf{w}^\top\mathbf{x} + b = \pm 1$, is $2 / \lVert\mathbf{w}\rVert$.

The Gram matrix $XX^\top$ is kept in memory ($n^2$ floats), which suits up to a few
thousand samples; each SMO step costs $O(n)$.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray
from sklearn.base import ClassifierMixin

from dlref._validate import check_bool, check_finite_scalar, check_int
from dlref.classic._base import BaseModel, _check_labels, _check_X_y

FloatArray = NDArray[np.float64]

_TAU = 1e-12  # floor for the curvature of a pair, as in libsvm


def _smo(
    K: FloatArray, y: FloatArray, C: float, tol: float, max_iter: int
) -> tuple[FloatArray, float, int]:
    r"""Solve the SVM dual for the Gram matrix ``K`` and labels ``y`` in {-1, +1}.

    Returns the multipliers $\alpha$, the bias $b$ and the number of pair updates.
    Follows libsvm's ``Solver``: gradient $G = Q\alpha - 1$, working set by second-order
    selection, stop when $\max_{I_{up}} -y_tG_t - \min_{I_{low}} -y_tG_t < \mathrm{tol}$.
    """
    n = y.size
    alpha = np.zeros(n)
    grad = -np.ones(n)
    diag = np.diag(K).copy()
    positive = y > 0
    n_iter = 0
    while n_iter < max_iter:
        below_upper, above_lower = alpha < C, alpha > 0
        up = np.where(positive, below_upper, above_lower)  # alpha_t may move so y_t alpha_t grows
        low = np.where(positive, above_lower, below_upper)
        score = -y * grad
        i = int(np.argmax(np.where(up, score, -np.inf)))
        gap = score[i] - np.min(np.where(low, score, np.inf))
        if gap < tol:
            break
        # Second-order choice of j: the largest decrease of the objective for the pair (i, j).
        b = score[i] - score
        curvature = diag[i] + diag - 2.0 * K[i]
        gain = np.where(low & (b > 0), -(b * b) / np.maximum(curvature, _TAU), np.inf)
        j = int(np.argmin(gain))
        old_i, old_j = alpha[i], alpha[j]
        Q_ij = y[i] * y[j] * K[i, j]
        if y[i] != y[j]:
            quad = max(diag[i] + diag[j] + 2.0 * Q_ij, _TAU)
            delta = (-grad[i] - grad[j]) / quad
            diff = old_i - old_j
            new_i, new_j = old_i + delta, old_j + delta
            if diff > 0:
                if new_j < 0:
                    new_j, new_i = 0.0, diff
                if new_i > C:
                    new_i, new_j = C, C - diff
            else:
                if new_i < 0:
                    new_i, new_j = 0.0, -diff
                if new_j > C:
                    new_j, new_i = C, C + diff
        else:
            quad = max(diag[i] + diag[j] - 2.0 * Q_ij, _TAU)
            delta = (grad[i] - grad[j]) / quad
            total = old_i + old_j
            new_i, new_j = old_i - delta, old_j + delta
            if total > C:
                if new_i > C:
                    new_i, new_j = C, total - C
                if new_j > C:
                    new_j, new_i = C, total - C
            else:
                if new_j < 0:
                    new_j, new_i = 0.0, total
                if new_i < 0:
                    new_i, new_j = 0.0, total
        alpha[i], alpha[j] = new_i, new_j
        grad += y * (K[i] * (y[i] * (new_i - old_i)) + K[j] * (y[j] * (new_j - old_j)))
        n_iter += 1
    return alpha, _bias(alpha, grad, y, C), n_iter


def _separable(X: FloatArray, y: FloatArray) -> bool:
    r"""Whether some $(\mathbf{w}, b)$ has $y_i(\mathbf{w}^\top\mathbf{x}_i + b) \ge 1$
    for all $i$: a feasibility linear program (SciPy's HiGHS), imported only when needed."""
    from scipy.optimize import linprog

    constraints = -y[:, None] * np.column_stack([X, np.ones(X.shape[0])])
    result = linprog(
        np.zeros(X.shape[1] + 1), A_ub=constraints, b_ub=-np.ones(X.shape[0]), bounds=(None, None)
    )
    return result.status == 0


def _bias(alpha: FloatArray, grad: FloatArray, y: FloatArray, C: float) -> float:
    """Bias from the KKT conditions: the mean over free multipliers (0 < alpha < C), else the
    middle of the feasible interval (libsvm's rule)."""
    yg = y * grad
    free = (alpha > 0) & (alpha < C)
    if free.any():
        return float(-yg[free].mean())
    at_upper = alpha >= C
    # Bounded multipliers only bound rho = -b from above or from below, depending on y.
    upper_side = np.where(at_upper, y < 0, y > 0)
    ub = np.min(yg[upper_side], initial=np.inf)
    lb = np.max(yg[~upper_side], initial=-np.inf)
    return float(-(ub + lb) / 2.0)


class LinearSVM(ClassifierMixin, BaseModel):
    r"""Two-class linear SVM (soft or hard margin) trained by SMO on the dual problem.

    With the same ``C`` it finds the same hyperplane as ``sklearn.svm.SVC(kernel='linear')``.
    ``hard_margin=True`` ignores ``C`` and requires linearly separable data (checked first with a
    linear program; a ``ValueError`` says so otherwise). After ``fit``: ``coef_``
    ($\mathbf{w}$), ``intercept_`` ($b$), ``dual_coef_`` ($\alpha_i y_i$ for
    every training sample), ``support_`` and
    ``support_vectors_`` (samples with $y_i f(\mathbf{x}_i) \le 1 + \text{sv\_tol}$:
    on or inside the margin), ``margin_`` ($2/\lVert\mathbf{w}\rVert$), ``n_iter_`` and
    ``converged_``.
    """

    def __init__(
        self,
        C: float = 1.0,
        hard_margin: bool = False,
        tol: float = 1e-5,
        max_iter: int = 100_000,
        sv_tol: float = 1e-3,
    ) -> None:
        self.C = C
        self.hard_margin = hard_margin
        self.tol = tol
        self.max_iter = max_iter
        self.sv_tol = sv_tol

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = False  # binary only
        return tags

    def _check_params(self) -> None:
        """Check the hyper-parameters (called first by ``fit``)."""
        check_finite_scalar(self.C, "C", minimum=0.0, include_boundaries="neither")
        check_bool(self.hard_margin, "hard_margin")
        check_finite_scalar(self.tol, "tol", minimum=0.0, include_boundaries="neither")
        check_int(self.max_iter, "max_iter", minimum=1)
        check_finite_scalar(self.sv_tol, "sv_tol", minimum=0.0)

    def fit(self, X: ArrayLike, y: ArrayLike) -> LinearSVM:
        """Find the maximum-margin hyperplane for ``X`` (n_samples, n_features) and two labels."""
        self._check_params()
        X, y = _check_X_y(X, y, y_numeric=False)
        self.n_features_in_ = X.shape[1]
        classes, codes = _check_labels(y)
        if classes.size != 2:
            raise ValueError(
                "y must hold exactly 2 classes (Only binary classification is supported.); "
                f"got {classes.size}: "
                f"{classes[:5]}"
            )
        X = X.astype(np.float64, copy=False)
        signs = np.where(codes == 1, 1.0, -1.0)  # classes_[1] is the positive class
        if self.hard_margin and not _separable(X, signs):
            raise ValueError(
                "hard_margin=True needs linearly separable data, but no hyperplane separates "
                "these two classes; use hard_margin=False with a finite C"
            )
        C = np.inf if self.hard_margin else self.C
        alpha, b, n_iter = _smo(X @ X.T, signs, C, self.tol, self.max_iter)
        w = (alpha * signs) @ X
        functional = signs * (X @ w + b)
        self.classes_, self.coef_, self.intercept_ = classes, w, b
        self.dual_coef_ = alpha * signs
        self.support_ = np.flatnonzero(functional <= 1.0 + self.sv_tol)
        self.support_vectors_ = X[self.support_]
        self.n_iter_ = n_iter
        self.converged_ = n_iter < self.max_iter  # False: stopped by max_iter, not by tol
        return self

    @property
    def margin_(self) -> float:
        r"""Width $2 / \lVert\mathbf{w}\rVert$ between the hyperplanes $f = \pm 1$."""
        self._check_fitted("coef_")
        return float(2.0 / np.linalg.norm(self.coef_))

    def decision_function(self, X: ArrayLike) -> FloatArray:
        r"""Signed score $f(\mathbf{x}) = \mathbf{w}^\top\mathbf{x} + b$ of each sample."""
        self._check_fitted("coef_")
        X = self._validate_X(X)
        return X @ self.coef_ + self.intercept_

    def predict(self, X: ArrayLike) -> NDArray:
        r"""``classes_[1]`` where $f(\mathbf{x}) > 0$, else ``classes_[0]``."""
        return np.where(self.decision_function(X) > 0, self.classes_[1], self.classes_[0])
