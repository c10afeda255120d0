"""dlref.classic supervised models against scikit-learn: k-NN, decision trees, naive Bayes, SVM.

Tolerances: k-NN and Gaussian naive Bayes agree to rounding (1e-10 and rtol 1e-6). Decision
trees: when two splits are equally good, scikit-learn picks by a random feature order (its
``random_state``) and we pick the lowest feature index, so small trees are compared node by node
with the scikit-learn tree of a matching seed, and deep trees by their predictions on test points:
at least 98% agreement or, where scikit-learn's own trees for different seeds disagree more than
that, no worse than they do. The SVM's hyperplane is compared by the cosine of the normals
(> 0.999), the margin (1%) and the training accuracy (equal).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn import neighbors as sk_neighbors
from sklearn import tree as sk_tree
from sklearn.datasets import load_breast_cancer, load_iris, make_blobs, make_classification
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB as SkGaussianNB
from sklearn.svm import SVC
from threadpoolctl import threadpool_limits

from dlref.classic import neighbors
from dlref.classic.naive_bayes import GaussianNB
from dlref.classic.neighbors import KNeighborsClassifier, KNeighborsRegressor
from dlref.classic.svm import LinearSVM
from dlref.classic.tree import DecisionTreeClassifier, DecisionTreeRegressor

LABELS = np.array(["ant", "bee", "cat"])


def _distinct_points(max_rows, bound):
    """Points with distinct integer coordinates: no two rows coincide, distances are exact."""
    shapes = st.tuples(st.integers(2, max_rows), st.integers(1, 3))
    return arrays(np.float64, shapes, elements=st.integers(-bound, bound), unique=True)


def _split(name):
    if name == "iris":
        X, y = load_iris(return_X_y=True)
    elif name == "breast_cancer":
        X, y = load_breast_cancer(return_X_y=True)
    else:
        X, y = make_classification(400, 8, n_informative=5, n_classes=3, random_state=0)
    return train_test_split(X, y, random_state=0)


@pytest.fixture(autouse=True)
def _one_thread():
    """One BLAS/OpenMP thread: these fits are small, and thread start-up only slows them down."""
    with threadpool_limits(1):
        yield


# --- k-nearest neighbours ----------------------------------------------------------------------


@pytest.mark.parametrize("weights", ["uniform", "distance"])
@pytest.mark.parametrize("k", [1, 5, 15])
def test_knn_matches_sklearn_brute(weights, k):
    rng = np.random.default_rng(k)
    X, Q = rng.normal(size=(300, 4)), rng.normal(size=(80, 4))
    y = LABELS[rng.integers(0, 3, 300)]
    target = rng.normal(size=300)
    ours = KNeighborsClassifier(k, weights=weights).fit(X, y)
    theirs = sk_neighbors.KNeighborsClassifier(k, weights=weights, algorithm="brute").fit(X, y)
    np.testing.assert_array_equal(ours.predict(Q), theirs.predict(Q))
    np.testing.assert_allclose(ours.predict_proba(Q), theirs.predict_proba(Q), atol=1e-12)
    distances, indices = ours.kneighbors(Q)
    their_distances, their_indices = theirs.kneighbors(Q)
    np.testing.assert_array_equal(indices, their_indices)
    np.testing.assert_allclose(distances, their_distances, atol=1e-10)
    regressor = KNeighborsRegressor(k, weights=weights).fit(X, target)
    sk_regressor = sk_neighbors.KNeighborsRegressor(k, weights=weights, algorithm="brute")
    np.testing.assert_allclose(
        regressor.predict(Q), sk_regressor.fit(X, target).predict(Q), atol=1e-12
    )
    assert ours.score(X, y) == pytest.approx(theirs.score(X, y))


@pytest.mark.parametrize(("n", "k"), [(50, 1), (50, 7), (53, 49), (50, 50), (2, 2)])
def test_knn_group_search_finds_the_k_nearest(n, k):
    # Training points are searched in groups (padded when n is not a multiple of their size).
    rng = np.random.default_rng(n + k)
    X, Q = rng.normal(size=(n, 3)), rng.normal(size=(40, 3))
    distances, indices = KNeighborsRegressor(k).fit(X, np.zeros(n)).kneighbors(Q)
    exact = np.sqrt(((Q[:, None, :] - X[None]) ** 2).sum(axis=2))
    np.testing.assert_array_equal(indices, np.argsort(exact, axis=1)[:, :k])
    np.testing.assert_allclose(distances, np.sort(exact, axis=1)[:, :k], atol=1e-10)


def test_knn_blocks_give_the_same_answer(monkeypatch):
    rng = np.random.default_rng(0)
    X, Q, y = rng.normal(size=(50, 3)), rng.normal(size=(23, 3)), rng.integers(0, 2, 50)
    whole = KNeighborsClassifier(3).fit(X, y).kneighbors(Q)
    monkeypatch.setattr(neighbors, "_BLOCK_ELEMENTS", 120)  # blocks of 2 queries
    blocked = KNeighborsClassifier(3).fit(X, y).kneighbors(Q)
    np.testing.assert_array_equal(whole[1], blocked[1])
    np.testing.assert_allclose(whole[0], blocked[0])


def test_knn_ties_and_exact_matches():
    X = np.array([[1.0], [-1.0], [3.0], [0.0]])
    model = KNeighborsClassifier(2).fit(X[:3], ["a", "b", "b"])
    _, indices = model.kneighbors([[0.0]])  # two points at distance 1
    np.testing.assert_array_equal(indices, [[0, 1]])  # equal distances: lower index first
    assert model.predict([[0.0]])[0] == "a"  # 1-1 vote: the class first in classes_
    # With distance weights a query on a training point takes that point's label or target.
    weighted = KNeighborsClassifier(3, weights="distance").fit(X, ["a", "b", "b", "c"])
    assert weighted.predict([[0.0]])[0] == "c"
    regressor = KNeighborsRegressor(3, weights="distance").fit(X, [1.0, 2.0, 3.0, 7.0])
    assert regressor.predict([[0.0], [1.0]]).tolist() == [7.0, 1.0]


@settings(max_examples=25, deadline=None)
@given(_distinct_points(25, 1000), st.integers(0, 2**32 - 1))
def test_knn_with_one_neighbour_recalls_the_training_labels(X, seed):
    labels = np.random.default_rng(seed).integers(0, 3, X.shape[0])
    model = KNeighborsClassifier(1).fit(X, labels)
    np.testing.assert_array_equal(model.predict(X), labels)
    distances, indices = model.kneighbors(X)
    np.testing.assert_array_equal(indices[:, 0], np.arange(X.shape[0]))
    assert np.all(distances == 0.0)


# --- decision trees ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "criterion", "max_depth"),
    [
        ("iris", "gini", None),
        ("iris", "entropy", 3),
        ("breast_cancer", "gini", 2),
        ("breast_cancer", "entropy", 3),
        ("classification", "gini", 4),
        ("classification", "entropy", 4),
    ],
)
def test_tree_is_one_of_sklearns_trees(name, criterion, max_depth):
    """Node for node, our tree is the one scikit-learn grows for some feature order (seed)."""
    X_train, X_test, y_train, _ = _split(name)
    ours = DecisionTreeClassifier(criterion, max_depth=max_depth).fit(X_train, y_train)
    t = ours.tree_
    for seed in range(10):
        theirs = sk_tree.DecisionTreeClassifier(
            criterion=criterion, max_depth=max_depth, random_state=seed
        ).fit(X_train, y_train)
        s = theirs.tree_
        if np.array_equal(t.feature, np.where(s.children_left < 0, -1, s.feature)):
            break
    else:
        pytest.fail("no random_state in 0..9 gives scikit-learn the same split features")
    np.testing.assert_array_equal(t.left, s.children_left)
    np.testing.assert_array_equal(t.n_node_samples, s.n_node_samples)
    inner = t.feature >= 0
    # sklearn stores X as float32: its thresholds are midpoints of float32-rounded values.
    np.testing.assert_allclose(t.threshold[inner], s.threshold[inner], rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(t.value, s.value[:, 0, :], atol=1e-12)
    np.testing.assert_allclose(t.impurity, s.impurity, atol=1e-12)
    np.testing.assert_allclose(ours.feature_importances_, theirs.feature_importances_, atol=1e-12)
    np.testing.assert_array_equal(ours.predict(X_test), theirs.predict(X_test))
    np.testing.assert_allclose(ours.predict_proba(X_test), theirs.predict_proba(X_test))


@pytest.mark.parametrize("name", ["breast_cancer", "classification"])
@pytest.mark.parametrize("criterion", ["gini", "entropy"])
@pytest.mark.parametrize("max_depth", [None, 5])
def test_tree_agrees_with_sklearn_up_to_ties(name, criterion, max_depth):
    X_train, X_test, y_train, _ = _split(name)
    ours = DecisionTreeClassifier(criterion, max_depth=max_depth).fit(X_train, y_train)
    theirs = [
        sk_tree.DecisionTreeClassifier(
            criterion=criterion, max_depth=max_depth, random_state=seed
        ).fit(X_train, y_train)
        for seed in range(5)
    ]
    reference = theirs[0].predict(X_test)
    agreement = np.mean(ours.predict(X_test) == reference)
    sklearn_self = min(np.mean(t.predict(X_test) == reference) for t in theirs[1:])
    assert agreement >= min(0.98, sklearn_self)
    assert ours.score(X_train, y_train) == theirs[0].score(X_train, y_train)
    assert ours.get_depth() == theirs[0].get_depth()


def test_tree_labels_probabilities_and_pruning():
    X_train, X_test, y_train, _ = _split("breast_cancer")
    labels = np.array(["benign", "malignant"])[y_train]
    full = DecisionTreeClassifier().fit(X_train, labels)
    assert full.score(X_train, labels) == 1.0 and set(full.predict(X_test)) <= set(labels)
    np.testing.assert_allclose(full.predict_proba(X_test).sum(axis=1), 1.0)
    leaves = full.get_n_leaves()
    for kwargs in ({"max_depth": 2}, {"min_samples_leaf": 10}, {"min_samples_split": 40}):
        pruned = DecisionTreeClassifier(**kwargs).fit(X_train, labels)
        assert pruned.get_n_leaves() < leaves, kwargs
    shallow = DecisionTreeClassifier(max_depth=2).fit(X_train, labels)
    assert shallow.get_depth() == 2 and shallow.get_n_leaves() <= 4
    leafy = DecisionTreeClassifier(min_samples_leaf=10).fit(X_train, labels)
    t = leafy.tree_
    assert t.n_node_samples[t.feature < 0].min() >= 10
    assert np.isclose(full.feature_importances_.sum(), 1.0)


def test_regression_tree_matches_sklearn():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 4))
    y = np.sin(2 * X[:, 0]) + X[:, 1] ** 2 + 0.1 * rng.normal(size=200)
    Q = rng.normal(size=(100, 4))
    for depth in (2, 3, 5):
        ours = DecisionTreeRegressor(max_depth=depth).fit(X, y)
        theirs = sk_tree.DecisionTreeRegressor(max_depth=depth, random_state=0).fit(X, y)
        assert ours.score(X, y) == pytest.approx(theirs.score(X, y), abs=1e-12)
        assert ours.get_depth() == theirs.get_depth()
        if depth <= 3:  # deeper nodes hold few samples, and ties between features appear
            np.testing.assert_allclose(ours.predict(Q), theirs.predict(Q), atol=1e-10)
            np.testing.assert_allclose(ours.feature_importances_, theirs.feature_importances_)
    assert DecisionTreeRegressor().fit(X, y).score(X, y) == 1.0


@settings(max_examples=25, deadline=None)
@given(_distinct_points(30, 50), st.integers(0, 2**32 - 1))
def test_unpruned_tree_fits_distinct_points_exactly(X, seed):
    y = np.random.default_rng(seed).integers(0, 3, X.shape[0])
    model = DecisionTreeClassifier().fit(X, y)
    np.testing.assert_array_equal(model.predict(X), y)
    assert model.get_n_leaves() <= X.shape[0]


# --- Gaussian naive Bayes -----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["iris", "breast_cancer", "classification"])
def test_gaussian_nb_matches_sklearn(name):
    X_train, X_test, y_train, _ = _split(name)
    labels = LABELS[y_train]
    ours = GaussianNB().fit(X_train, labels)
    theirs = SkGaussianNB().fit(X_train, labels)
    np.testing.assert_array_equal(ours.classes_, theirs.classes_)
    for attribute in ("theta_", "var_", "class_prior_"):
        np.testing.assert_allclose(getattr(ours, attribute), getattr(theirs, attribute), rtol=1e-6)
    np.testing.assert_allclose(ours.predict_proba(X_test), theirs.predict_proba(X_test), rtol=1e-6)
    np.testing.assert_allclose(
        ours.predict_log_proba(X_test), theirs.predict_log_proba(X_test), rtol=1e-6, atol=1e-12
    )
    np.testing.assert_array_equal(ours.predict(X_test), theirs.predict(X_test))


def test_gaussian_nb_priors_and_smoothing():
    X_train, X_test, y_train, _ = _split("iris")
    priors = [0.5, 0.3, 0.2]
    ours = GaussianNB(priors=priors, var_smoothing=1e-3).fit(X_train, y_train)
    theirs = SkGaussianNB(priors=priors, var_smoothing=1e-3).fit(X_train, y_train)
    np.testing.assert_allclose(ours.var_, theirs.var_, rtol=1e-6)
    np.testing.assert_allclose(ours.predict_proba(X_test), theirs.predict_proba(X_test), rtol=1e-6)
    with pytest.raises(ValueError, match="priors must have one entry per class"):
        GaussianNB(priors=[0.5, 0.5]).fit(X_train, y_train)


# --- linear SVM ----------------------------------------------------------------------------------


def _compare_svm(ours, theirs, X, y):
    w, w_ref = ours.coef_, theirs.coef_.ravel()
    cosine = w @ w_ref / (np.linalg.norm(w) * np.linalg.norm(w_ref))
    assert cosine > 0.999
    assert ours.margin_ == pytest.approx(2.0 / np.linalg.norm(w_ref), rel=0.01)
    assert ours.score(X, y) == theirs.score(X, y)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_hard_margin_svm_matches_svc_on_separable_blobs(seed):
    X, y = make_blobs(80, centers=[[-2, -2], [2, 2]], cluster_std=0.8, random_state=seed)
    labels = np.array(["no", "yes"])[y]
    ours = LinearSVM(hard_margin=True).fit(X, labels)
    theirs = SVC(kernel="linear", C=1e8, tol=1e-6).fit(X, labels)
    _compare_svm(ours, theirs, X, labels)
    assert ours.converged_ and ours.score(X, labels) == 1.0
    np.testing.assert_array_equal(np.sort(ours.support_), np.sort(theirs.support_))
    margins = np.where(labels == "yes", 1, -1) * ours.decision_function(X)
    np.testing.assert_allclose(margins[ours.support_], 1.0, atol=1e-3)  # on the margin
    assert margins.min() > 1 - 1e-3
    assert ours.intercept_ == pytest.approx(theirs.intercept_[0], abs=1e-3)


@pytest.mark.parametrize(("seed", "C"), [(0, 0.1), (1, 1.0), (2, 0.5)])
def test_soft_margin_svm_matches_svc_on_overlapping_blobs(seed, C):
    X, y = make_blobs(150, centers=[[-1, -1], [1, 1]], cluster_std=1.2, random_state=seed)
    ours = LinearSVM(C=C).fit(X, y)
    theirs = SVC(kernel="linear", C=C, tol=1e-6).fit(X, y)
    _compare_svm(ours, theirs, X, y)
    signs = np.where(y == 1, 1.0, -1.0)

    def primal(w, b):
        return 0.5 * w @ w + C * np.maximum(0.0, 1.0 - signs * (X @ w + b)).sum()

    # Both minimise the same objective: equal up to the solvers' tolerances.
    assert primal(ours.coef_, ours.intercept_) == pytest.approx(
        primal(theirs.coef_.ravel(), theirs.intercept_[0]), rel=1e-5
    )
    # Support vectors: on or inside the margin; the multipliers of the others are 0.
    outside = np.setdiff1d(np.arange(len(y)), ours.support_)
    np.testing.assert_allclose(ours.dual_coef_[outside], 0.0, atol=1e-8)


def test_hard_margin_refuses_overlapping_classes():
    X = np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0]])  # XOR
    with pytest.raises(ValueError, match="hard_margin=True needs linearly separable data"):
        LinearSVM(hard_margin=True).fit(X, [0, 0, 1, 1])
    assert LinearSVM(C=1.0).fit(X, [0, 0, 1, 1]).score(X, [0, 0, 1, 1]) <= 0.75


# --- bad input ---------------------------------------------------------------------------------


def test_data_dependent_errors_name_the_argument():
    X = np.zeros((3, 2))
    with pytest.raises(ValueError, match=r"n_neighbors=5 must be <= .* got 3 sample"):
        KNeighborsClassifier(5).fit(X, [0, 1, 0])
    with pytest.raises(ValueError, match="exactly 2 classes"):
        LinearSVM().fit(np.arange(6.0).reshape(3, 2), [0, 1, 2])
    with pytest.raises(ValueError, match="y must hold at least 2 distinct classes"):
        LinearSVM().fit(X, ["a", "a", "a"])
    single = DecisionTreeClassifier().fit(X, ["a", "a", "a"])  # one class: a single leaf
    assert single.get_n_leaves() == 1 and single.predict(X).tolist() == ["a"] * 3
