r"""The artificial neuron and Rosenblatt's perceptron, in NumPy.

A neuron computes $a = f(\mathbf{w}^\top\mathbf{x} + b)$. The perceptron is the neuron
with a step activation, $\hat{y} = \operatorname{sign}(\mathbf{w}^\top\mathbf{x} + b)$,
trained by the perceptron rule: on each misclassified sample
($y(\mathbf{w}^\top\mathbf{x} + b) \le 0$, labels $y \in \{-1, +1\}$),
$\mathbf{w} \leftarrow \mathbf{w} + \eta\, y\, \mathbf{x}$ and
$b \leftarrow b + \eta\, y$.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validate import (
    as_2d,
    as_float_array,
    check_finite_scalar,
    check_fitted,
    check_int,
    check_same_length,
)


def neuron(
    x: ArrayLike,
    w: ArrayLike,
    b: float,
    activation: Callable[[NDArray[np.floating]], NDArray[np.floating]] | None = None,
) -> NDArray[np.floating]:
    r"""Output $f(\mathbf{x}\mathbf{w} + b)$ of one neuron for each row of ``x``.

    ``x`` has shape ``(n_samples, n_features)`` (or ``(n_features,)`` for one sample), ``w`` has
    shape ``(n_features,)``; ``activation`` defaults to the identity.
    """
    x = as_float_array(x, "x")
    w = as_float_array(w, "w")
    if w.ndim != 1:
        raise ValueError(f"w must be 1-D (n_features,); got shape {w.shape}")
    if x.ndim not in (1, 2) or x.shape[-1] != w.shape[0]:
        raise ValueError(
            f"x must have shape (n_samples, {w.shape[0]}) or ({w.shape[0]},) to match w; "
            f"got shape {x.shape}"
        )
    z = x @ w + check_finite_scalar(b, "b")
    return z if activation is None else activation(z)


class Perceptron:
    """Rosenblatt's perceptron for two classes, trained with the perceptron rule.

    Samples are visited in order (no shuffling), so training is deterministic and matches
    ``sklearn.linear_model.Perceptron(shuffle=False, tol=None, eta0=learning_rate)``.
    """

    def __init__(self, learning_rate: float = 1.0, max_epochs: int = 100) -> None:
        self.learning_rate = check_finite_scalar(learning_rate, "learning_rate", minimum=0.0)
        if self.learning_rate == 0.0:
            raise ValueError("learning_rate must be > 0; got 0.0")
        self.max_epochs = check_int(max_epochs, "max_epochs", minimum=1)
        self.coef_: NDArray[np.float64] | None = None
        self.intercept_: float | None = None
        self.classes_: NDArray | None = None
        self.errors_per_epoch_: list[int] = []

    def fit(self, X: ArrayLike, y: ArrayLike) -> Perceptron:
        """Run the perceptron rule until an epoch makes no mistake or ``max_epochs`` is reached."""
        X = as_2d(X, "X")
        y = np.asarray(y)
        if y.ndim != 1:
            raise ValueError(f"y must be 1-D (n_samples,); got shape {y.shape}")
        check_same_length(X, y)
        classes = np.unique(y)
        if classes.size != 2:
            raise ValueError(f"y must hold exactly 2 classes; got {classes.size}: {classes[:5]}")
        signs = np.where(y == classes[1], 1.0, -1.0)
        w = np.zeros(X.shape[1])
        b = 0.0
        self.errors_per_epoch_ = []
        for _ in range(self.max_epochs):
            errors = 0
            for xi, yi in zip(X, signs, strict=True):
                if yi * (xi @ w + b) <= 0.0:
                    w += self.learning_rate * yi * xi
                    b += self.learning_rate * yi
                    errors += 1
            self.errors_per_epoch_.append(errors)
            if errors == 0:
                break
        self.coef_, self.intercept_, self.classes_ = w, b, classes
        return self

    @property
    def converged_(self) -> bool:
        """True if the last epoch made no mistake (the data were separated)."""
        check_fitted(self, "coef_")
        return self.errors_per_epoch_[-1] == 0

    def decision_function(self, X: ArrayLike) -> NDArray[np.float64]:
        r"""Signed score $\mathbf{w}^\top\mathbf{x} + b$ of each sample."""
        check_fitted(self, "coef_")
        X = as_2d(X, "X", columns=self.coef_.shape[0])
        return X @ self.coef_ + self.intercept_

    def predict(self, X: ArrayLike) -> NDArray:
        """Predicted class label of each sample."""
        scores = self.decision_function(X)
        return np.where(scores > 0, self.classes_[1], self.classes_[0])

    def score(self, X: ArrayLike, y: ArrayLike) -> float:
        """Accuracy on ``(X, y)``."""
        return float(np.mean(self.predict(X) == np.asarray(y)))
