"""dlref.classic linear models and preprocessing against scikit-learn on the same data.

Tolerances: closed forms (LinearRegression, Ridge) agree to 1e-8 relative; iterative solvers are
run to a tight tolerance on both sides and agree to 1e-4 (Lasso, LogisticRegression) or 1e-3
(Huber); gradient descent lands within 1e-3 of the normal equation.
"""

from __future__ import annotations

import warnings
from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn import linear_model as sk
from sklearn import preprocessing as skp
from sklearn.datasets import (
    load_breast_cancer,
    load_diabetes,
    load_iris,
    make_classification,
    make_regression,
)
from sklearn.metrics import r2_score
from threadpoolctl import threadpool_limits

from dlref.classic._base import ConvergenceWarning, _check_labels, _check_X_y
from dlref.classic.linear import (
    HuberRegressor,
    Lasso,
    LinearRegression,
    LogisticRegression,
    Ridge,
)
from dlref.classic.preprocessing import PolynomialFeatures, StandardScaler


@pytest.fixture(autouse=True, scope="module")
def _one_blas_thread():
    """Tiny problems: BLAS threads only contend on a shared machine (10x slower L-BFGS)."""
    with threadpool_limits(limits=1):
        yield


def _regression_data():
    X, y = make_regression(n_samples=120, n_features=5, noise=10.0, bias=3.0, random_state=0)
    return {"make_regression": (X, y), "diabetes": load_diabetes(return_X_y=True)}


REGRESSION = _regression_data()


def _scaled(X):
    return skp.StandardScaler().fit_transform(X)


def _outlier_data(seed: int = 0):
    """Linear data with 10% of the targets moved by 200-400: returns X, y, true coef."""
    X, y, coef = make_regression(
        n_samples=200, n_features=4, noise=2.0, coef=True, random_state=seed
    )
    rng = np.random.default_rng(seed)
    idx = rng.choice(200, size=20, replace=False)
    y = y.copy()
    y[idx] += rng.choice([-1.0, 1.0], size=20) * rng.uniform(200.0, 400.0, size=20)
    return X, y, coef


# --- least squares and ridge: closed forms ----------------------------------------------------


@pytest.mark.parametrize("data", REGRESSION)
def test_linear_regression_matches_sklearn(data):
    X, y = REGRESSION[data]
    ours, theirs = LinearRegression().fit(X, y), sk.LinearRegression().fit(X, y)
    np.testing.assert_allclose(ours.coef_, theirs.coef_, rtol=1e-8, atol=1e-8)
    np.testing.assert_allclose(ours.intercept_, theirs.intercept_, rtol=1e-8)
    np.testing.assert_allclose(ours.predict(X), theirs.predict(X), rtol=1e-8)
    assert ours.score(X, y) == pytest.approx(theirs.score(X, y), rel=1e-10)


def test_lstsq_handles_collinear_columns_like_sklearn():
    X, y = REGRESSION["make_regression"]
    X = np.column_stack([X, X[:, 0]])  # X^T X is singular: inv would fail, lstsq gives min-norm
    ours, theirs = LinearRegression().fit(X, y), sk.LinearRegression().fit(X, y)
    np.testing.assert_allclose(ours.coef_, theirs.coef_, rtol=1e-8)
    np.testing.assert_allclose(ours.coef_[0], ours.coef_[-1], rtol=1e-8)


@pytest.mark.parametrize("data", REGRESSION)
@pytest.mark.parametrize("alpha", [0.01, 1.0, 30.0])
def test_ridge_matches_sklearn(data, alpha):
    X, y = REGRESSION[data]
    ours, theirs = Ridge(alpha).fit(X, y), sk.Ridge(alpha=alpha).fit(X, y)
    np.testing.assert_allclose(ours.coef_, theirs.coef_, rtol=1e-8, atol=1e-8)
    np.testing.assert_allclose(ours.intercept_, theirs.intercept_, rtol=1e-8)
    np.testing.assert_allclose(ours.predict(X), theirs.predict(X), rtol=1e-8)


def test_ridge_shrinks_coefficients_as_alpha_grows():
    X, y = REGRESSION["diabetes"]
    norms = [np.linalg.norm(Ridge(a).fit(X, y).coef_) for a in (0.0, 0.1, 1.0, 10.0)]
    assert all(a > b for a, b in pairwise(norms))


