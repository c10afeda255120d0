r"""Shared pieces of the classical models: scikit-learn's base classes and dlref's input checks.

Every model is a `sklearn.base.BaseEstimator` with the matching scikit-learn mixin, so
``get_params``/``set_params``, `sklearn.base.clone`, ``Pipeline``, ``GridSearchCV`` and
``cross_val_score`` work on it. As scikit-learn requires, ``__init__`` only stores the
hyper-parameters; ``fit`` checks them first (``_check_params``, with errors that name the
argument), then the data, returns ``self`` and sets attributes ending in ``_``, including
``n_features_in_``. Using a model before ``fit`` raises `NotFittedError`.

``score`` comes from the mixins: $R^2$ for regressors, accuracy for classifiers.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray
from sklearn.base import (
    BaseEstimator,
)
from sklearn.exceptions import NotFittedError as SklearnNotFittedError
from sklearn.utils.multiclass import type_of_target

from dlref._validate import NotFittedError as _NotFittedError
from dlref._validate import (
    as_2d,
    as_float_array,
    check_all_finite,
    check_same_length,
)

__all__ = [
    "BaseModel",
    "ConvergenceWarning",
    "NotFittedError",
]


class ConvergenceWarning(UserWarning):
    """An iterative solver stopped at its iteration limit before meeting its tolerance."""


def _check_X(X: ArrayLike) -> NDArray[np.floating]:
    """Return ``X`` as a finite, non-empty 2-D float array ``(n_samples, n_features)``.

    An object array of numbers is converted; complex numbers and non-numbers are refused. The
    messages contain the phrases scikit-learn's estimator checks look for.
    """
    array = np.asarray(X) if not isinstance(X, np.ndarray) else X
    if array.dtype.kind == "c":
        raise ValueError(f"X must hold real numbers: Complex data not supported; got {array.dtype}")
    if array.dtype.kind == "O":
        try:
            array = array.astype(np.float64)
        except (TypeError, ValueError) as error:
            raise TypeError(f"X must hold real numbers (int or float): {error}") from error
    if array.ndim == 1:
        raise ValueError(
            f"X must be 2-D (n_samples, n_features); got shape {array.shape}. Reshape your data "
            "with X.reshape(-1, 1) for one feature or X.reshape(1, -1) for one sample"
        )
    if array.ndim == 2 and 0 in array.shape:
        axis = "sample" if array.shape[0] == 0 else "feature"
        raise ValueError(
            f"X has 0 {axis}(s) (shape={array.shape}) while a minimum of 1 is required."
        )
    return as_2d(array, "X")


def _check_y(y: ArrayLike, *, numeric: bool = True) -> NDArray:
    """Return ``y`` 1-D: finite floats when ``numeric``, else the labels as given."""
    if y is None:
        raise ValueError(
            "y is missing: this model requires y to be passed, but the target y is None"
        )
    y = np.asarray(y)
    if numeric and y.dtype.kind == "O":
        try:
            y = y.astype(np.float64)
        except (TypeError, ValueError) as error:
            raise TypeError(f"y must hold real numbers (int or float): {error}") from error
    y = as_float_array(y, "y") if numeric else y
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
    if type_of_target(y) == "continuous":
        raise ValueError(
            "y must hold class labels; got continuous values (Unknown label type: 'continuous'); "
            "use a regressor for a continuous target"
        )
    classes, encoded = np.unique(y, return_inverse=True)
    if classes.size < min_classes:
        raise ValueError(
            f"y must hold at least {min_classes} distinct classes; got {classes.size} class(es): "
            f"{classes[:5]}"
        )
    return classes, encoded.reshape(-1)


class NotFittedError(_NotFittedError, SklearnNotFittedError):
    """A model was used before ``fit`` (both dlref's and scikit-learn's error)."""


class BaseModel(BaseEstimator):
    """Base of every model: scikit-learn's parameter handling plus dlref's checks."""

    def _check_params(self) -> object:
        """Check the hyper-parameters; ``fit`` calls it first. Models with any override it."""
        return None

    def _check_fitted(self, attribute: str = "n_features_in_") -> None:
        """Raise `NotFittedError` if ``fit`` has not set ``attribute``."""
        if getattr(self, attribute, None) is None:
            raise NotFittedError(
                f"this {type(self).__name__} is not fitted yet; call fit before using it"
            )

    def _validate_X(self, X: ArrayLike) -> NDArray[np.floating]:
        """``X`` checked as in ``fit``, with the number of columns ``fit`` saw."""
        self._check_fitted()
        X = _check_X(X)
        if X.shape[1] != self.n_features_in_:
            raise ValueError(
                f"X has {X.shape[1]} features, but {type(self).__name__} is expecting "
                f"{self.n_features_in_} features as input (as in fit); got shape {X.shape}"
            )
        return X
