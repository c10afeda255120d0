r"""Feature transforms with scikit-learn's interface: polynomial features and standardisation.

- `PolynomialFeatures` maps $(x_0, x_1)$ to
  $(1, x_0, x_1, x_0^2, x_0x_1, x_1^2)$ for ``degree=2``: every monomial of total degree
  at most ``degree``, in scikit-learn's column order, so a linear model on them fits a
  polynomial.
- `StandardScaler` maps each column to $z = (x - \mu) / s$ with the column's mean
  $\mu$ and population standard deviation $s$.
"""

from __future__ import annotations

from itertools import combinations_with_replacement

import numpy as np
from numpy.typing import ArrayLike, NDArray
from sklearn.base import TransformerMixin

from dlref._validate import check_bool, check_int
from dlref.classic._base import BaseModel, _check_X

__all__ = ["PolynomialFeatures", "StandardScaler"]


class PolynomialFeatures(TransformerMixin, BaseModel):
    r"""All monomials $\prod_j x_j^{k_j}$ with $1 \le \sum_j k_j \le$ ``degree``,
    plus the constant column 1 first when ``include_bias``.

    Columns are ordered by degree, and within a degree lexicographically by the sorted feature
    indices (``x0^2, x0 x1, x1^2``), exactly like scikit-learn. ``powers_[i, j]`` is the exponent
    of input feature ``j`` in output column ``i``. With $p$ inputs there are
    $\binom{p + d}{d}$ columns (one fewer without the bias), so the count grows quickly.
    """

    def __init__(self, degree: int = 2, include_bias: bool = True) -> None:
        self.degree = degree
        self.include_bias = include_bias

    def _check_params(self) -> None:
        """Check the hyper-parameters (called first by ``fit``)."""
        check_int(self.degree, "degree", minimum=1)
        check_bool(self.include_bias, "include_bias")

    def fit(self, X: ArrayLike, y: ArrayLike | None = None) -> PolynomialFeatures:
        """Record the number of input features and build ``powers_``; ``y`` is ignored."""
        self._check_params()
        n_features = _check_X(X).shape[1]
        start = 0 if self.include_bias else 1
        combos = [
            combo
            for d in range(start, self.degree + 1)
            for combo in combinations_with_replacement(range(n_features), d)
        ]
        powers = np.zeros((len(combos), n_features), dtype=np.intp)
        for row, combo in enumerate(combos):
            np.add.at(powers[row], list(combo), 1)
        self.powers_ = powers
        self.n_features_in_ = n_features
        self.n_output_features_ = len(combos)
        return self

    def transform(self, X: ArrayLike) -> NDArray[np.floating]:
        """The monomials of each row of ``X``, shape ``(n_samples, n_output_features_)``.

        Each degree-$d$ block is a degree-$(d-1)$ block times one input column, the
        same products scikit-learn forms, so the outputs agree bit for bit.
        """
        self._check_fitted("powers_")
        X = self._validate_X(X)
        n_samples, n_features = X.shape
        out = np.empty((n_samples, self.n_output_features_), dtype=X.dtype)
        col = 0
        if self.include_bias:
            out[:, 0] = 1.0
            col = 1
        out[:, col : col + n_features] = X
        # starts[j]: first column of the previous degree's block whose monomials use only
        # features >= j; the last entry is that block's end.
        starts = [*range(col, col + n_features), col + n_features]
        col += n_features
        for _ in range(2, self.degree + 1):
            new_starts = []
            end = starts[-1]
            for j in range(n_features):
                new_starts.append(col)
                width = end - starts[j]
                np.multiply(out[:, starts[j] : end], X[:, j : j + 1], out=out[:, col : col + width])
                col += width
            new_starts.append(col)
            starts = new_starts
        return out

    def get_feature_names_out(self, input_features: list[str] | None = None) -> list[str]:
        """Names like scikit-learn's: ``'1'``, ``'x0'``, ``'x0 x1'``, ``'x0^2'``."""
        self._check_fitted("powers_")
        if input_features is None:
            input_features = [f"x{j}" for j in range(self.n_features_in_)]
        elif len(input_features) != self.n_features_in_:
            raise ValueError(
                f"input_features must have {self.n_features_in_} names, one per input feature; "
                f"got {len(input_features)}"
            )
        names = []
        for row in self.powers_:
            terms = [
                name if power == 1 else f"{name}^{power}"
                for name, power in zip(input_features, row, strict=True)
                if power > 0
            ]
            names.append(" ".join(terms) if terms else "1")
        return names


class StandardScaler(TransformerMixin, BaseModel):
    r"""Standardise each column: $z = (x - \mu) / s$, and back with
    $x = z s + \mu$.

    ``mean_`` is $\mu$, ``var_`` the population variance (``ddof=0``), ``scale_`` its square
    root $s$ (both ``None`` when ``with_std=False``; ``with_mean=False`` keeps ``mean_``
    but does not subtract it). A constant column (up to rounding) gets ``var_ = 0`` and
    ``scale_ = 1``, so it maps to 0 rather than NaN, as in scikit-learn. Fit the scaler on
    training data only and reuse it on test data.
    """

    def __init__(self, with_mean: bool = True, with_std: bool = True) -> None:
        self.with_mean = with_mean
        self.with_std = with_std

    def _check_params(self) -> None:
        """Check the hyper-parameters (called first by ``fit``)."""
        check_bool(self.with_mean, "with_mean")
        check_bool(self.with_std, "with_std")

    def fit(self, X: ArrayLike, y: ArrayLike | None = None) -> StandardScaler:
        """Compute ``mean_``, ``var_`` and ``scale_`` of each column; ``y`` is ignored."""
        self._check_params()
        X = _check_X(X)
        mean = X.mean(axis=0)
        var = X.var(axis=0)
        std = np.sqrt(var)
        constant = std < 10 * np.finfo(X.dtype).eps * np.maximum(np.abs(mean), 1.0)
        self.mean_ = mean
        self.var_ = np.where(constant, 0.0, var).astype(X.dtype) if self.with_std else None
        self.scale_ = np.where(constant, 1.0, std).astype(X.dtype) if self.with_std else None
        self.n_features_in_ = X.shape[1]
        self.n_samples_seen_ = X.shape[0]
        return self

    def _offset_and_unit(self) -> tuple[NDArray[np.floating], NDArray[np.floating]]:
        """The mean subtracted and the scale divided by (0 and 1 where switched off)."""
        self._check_fitted("mean_")
        offset = self.mean_ if self.with_mean else np.zeros_like(self.mean_)
        unit = self.scale_ if self.with_std else np.ones_like(self.mean_)
        return offset, unit

    def transform(self, X: ArrayLike) -> NDArray[np.floating]:
        r"""Standardised copy of ``X``: $(x - \mu) / s$ per column."""
        offset, unit = self._offset_and_unit()
        return (self._validate_X(X) - offset) / unit

    def inverse_transform(self, X: ArrayLike) -> NDArray[np.floating]:
        r"""Undo `transform`: $z s + \mu$ per column."""
        offset, unit = self._offset_and_unit()
        return self._validate_X(X) * unit + offset