def test_gradient_descent_reaches_the_normal_equation():
    X, y = REGRESSION["make_regression"]
    normal = LinearRegression().fit(X, y)
    gd = LinearRegression(method="gd", learning_rate=0.1, epochs=1000).fit(X, y)
    np.testing.assert_allclose(gd.coef_, normal.coef_, atol=1e-3)
    np.testing.assert_allclose(gd.intercept_, normal.intercept_, atol=1e-3)
    history = gd.loss_history_
    assert history.shape == (1000,) and np.all(np.diff(history) <= 1e-9)
    # J = MSE / 2 at the optimum
    mse = np.mean((normal.predict(X) - y) ** 2)
    assert history[-1] == pytest.approx(mse / 2, rel=1e-6)


def test_gradient_descent_too_large_a_step_is_reported():
    X, y = REGRESSION["make_regression"]
    with pytest.raises(ValueError, match="learning_rate"):
        LinearRegression(method="gd", learning_rate=50.0, epochs=2000).fit(X, y)


# --- lasso ------------------------------------------------------------------------------------


@pytest.mark.parametrize("data", REGRESSION)
@pytest.mark.parametrize("alpha", [0.01, 0.3, 3.0])
def test_lasso_matches_sklearn(data, alpha):
    X, y = REGRESSION[data]
    ours = Lasso(alpha, max_iter=10_000, tol=1e-10).fit(X, y)
    theirs = sk.Lasso(alpha=alpha, max_iter=10_000, tol=1e-10).fit(X, y)
    scale = np.abs(theirs.coef_).max()
    np.testing.assert_allclose(ours.coef_, theirs.coef_, rtol=1e-4, atol=1e-4 * scale)
    np.testing.assert_allclose(ours.intercept_, theirs.intercept_, rtol=1e-4)
    np.testing.assert_array_equal(ours.coef_ == 0, theirs.coef_ == 0)
    assert ours.dual_gap_ <= 1e-10 * np.sum((y - y.mean()) ** 2)


def test_lasso_large_alpha_zeroes_everything():
    X, y = REGRESSION["diabetes"]
    model = Lasso(alpha=1e4).fit(X, y)
    np.testing.assert_array_equal(model.coef_, 0.0)
    assert model.intercept_ == pytest.approx(y.mean())
    assert Lasso(alpha=1.0).fit(X, y).coef_.tolist().count(0.0) > 0  # sparse at moderate alpha


def test_lasso_warns_when_out_of_sweeps():
    X, y = REGRESSION["diabetes"]
    with pytest.warns(ConvergenceWarning, match="max_iter=1"):
        Lasso(alpha=0.01, max_iter=1, tol=1e-12).fit(X, y)


# --- huber ------------------------------------------------------------------------------------


def test_huber_matches_sklearn_with_outliers():
    X, y, _ = _outlier_data()
    ours, theirs = HuberRegressor().fit(X, y), sk.HuberRegressor().fit(X, y)
    np.testing.assert_allclose(ours.coef_, theirs.coef_, atol=1e-3)
    np.testing.assert_allclose(ours.intercept_, theirs.intercept_, atol=1e-3)
    np.testing.assert_allclose(ours.scale_, theirs.scale_, rtol=1e-3)
    np.testing.assert_array_equal(ours.outliers_, theirs.outliers_)


def test_huber_matches_sklearn_on_diabetes_when_converged():
    X, y = load_diabetes(return_X_y=True)
    X = _scaled(X)
    kwargs = {"epsilon": 1.5, "alpha": 1e-3, "max_iter": 1000, "tol": 1e-9}
    ours, theirs = HuberRegressor(**kwargs).fit(X, y), sk.HuberRegressor(**kwargs).fit(X, y)
    np.testing.assert_allclose(ours.coef_, theirs.coef_, atol=1e-3)
    np.testing.assert_allclose(ours.intercept_, theirs.intercept_, atol=1e-3)


@pytest.mark.parametrize("seed", [0, 1])
def test_huber_resists_outliers_that_pull_least_squares(seed):
    X, y, true_coef = _outlier_data(seed)
    huber_error = np.abs(HuberRegressor().fit(X, y).coef_ - true_coef).max()
    ols_error = np.abs(LinearRegression().fit(X, y).coef_ - true_coef).max()
    assert huber_error < 0.5 < ols_error
    assert huber_error < ols_error / 5


# --- logistic regression ----------------------------------------------------------------------


