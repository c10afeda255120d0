r"""Shared pieces of the classical models: input checks, ``get_params`` and ``score`` mixins.

Every model follows the scikit-learn conventions: hyper-parameters are set (and checked) in
``__init__``, ``fit(X, y)`` returns ``self`` and sets attributes ending in ``_``, and using a model
before ``fit`` raises `NotFittedError`.

``RegressorMixin.score`` is the coefficient of determination
$R^2 = 1 - \sum_i (y_i - \hat{y}_i)^2 / \sum_i (y_i - \bar{y})^2$;
``ClassifierMixin.score`` is the accuracy, the fraction of samples predicted correctly.
"""

from __future__ import annotations

import inspect
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validate import (
    as_2d,
    as_float_array,
    check_all_finite,
    check_fitted,
    check_same_length,
)

__all__ = [
    "BaseModel",
    "ClassifierMixin",
    "ConvergenceWarning",
    "RegressorMixin",
    "TransformerMixin",
    "_check_X",
    "_check_X_y",
    "_check_labels",
]


class ConvergenceWarning(UserWarning):
    """An iterative solver stopped at its iteration limit before meeting its tolerance."""


def _check_X(X: ArrayLike, n_features: int | None = None) -> NDArray[np.floating]:
    """Return ``X`` as a finite, non-empty 2-D float array ``(n_samples, n_features)``.

    ``n_features`` (the column count seen in ``fit``) is enforced when given.
    """
    return as_2d(X, "X", columns=n_features)


def _check_y(y: ArrayLike, *, numeric: bool = True) -> NDArray:
    """Return ``y`` 1-D: finite floats when ``numeric``, else the labels as given."""
    y = as_float_array(y, "y") if numeric else np.asarray(y)
    if y.ndim != 1:
        raise ValueError(f"y must be 1-D (n_samples,); got shape {y.shape}")
    if numeric:
        check_all_finite(y, "y")
    return y


def _check_X_y(
    X: ArrayLike, y: ArrayLike, *, y_numeric: bool = True
) -> tuple[NDArray[np.floating], NDArray]:
    """Return ``(X, y)``: ``X`` as by `_check_X`, ``y`` 1-D with one entry per row of ``X``.

    ``y`` is a finite float array when ``y_numeric`` (regression), else the labels as given.
    """
    X = _check_X(X)
    y = _check_y(y, numeric=y_numeric)
    check_same_length(X, y)
    return X, y


def _check_labels(y: ArrayLike, *, min_classes: int = 2) -> tuple[NDArray, NDArray[np.intp]]:
    """Return ``(classes, encoded)``: the sorted distinct labels and each label's index in them.

    Labels may be of any sortable type (ints, strings). Raises ``ValueError`` if ``y`` is not 1-D
    or holds fewer than ``min_classes`` distinct labels.
    """
    y = _check_y(y, numeric=False)
    if y.dtype.kind == "f":
        check_all_finite(y, "y")
    classes, encoded = np.unique(y, return_inverse=True)
    if classes.size < min_classes:
        raise ValueError(
            f"y must hold at least {min_classes} distinct classes; got {classes.size}: "
            f"{classes[:5]}"
        )
    return classes, encoded.reshape(-1)


class BaseModel:
    """Base of every model: parameter listing, a readable ``repr`` and the fitted check."""

    @classmethod
    def _param_names(cls) -> list[str]:
        signature = inspect.signature(cls.__init__)
        return [
            name
            for name, param in signature.parameters.items()
            if name != "self" and param.kind not in (param.VAR_POSITIONAL, param.VAR_KEYWORD)
        ]

    def get_params(self) -> dict[str, Any]:
        """The hyper-parameters given to ``__init__``, by name."""
        return {name: getattr(self, name) for name in self._param_names()}

    def __repr__(self) -> str:
        params = ", ".join(f"{name}={value!r}" for name, value in self.get_params().items())
        return f"{type(self).__name__}({params})"

    def _check_fitted(self, attribute: str = "coef_") -> None:
        """Raise `NotFittedError` if ``fit`` has not set ``attribute``."""
        check_fitted(self, attribute)

    _check_X = staticmethod(_check_X)
    _check_X_y = staticmethod(_check_X_y)
    _check_labels = staticmethod(_check_labels)


class RegressorMixin:
    """Adds ``score`` = coefficient of determination $R^2$ to a regressor."""

    def score(self, X: ArrayLike, y: ArrayLike) -> float:
        r"""$R^2 = 1 - SS_{res}/SS_{tot}$ of ``predict(X)`` against ``y`` (1.0 is perfect).

        Like scikit-learn, a constant ``y`` gives 1.0 for a perfect fit and 0.0 otherwise.
        """
        y_pred = self.predict(X)  # type: ignore[attr-defined]
        y = _check_y(y)
        check_same_length(y_pred, y, "predict(X)", "y")
        ss_res = float(np.sum((y - y_pred) ** 2))
        ss_tot = float(np.sum((y - y.mean()) ** 2))
        if ss_tot == 0.0:
            return 1.0 if ss_res == 0.0 else 0.0
        return 1.0 - ss_res / ss_tot


class ClassifierMixin:
    """Adds ``score`` = accuracy to a classifier."""

    def score(self, X: ArrayLike, y: ArrayLike) -> float:
        """Fraction of samples whose ``predict(X)`` equals ``y``."""
        y_pred = self.predict(X)  # type: ignore[attr-defined]
        y = _check_y(y, numeric=False)
        check_same_length(y_pred, y, "predict(X)", "y")
        return float(np.mean(y_pred == y))


class TransformerMixin:
    """Adds ``fit_transform`` to a transformer that has ``fit`` and ``transform``."""

    def fit_transform(self, X: ArrayLike, y: ArrayLike | None = None) -> NDArray[np.floating]:
        """``fit(X, y)`` then ``transform(X)``."""
        return self.fit(X, y).transform(X)  # type: ignore[attr-defined]
