"""Every estimator in dlref.classic against scikit-learn's own estimator checks and tools.

`parametrize_with_checks` runs scikit-learn's API checks (cloning, parameters, fit/predict
contracts, input validation, pickling, ...) on each estimator. A check that a from-scratch model
legitimately fails is listed in ``EXPECTED_FAILED`` with the reason.
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import clone, is_classifier, is_regressor
from sklearn.model_selection import GridSearchCV, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.utils.estimator_checks import parametrize_with_checks

import dlref.classic as classic
from dlref.classic._base import NotFittedError

ESTIMATORS = [getattr(classic, name)() for name in classic.__all__]

DENSE_ONLY = "dlref.classic models are NumPy code for dense arrays; sparse input is refused"
EXPECTED_FAILED = {
    "check_estimator_sparse_array": DENSE_ONLY,
    "check_estimator_sparse_matrix": DENSE_ONLY,
    "check_estimator_sparse_tag": DENSE_ONLY,
    # scikit-learn flattens a column vector y with a warning; dlref refuses it with a message
    # naming the shape, so that a one-hot or multi-output y cannot be flattened by mistake
    "check_supervised_y_2d": "y must be 1-D (n_samples,); a column vector is an error",
}


def _expected_failed(estimator) -> dict[str, str]:
    return EXPECTED_FAILED


@parametrize_with_checks(ESTIMATORS, expected_failed_checks=_expected_failed)
def test_sklearn_estimator_checks(estimator, check):
    check(estimator)


def _data(estimator):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 3))
    if estimator.__sklearn_tags__().input_tags.positive_only:  # MultinomialNB: counts
        X = np.abs(X)
    if is_regressor(estimator):
        return X, X @ np.array([1.0, -2.0, 0.5]) + 0.1 * rng.normal(size=60)
    return X, (X[:, 0] + X[:, 1] > 0).astype(int)


@pytest.mark.filterwarnings("ignore::dlref.classic._base.ConvergenceWarning")
@pytest.mark.parametrize("estimator", ESTIMATORS, ids=lambda e: type(e).__name__)
def test_clone_and_cross_val_score_work_on_every_estimator(estimator):
    copy = clone(estimator)
    assert copy is not estimator and copy.get_params() == estimator.get_params()
    X, y = _data(estimator)
    supervised = is_classifier(estimator) or is_regressor(estimator)
    if supervised:
        scores = cross_val_score(estimator, X, y, cv=3)
    else:  # clusterers, mixtures and transformers: fit on each training fold
        model = make_pipeline(classic.StandardScaler(), clone(estimator))
        scores = [model.fit(X[train]) is model for train in (slice(0, 40), slice(20, 60))]
    assert len(scores) in (2, 3) and np.all(np.isfinite(scores))


def test_pipeline_and_grid_search_on_a_dlref_model():
    X, y = _data(classic.Ridge())
    pipe = make_pipeline(classic.StandardScaler(), classic.PolynomialFeatures(), classic.Ridge())
    search = GridSearchCV(pipe, {"ridge__alpha": [0.01, 1.0, 100.0]}, cv=3).fit(X, y)
    assert search.best_params_["ridge__alpha"] == 0.01  # a linear target: less shrinkage wins
    assert search.best_estimator_.set_params(ridge__alpha=5.0).get_params()["ridge__alpha"] == 5.0


def test_hyper_parameters_are_stored_unchanged_and_checked_in_fit():
    model = classic.KMeans(n_clusters=0)  # no error yet: scikit-learn's contract
    assert model.n_clusters == 0
    with pytest.raises(ValueError, match="n_clusters must be >= 1"):
        model.fit(np.ones((4, 2)))
    alpha = np.float64(2.0)
    assert classic.Ridge(alpha=alpha).alpha is alpha


# --- bad input: one battery for every estimator -----------------------------------------------

X3 = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 2.0], [3.0, 1.0]])
Y3 = np.array([0, 1, 1, 0])


def _fit(estimator, X, y=Y3):
    if is_classifier(estimator) or is_regressor(estimator):
        return estimator.fit(X, y)
    return estimator.fit(X)


@pytest.mark.filterwarnings("ignore::dlref.classic._base.ConvergenceWarning")
@pytest.mark.parametrize("estimator", ESTIMATORS, ids=lambda e: type(e).__name__)
def test_bad_data_errors_name_the_argument(estimator):
    estimator = clone(estimator).set_params(
        **{
            k: 2
            for k in ("n_clusters", "n_components", "n_neighbors")
            if k in estimator.get_params()
        }
    )
    apply = next((m for m in ("predict", "transform") if hasattr(estimator, m)), None)
    if apply:  # AgglomerativeClustering has neither: it labels only the data it was fitted on
        with pytest.raises(NotFittedError, match="is not fitted yet; call fit"):
            getattr(estimator, apply)(X3)
    with pytest.raises(ValueError, match=r"X must be 2-D .* got shape \(4,\)\. Reshape your data"):
        _fit(clone(estimator), X3[:, 0])
    X_nan = X3.copy()
    X_nan[1, 1] = np.nan
    with pytest.raises(ValueError, match="X must not contain NaN"):
        _fit(clone(estimator), X_nan)
    with pytest.raises(TypeError, match="X must hold real numbers"):
        _fit(clone(estimator), np.array([["a", "b"]] * 4))
    with pytest.raises(ValueError, match=r"X has 0 feature\(s\) \(shape=\(4, 0\)\)"):
        _fit(clone(estimator), np.ones((4, 0)))
    fitted = _fit(clone(estimator), X3)
    if apply:
        with pytest.raises(ValueError, match=r"X has 3 features, but \w+ is expecting 2 features"):
            getattr(fitted, apply)(np.ones((2, 3)))
    if is_classifier(estimator) or is_regressor(estimator):
        with pytest.raises(ValueError, match="X and y must have the same number of samples"):
            clone(estimator).fit(X3, Y3[:3])
        with pytest.raises(ValueError, match=r"y must be 1-D"):
            clone(estimator).fit(X3, Y3[:, None])
        with pytest.raises(ValueError, match="requires y to be passed"):
            clone(estimator).fit(X3, None)
    if is_regressor(estimator):
        with pytest.raises(ValueError, match="y must not contain NaN"):
            clone(estimator).fit(X3, [0.0, np.nan, 1.0, 2.0])
    if is_classifier(estimator):
        with pytest.raises(ValueError, match="Unknown label type: 'continuous'"):
            clone(estimator).fit(X3, [0.5, 1.5, 2.25, 0.1])


C = classic
BAD_HYPERPARAMETERS = [  # (estimator, error, message); raised by fit, named by the argument
    (C.KMeans(0), ValueError, "n_clusters must be >= 1"),
    (C.KMeans(2.5), TypeError, "n_clusters must be an int"),
    (C.KMeans(2, init="kmeans"), ValueError, "init must be one of"),
    (C.KMeans(2, n_init=0), ValueError, "n_init must be >= 1"),
    (C.KMeans(2, tol=-1.0), ValueError, "tol must be >= 0"),
    (C.KMeans(2, random_state=-1), ValueError, "random_state must be >= 0"),
    (C.AgglomerativeClustering(0), ValueError, "n_clusters must be >= 1"),
    (C.AgglomerativeClustering(linkage="centroid"), ValueError, "linkage must be"),
    (C.DBSCAN(eps=0.0), ValueError, r"eps must be > 0.0; got 0.0"),
    (C.DBSCAN(eps=float("inf")), ValueError, "eps must be finite"),
    (C.DBSCAN(eps="0.5"), TypeError, "eps must be a real number"),
    (C.DBSCAN(min_samples=0), ValueError, "min_samples must be >= 1"),
    (C.DBSCAN(min_samples=2.5), TypeError, "min_samples must be an int"),
    (C.GaussianMixture(0), ValueError, "n_components must be >= 1"),
    (C.GaussianMixture(covariance_type="tied"), ValueError, "covariance_type must"),
    (C.GaussianMixture(reg_covar=-1e-6), ValueError, "reg_covar must be >= 0"),
    (C.GaussianMixture(init="k-means++"), ValueError, "init must be one of"),
    (C.KNeighborsClassifier(0), ValueError, "n_neighbors must be >= 1"),
    (C.KNeighborsRegressor(weights="gaussian"), ValueError, "weights must be one of"),
    (C.DecisionTreeClassifier(criterion="mse"), ValueError, "criterion must be one of"),
    (C.DecisionTreeRegressor(criterion="gini"), ValueError, "criterion must be one of"),
    (C.DecisionTreeClassifier(max_depth=0), ValueError, "max_depth must be >= 1"),
    (C.DecisionTreeClassifier(min_samples_split=1), ValueError, "min_samples_split"),
    (C.DecisionTreeClassifier(min_samples_leaf=0.5), TypeError, "min_samples_leaf"),
    (C.GaussianNB(var_smoothing=-1.0), ValueError, "var_smoothing must be >= 0"),
    (C.GaussianNB(priors=[0.7, 0.7]), ValueError, "priors must be"),
    (C.LinearSVM(C=0.0), ValueError, r"C must be > 0"),
    (C.LinearSVM(C=float("inf")), ValueError, "C must be finite"),
    (C.LinearSVM(hard_margin="yes"), TypeError, "hard_margin must be a bool"),
    (C.LinearSVM(max_iter=0), ValueError, "max_iter must be >= 1"),
    (C.Ridge(alpha=-1.0), ValueError, r"alpha must be >= 0.0; got -1.0"),
    (C.Lasso(alpha=-1.0), ValueError, r"alpha must be >= 0.0; got -1.0"),
    (C.HuberRegressor(alpha=-0.1), ValueError, r"alpha must be >= 0.0"),
    (C.HuberRegressor(epsilon=0.5), ValueError, r"epsilon must be >= 1.0"),
    (C.LogisticRegression(C=0.0), ValueError, "C must be > 0"),
    (C.LinearRegression(method="svd"), ValueError, "method must be one of 'normal', 'gd'"),
    (C.LinearRegression(learning_rate=0), ValueError, "learning_rate must be > 0"),
    (C.LinearRegression(epochs=10.0), TypeError, "epochs must be an int"),
    (C.PolynomialFeatures(degree=0), ValueError, "degree must be >= 1; got 0"),
    (C.PolynomialFeatures(include_bias="yes"), TypeError, "include_bias must be a bool"),
    (C.StandardScaler(with_std=1), TypeError, "with_std must be a bool"),
]


@pytest.mark.parametrize(
    ("estimator", "error", "message"),
    BAD_HYPERPARAMETERS,
    ids=[repr(c[0]) for c in BAD_HYPERPARAMETERS],
)
def test_bad_hyper_parameters_are_named_by_fit(estimator, error, message):
    with pytest.raises(error, match=message):
        _fit(estimator, X3)