def _classification_data():
    X_bc, y_bc = load_breast_cancer(return_X_y=True)
    return {
        "iris": load_iris(return_X_y=True),
        "breast_cancer": (_scaled(X_bc), y_bc),
        "make_classification": make_classification(
            n_samples=300, n_features=6, n_informative=4, n_classes=3, random_state=0
        ),
        "make_classification_binary": make_classification(
            n_samples=200, n_features=5, random_state=1
        ),
    }


CLASSIFICATION = _classification_data()


@pytest.mark.parametrize("data", CLASSIFICATION)
@pytest.mark.parametrize("C", [0.1, 1.0])
def test_logistic_regression_matches_sklearn(data, C):
    X, y = CLASSIFICATION[data]
    ours = LogisticRegression(C=C, max_iter=1000, tol=1e-10).fit(X, y)
    theirs = sk.LogisticRegression(C=C, max_iter=1000, tol=1e-10).fit(X, y)
    assert (
        ours.coef_.shape == theirs.coef_.shape and ours.intercept_.shape == theirs.intercept_.shape
    )
    np.testing.assert_allclose(ours.coef_, theirs.coef_, atol=1e-4)
    np.testing.assert_allclose(ours.intercept_, theirs.intercept_, atol=1e-4)
    np.testing.assert_allclose(ours.predict_proba(X), theirs.predict_proba(X), atol=1e-5)
    np.testing.assert_allclose(
        ours.decision_function(X), theirs.decision_function(X), rtol=1e-4, atol=1e-4
    )
    np.testing.assert_array_equal(ours.predict(X), theirs.predict(X))
    assert ours.score(X, y) == theirs.score(X, y)


def test_logistic_regression_default_settings_match_sklearn():
    X, y = CLASSIFICATION["breast_cancer"]
    ours, theirs = LogisticRegression().fit(X, y), sk.LogisticRegression().fit(X, y)
    np.testing.assert_allclose(ours.coef_, theirs.coef_, atol=1e-4)
    np.testing.assert_allclose(ours.predict_proba(X), theirs.predict_proba(X), atol=1e-5)


def test_logistic_regression_keeps_string_labels():
    X, y = load_iris(return_X_y=True)
    names = np.array(["setosa", "versicolor", "virginica"])[y]
    model = LogisticRegression(max_iter=500).fit(X, names)
    np.testing.assert_array_equal(model.classes_, ["setosa", "versicolor", "virginica"])
    assert set(model.predict(X)) == set(names) and model.score(X, names) > 0.95
    proba = model.predict_proba(X)
    assert proba.shape == (150, 3)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    binary = LogisticRegression().fit(X[:100], np.where(y[:100] == 1, "yes", "no"))
    assert binary.decision_function(X[:5]).shape == (5,) and binary.coef_.shape == (1, 4)
    np.testing.assert_array_equal(binary.predict(X[:3]), ["no", "no", "no"])


def test_logistic_regression_warns_when_out_of_iterations():
    X, y = CLASSIFICATION["iris"]
    with pytest.warns(ConvergenceWarning, match="max_iter=2"):
        LogisticRegression(max_iter=2).fit(X, y)


def test_logistic_regression_needs_two_classes():
    with pytest.raises(ValueError, match="y must hold at least 2 distinct classes"):
        LogisticRegression().fit([[0.0], [1.0]], ["a", "a"])


# --- preprocessing ----------------------------------------------------------------------------


@pytest.mark.parametrize("degree", [1, 2, 3, 4])
@pytest.mark.parametrize("include_bias", [True, False])
def test_polynomial_features_identical_to_sklearn(degree, include_bias):
    X = np.random.default_rng(degree).normal(size=(7, 3))
    ours = PolynomialFeatures(degree, include_bias=include_bias).fit(X)
    theirs = skp.PolynomialFeatures(degree, include_bias=include_bias).fit(X)
    np.testing.assert_array_equal(ours.transform(X), theirs.transform(X))
    np.testing.assert_array_equal(ours.powers_, theirs.powers_)
    assert ours.n_output_features_ == theirs.n_output_features_
    assert ours.get_feature_names_out() == list(theirs.get_feature_names_out())
    names = ["a", "b", "c"]
    assert ours.get_feature_names_out(names) == list(theirs.get_feature_names_out(names))


