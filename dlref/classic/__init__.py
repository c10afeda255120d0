"""Classical machine-learning models in NumPy, with scikit-learn's interface."""

from dlref.classic.linear import (
    HuberRegressor,
    Lasso,
    LinearRegression,
    LogisticRegression,
    Ridge,
)
from dlref.classic.preprocessing import PolynomialFeatures, StandardScaler

__all__ = [
    "HuberRegressor",
    "Lasso",
    "LinearRegression",
    "LogisticRegression",
    "PolynomialFeatures",
    "Ridge",
    "StandardScaler",
]
