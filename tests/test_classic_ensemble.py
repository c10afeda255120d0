"""dlref.classic.ensemble against scikit-learn: bagging, random forests, gradient boosting.

Tolerances: gradient boosting with the squared loss (scikit-learn's default) equals
scikit-learn's to 1e-8 on the training points (a tie between two features that split the same
samples changes only the threshold, so the training fits stay equal) and on test points too
where every tree has the same features as scikit-learn's. Bagging with scikit-learn trees fitted
on the same bootstrap indices gives the same probabilities (depth-2 trees on continuous
features: no ties; deeper nodes hold few samples, where equally good splits on different
features appear). Random forests draw their bootstrap samples and features from NumPy's
generator, not scikit-learn's, so only their test accuracies are compared (within 0.03).
Gradient boosting with the log loss equals scikit-learn's probabilities to 1e-10 wherever every
tree has the same structure as scikit-learn's (asserted first): with two classes the residuals
take few distinct values, so in small nodes different features often split equally well, and
the settings below keep leaves large enough (10 samples or more) that they do not.
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn import ensemble as sk_ensemble
from sklearn import tree as sk_tree
from sklearn.datasets import load_digits, make_friedman1

from dlref.classic import DecisionTreeClassifier, DecisionTreeRegressor
from dlref.classic.ensemble import (
    BaggingClassifier,
    GradientBoostingClassifier,
    GradientBoostingRegressor,
    RandomForestClassifier,
)


def _friedman(n=300, seed=0):
    X, y = make_friedman1(n_samples=2 * n, noise=1.0, random_state=seed)
    X = X.astype(np.float32).astype(np.float64)  # scikit-learn's trees compare in float32
    return X[:n], y[:n], X[n:], y[n:]


def _sk_boosting(X, y, **kwargs):
    # the default loss is the squared error; its trees use the squared-error criterion
    return sk_ensemble.GradientBoostingRegressor(random_state=0, **kwargs).fit(X, y)


@pytest.mark.parametrize(
    "params",
    [
        {"n_estimators": 60, "learning_rate": 0.1, "max_depth": 3},
        {"n_estimators": 30, "learning_rate": 0.5, "max_depth": 2, "min_samples_leaf": 5},
    ],
)
def test_gradient_boosting_matches_sklearn(params):
    X, y, Q, _ = _friedman()
    ours = GradientBoostingRegressor(**params).fit(X, y)
    theirs = _sk_boosting(X, y, **params)
    assert ours.init_ == pytest.approx(theirs.init_.constant_[0, 0], abs=1e-12)
    np.testing.assert_allclose(ours.predict(X), theirs.predict(X), rtol=0, atol=1e-8)
    np.testing.assert_allclose(ours.train_score_, theirs.train_score_, rtol=1e-8)
    same = [
        np.array_equal(a.tree_.feature, np.maximum(b.tree_.feature, -1))
        for a, b in zip(ours.estimators_, theirs.estimators_[:, 0], strict=True)
    ]
    if all(same):
        np.testing.assert_allclose(ours.predict(Q), theirs.predict(Q), rtol=0, atol=1e-8)
    staged = list(ours.staged_predict(Q))
    assert len(staged) == params["n_estimators"]
    np.testing.assert_allclose(staged[-1], ours.predict(Q), atol=1e-12)


def test_gradient_boosting_equals_trees_fitted_to_residuals():
    X, y, Q, _ = _friedman(100)
    model = GradientBoostingRegressor(n_estimators=5, learning_rate=0.3, max_depth=2).fit(X, y)
    F, G = np.full(len(y), y.mean()), np.full(len(Q), y.mean())
    for tree in model.estimators_:
        again = DecisionTreeRegressor(max_depth=2).fit(X, y - F)
        np.testing.assert_array_equal(again.tree_.threshold, tree.tree_.threshold)
        F, G = F + 0.3 * again.predict(X), G + 0.3 * again.predict(Q)
    np.testing.assert_allclose(model.predict(Q), G, atol=1e-12)


def _same_structure(ours, theirs):
    return all(
        np.array_equal(a.tree_.feature, np.maximum(b.tree_.feature, -1))
        and np.array_equal(a.tree_.n_node_samples, b.tree_.n_node_samples)
        for a, b in zip(ours.estimators_.ravel(), theirs.estimators_.ravel(), strict=True)
    )


def _classes(target, n_classes):
    return np.digitize(target, np.quantile(target, np.arange(1, n_classes) / n_classes))


@pytest.mark.parametrize("n_classes", [2, 3, 4])
@pytest.mark.parametrize(
    "params",
    [
        {"n_estimators": 40, "learning_rate": 0.1, "max_depth": 2, "min_samples_leaf": 10},
        {"n_estimators": 25, "learning_rate": 0.5, "max_depth": 2, "min_samples_leaf": 20},
    ],
)
def test_gradient_boosting_classifier_matches_sklearn(n_classes, params):
    X, target, Q, _ = _friedman()
    y = _classes(target, n_classes)
    ours = GradientBoostingClassifier(**params).fit(X, y)
    theirs = sk_ensemble.GradientBoostingClassifier(random_state=0, **params).fit(X, y)
    assert ours.estimators_.shape == theirs.estimators_.shape
    assert _same_structure(ours, theirs)
    np.testing.assert_allclose(ours.init_, theirs._raw_predict_init(X[:1])[0], atol=1e-12)
    for points in (X, Q):
        np.testing.assert_allclose(
            ours.predict_proba(points), theirs.predict_proba(points), rtol=0, atol=1e-10
        )
        np.testing.assert_allclose(
            ours.decision_function(points), theirs.decision_function(points), rtol=0, atol=1e-9
        )
        np.testing.assert_array_equal(ours.predict(points), theirs.predict(points))
    deviance = 2 if n_classes == 2 else 1  # scikit-learn reports 2 x log loss for two classes
    np.testing.assert_allclose(deviance * ours.train_score_, theirs.train_score_, rtol=1e-10)
    staged = list(ours.staged_predict_proba(Q))
    assert len(staged) == params["n_estimators"]
    np.testing.assert_allclose(staged[-1], ours.predict_proba(Q), atol=1e-15)


def test_gradient_boosting_classifier_first_leaves_are_newton_steps():
    X, target, _, _ = _friedman(200)
    y = np.where(target > np.median(target), "high", "low")  # string labels
    model = GradientBoostingClassifier(n_estimators=1, max_depth=2).fit(X, y)
    assert list(model.classes_) == ["high", "low"]
    positive = (y == "low").astype(float)  # the score is the log-odds of classes_[1]
    p0 = positive.mean()
    assert model.init_ == pytest.approx([np.log(p0 / (1 - p0))], abs=1e-12)
    tree = model.estimators_[0, 0]
    leaves = tree.apply(X)
    for leaf in np.unique(leaves):
        share = positive[leaves == leaf].mean()  # y - p is share - p0 on average in the leaf
        assert tree.tree_.value[leaf, 0] == pytest.approx((share - p0) / (p0 * (1 - p0)))
    loss = -np.mean(np.log(model.predict_proba(X)[np.arange(len(y)), (y == "low").astype(int)]))
    assert model.train_score_[0] == pytest.approx(loss, abs=1e-12)
    assert model.train_score_[0] < np.log(2)


def test_gradient_boosting_classifier_pure_leaf_gets_no_infinite_step():
    X = np.array([[0.0], [1.0], [2.0], [3.0], [10.0], [11.0], [12.0], [13.0]])
    y = np.array([0, 0, 0, 0, 1, 1, 1, 1])
    model = GradientBoostingClassifier(n_estimators=200, learning_rate=1.0, max_depth=1)
    proba = model.fit(X, y).predict_proba(X)
    assert np.all(np.isfinite(proba)) and np.all(np.isfinite(model.train_score_))
    np.testing.assert_array_equal(model.predict(X), y)
    assert np.all(np.diff(model.train_score_) <= 0)


def test_bagging_equals_sklearn_trees_on_the_same_bootstrap_samples():
    X, _, Q, _ = _friedman(200)
    y = (X[:, 0] + X[:, 1] ** 2 > 0.8).astype(int) + (X[:, 2] > 0.7)  # three classes
    model = BaggingClassifier(DecisionTreeClassifier(max_depth=2), n_estimators=8, random_state=0)
    model.fit(X, y)
    proba = np.zeros((len(Q), 3))
    for sample in model.estimators_samples_:
        tree = sk_tree.DecisionTreeClassifier(max_depth=2, random_state=0).fit(X[sample], y[sample])
        proba[:, tree.classes_] += tree.predict_proba(Q) / len(model.estimators_samples_)
    np.testing.assert_allclose(model.predict_proba(Q), proba, atol=1e-12)
    assert len({tuple(s[:5]) for s in model.estimators_samples_}) == 8  # different samples


def test_bagging_out_of_bag_score_and_no_bootstrap():
    X, y = load_digits(return_X_y=True)
    X, y = X[:400], y[:400]
    model = BaggingClassifier(n_estimators=15, oob_score=True, random_state=0).fit(X, y)
    left_out = np.mean([1 - np.unique(s).size / len(y) for s in model.estimators_samples_])
    assert left_out == pytest.approx((1 - 1 / len(y)) ** len(y), abs=0.02)
    assert 0.7 < model.oob_score_ < 1.0
    assert model.oob_decision_function_.shape == (400, 10)
    plain = BaggingClassifier(n_estimators=3, bootstrap=False).fit(X, y)
    assert plain.score(X, y) == 1.0  # three copies of the same full tree


def test_random_forest_accuracy_is_close_to_sklearns():
    X, y = load_digits(return_X_y=True)
    order = np.random.default_rng(0).permutation(len(y))
    train, test = order[:700], order[700:]
    ours = RandomForestClassifier(n_estimators=15, random_state=0).fit(X[train], y[train])
    theirs = sk_ensemble.RandomForestClassifier(n_estimators=15, random_state=0)
    theirs.fit(X[train], y[train])
    assert abs(ours.score(X[test], y[test]) - theirs.score(X[test], y[test])) < 0.03
    assert ours.feature_importances_.sum() == pytest.approx(1.0)
    for tree in ours.estimators_:
        assert tree.max_features == "sqrt"
    strings = RandomForestClassifier(n_estimators=3, random_state=0).fit(X[:50], y[:50].astype(str))
    assert strings.predict(X[:5]).dtype.kind == "U"


def test_forest_without_feature_sampling_is_bagging():
    X, y = load_digits(return_X_y=True)
    X, y = X[:300], y[:300]
    forest = RandomForestClassifier(n_estimators=5, max_features=None, random_state=3).fit(X, y)
    bag = BaggingClassifier(DecisionTreeClassifier(), n_estimators=5, random_state=3).fit(X, y)
    for a, b in zip(forest.estimators_samples_, bag.estimators_samples_, strict=True):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(forest.predict_proba(X[:50]), bag.predict_proba(X[:50]))
    plain = BaggingClassifier(n_estimators=1, random_state=3).fit(X, y)
    rng = np.random.default_rng(3)
    np.testing.assert_array_equal(plain.estimators_samples_[0], rng.integers(0, 300, size=300))


def test_defaults_are_sklearns():
    pairs = [
        (BaggingClassifier(), sk_ensemble.BaggingClassifier(), ["n_estimators"]),
        (
            RandomForestClassifier(),
            sk_ensemble.RandomForestClassifier(),
            ["n_estimators", "max_features", "criterion", "max_depth", "min_samples_leaf"],
        ),
        (
            GradientBoostingRegressor(),
            sk_ensemble.GradientBoostingRegressor(),
            ["n_estimators", "learning_rate", "max_depth", "min_samples_leaf", "max_features"],
        ),
        (
            GradientBoostingClassifier(),
            sk_ensemble.GradientBoostingClassifier(),
            ["n_estimators", "learning_rate", "max_depth", "min_samples_leaf", "max_features"],
        ),
    ]
    for ours, theirs, names in pairs:
        for name in names:
            assert getattr(ours, name) == getattr(theirs, name), name


def test_tree_max_features_draws_features_per_split():
    X, y = load_digits(return_X_y=True)
    full = DecisionTreeClassifier(max_depth=4).fit(X, y)
    assert np.array_equal(
        DecisionTreeClassifier(max_depth=4, max_features=64).fit(X, y).tree_.feature,
        full.tree_.feature,
    )  # all features: the deterministic tree
    a = DecisionTreeClassifier(max_depth=4, max_features=8, random_state=1).fit(X, y)
    b = DecisionTreeClassifier(max_depth=4, max_features=8, random_state=1).fit(X, y)
    c = DecisionTreeClassifier(max_depth=4, max_features=8, random_state=2).fit(X, y)
    assert np.array_equal(a.tree_.feature, b.tree_.feature)
    assert not np.array_equal(a.tree_.feature, c.tree_.feature)
    assert DecisionTreeClassifier(max_features=1, random_state=0).fit(X, y).score(X, y) == 1.0
    for value, expected in ((None, 64), ("sqrt", 8), ("log2", 6), (0.25, 16), (10, 10)):
        assert DecisionTreeClassifier(max_features=value)._n_split_features(64) == expected


BAD = [
    (BaggingClassifier(n_estimators=0), ValueError, "n_estimators must be >= 1"),
    (BaggingClassifier(n_estimators=2.5), TypeError, "n_estimators must be an int"),
    (BaggingClassifier(DecisionTreeRegressor()), TypeError, "estimator must be a classifier"),
    (BaggingClassifier(bootstrap="yes"), TypeError, "bootstrap must be a bool"),
    (BaggingClassifier(bootstrap=False, oob_score=True), ValueError, "oob_score=True needs"),
    (BaggingClassifier(random_state=-1), ValueError, "random_state must be >= 0"),
    (RandomForestClassifier(max_features="all"), ValueError, "max_features must be one of"),
    (RandomForestClassifier(max_features=0), ValueError, "max_features must be >= 1"),
    (RandomForestClassifier(max_features=1.5), ValueError, r"max_features must be in \(0, 1\]"),
    (RandomForestClassifier(max_features=3), ValueError, r"max_features must be <= n_features"),
    (RandomForestClassifier(max_features=[1]), TypeError, "max_features must be None, an int"),
    (RandomForestClassifier(criterion="mse"), ValueError, "criterion must be one of"),
    (RandomForestClassifier(max_depth=0), ValueError, "max_depth must be >= 1"),
    (GradientBoostingRegressor(learning_rate=0.0), ValueError, "learning_rate must be > 0"),
    (GradientBoostingRegressor(learning_rate="fast"), TypeError, "learning_rate must be a real"),
    (GradientBoostingRegressor(n_estimators=0), ValueError, "n_estimators must be >= 1"),
    (GradientBoostingRegressor(max_depth=0), ValueError, "max_depth must be >= 1"),
    (GradientBoostingClassifier(learning_rate=-1.0), ValueError, "learning_rate must be > 0"),
    (GradientBoostingClassifier(n_estimators=1.5), TypeError, "n_estimators must be an int"),
    (GradientBoostingClassifier(min_samples_leaf=0), ValueError, "min_samples_leaf must be >= 1"),
    (DecisionTreeRegressor(random_state="x"), TypeError, "random_state must be None, an int"),
]


@pytest.mark.parametrize(("model", "error", "message"), BAD, ids=[repr(b[0]) for b in BAD])
def test_bad_hyper_parameters_are_named_by_fit(model, error, message):
    X = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 2.0], [3.0, 1.0]])
    with pytest.raises(error, match=message):
        model.fit(X, [0, 1, 1, 0])


def test_gradient_boosting_classifier_needs_two_classes():
    X = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 2.0]])
    with pytest.raises(ValueError, match="y must hold at least 2 distinct classes"):
        GradientBoostingClassifier().fit(X, [1, 1, 1])
    with pytest.raises(ValueError, match="y must hold class labels"):
        GradientBoostingClassifier().fit(X, [0.5, 1.5, 2.25])