def test_polynomial_features_fit_a_cubic_exactly():
    x = np.linspace(-2, 2, 30)[:, None]
    y = 1.0 - 2.0 * x[:, 0] + 0.5 * x[:, 0] ** 3
    features = PolynomialFeatures(3, include_bias=False).fit_transform(x)
    model = LinearRegression().fit(features, y)
    np.testing.assert_allclose(model.coef_, [-2.0, 0.0, 0.5], atol=1e-10)
    np.testing.assert_allclose(model.intercept_, 1.0, atol=1e-10)


def test_standard_scaler_matches_sklearn_and_inverts():
    rng = np.random.default_rng(0)
    X = rng.normal(3.0, 5.0, size=(40, 4))
    X[:, 2] = 0.1  # a constant column
    ours, theirs = StandardScaler().fit(X), skp.StandardScaler().fit(X)
    for attribute in ("mean_", "var_", "scale_"):
        np.testing.assert_allclose(getattr(ours, attribute), getattr(theirs, attribute))
    np.testing.assert_allclose(ours.transform(X), theirs.transform(X), atol=1e-12)
    np.testing.assert_allclose(ours.inverse_transform(ours.transform(X)), X, rtol=1e-12)
    Z = ours.fit_transform(X)
    np.testing.assert_allclose(Z.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(Z.std(axis=0), [1.0, 1.0, 0.0, 1.0], atol=1e-12)
    for with_mean, with_std in [(False, True), (True, False)]:
        ours = StandardScaler(with_mean=with_mean, with_std=with_std).fit(X)
        theirs = skp.StandardScaler(with_mean=with_mean, with_std=with_std).fit(X)
        np.testing.assert_allclose(ours.transform(X), theirs.transform(X), atol=1e-12)


# --- shared base ------------------------------------------------------------------------------


def test_score_is_r2_and_accuracy():
    X, y = REGRESSION["diabetes"]
    model = Ridge(0.1).fit(X, y)
    assert model.score(X, y) == pytest.approx(r2_score(y, model.predict(X)), rel=1e-12)
    Xc, yc = CLASSIFICATION["iris"]
    clf = LogisticRegression(max_iter=500).fit(Xc, yc)
    assert clf.score(Xc, yc) == np.mean(clf.predict(Xc) == yc)


def test_check_helpers_and_repr():
    classes, encoded = _check_labels(["b", "a", "c", "a"])
    assert classes.tolist() == ["a", "b", "c"] and encoded.tolist() == [1, 0, 2, 0]
    X, y = _check_X_y([[1, 2], [3, 4]], [0, 1])
    assert X.dtype == np.float64 and y.dtype == np.float64
    assert repr(Lasso(0.5)) == "Lasso(alpha=0.5)"  # scikit-learn shows non-defaults
    assert Ridge(2.0).get_params() == {"alpha": 2.0}


# --- bad input --------------------------------------------------------------------------------


# --- properties -------------------------------------------------------------------------------


@settings(max_examples=25, deadline=None)
@given(
    n=st.integers(3, 30),
    p=st.integers(1, 4),
    seed=st.integers(0, 2**16),
    model_index=st.integers(0, 3),
)
def test_predict_has_one_value_per_sample(n, p, seed, model_index):
    rng = np.random.default_rng(seed)
    X, y = rng.normal(size=(n, p)), rng.normal(size=n)
    model = [LinearRegression(), Ridge(0.5), Lasso(0.05), HuberRegressor()][model_index]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        prediction = model.fit(X, y).predict(rng.normal(size=(n + 1, p)))
    assert prediction.shape == (n + 1,) and np.all(np.isfinite(prediction))


@settings(max_examples=25, deadline=None)
@given(n=st.integers(10, 40), p=st.integers(1, 5), seed=st.integers(0, 2**16))
def test_ridge_with_vanishing_alpha_is_least_squares(n, p, seed):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p))  # n >= 2p rows of Gaussian noise: well conditioned
    y = X @ rng.normal(size=p) + rng.normal(size=n)
    ols, ridge = LinearRegression().fit(X, y), Ridge(alpha=1e-9).fit(X, y)
    np.testing.assert_allclose(ridge.coef_, ols.coef_, rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(ridge.intercept_, ols.intercept_, rtol=1e-6, atol=1e-6)
    assert Ridge(alpha=0.0).fit(X, y).score(X, y) == pytest.approx(ols.score(X, y), rel=1e-10)
