import numpy as np
from sklearn.datasets import make_friedman1
from sklearn.ensemble import GradientBoostingClassifier as SkGradientBoostingClassifier

from dlref.classic.ensemble import GradientBoostingClassifier
from dlref.classic.tree import DecisionTreeRegressor

params = {"n_estimators": 100, "learning_rate": 0.1, "max_depth": 2, "min_samples_leaf": 10}


def data(seed):
    """Friedman #1 features; class 1: the target is above its median."""
    X, target = make_friedman1(n_samples=600, noise=1.0, random_state=seed)
    X = X.astype(np.float32).astype(np.float64)  # scikit-learn's trees compare in float32
    y = (target > np.median(target)).astype(int)
    return X[:300], y[:300], X[300:], y[300:], target


def log_loss(y, F):
    """Mean log loss of labels y in {0, 1} under scores F, p = sigmoid(F)."""
    return np.mean(np.logaddexp(0.0, F) - y * F)


def boost(X_train, y_train, X_test, leaves="newton"):
    """Log-loss boosting by hand. Leaf values: one Newton step ("newton"), the mean residual
    ("gradient"), or four times it ("gradient x 4": the Newton step where p = 1/2)."""
    F_0 = np.log(y_train.mean() / (1 - y_train.mean()))  # the log-odds of class 1
    F_train, F_test = np.full(len(y_train), F_0), np.full(len(X_test), F_0)
    for _ in range(params["n_estimators"]):
        p = 1 / (1 + np.exp(-F_train))
        residuals = y_train - p  # the negative gradient of the log loss
        tree = DecisionTreeRegressor(  # its leaves hold the mean residual
            max_depth=params["max_depth"], min_samples_leaf=params["min_samples_leaf"]
        ).fit(X_train, residuals)
        leaf_of = tree.apply(X_train)
        if leaves == "newton":
            for leaf in np.unique(leaf_of):
                r, q = residuals[leaf_of == leaf], p[leaf_of == leaf]
                tree.tree_.value[leaf, 0] = r.sum() / (q * (1 - q)).sum()
        elif leaves == "gradient x 4":
            tree.tree_.value[:, 0] *= 4
        F_train += params["learning_rate"] * tree.tree_.value[leaf_of, 0]
        F_test += params["learning_rate"] * tree.predict(X_test)
    return F_train, F_test


for seed in (0, 1):
    X_train, y_train, X_test, y_test, _ = data(seed)
    start = log_loss(y_train, np.log(y_train.mean() / (1 - y_train.mean())))
    loss = {
        leaves: log_loss(y_train, boost(X_train, y_train, X_test, leaves)[0])
        for leaves in ("newton", "gradient", "gradient x 4")
    }
    print(
        f"data {seed}: training log loss {start:.3f} at the start; after 100 stages, "
        + ", ".join(f"{leaves} {value:.3f}" for leaves, value in loss.items())
    )
    assert loss["newton"] < loss["gradient x 4"] - 0.03 < loss["gradient"] - 0.1

X_train, y_train, X_test, y_test, target = data(0)
F_train, F_test = boost(X_train, y_train, X_test)
ours = GradientBoostingClassifier(**params).fit(X_train, y_train)
print("by hand == dlref:", np.allclose(ours.decision_function(X_test), F_test, rtol=0, atol=1e-10))
theirs = SkGradientBoostingClassifier(random_state=0, **params).fit(X_train, y_train)
X = np.vstack([X_train, X_test])
same = np.allclose(ours.predict_proba(X), theirs.predict_proba(X), rtol=0, atol=1e-10)
print("dlref == scikit-learn, probabilities on training and test points:", same)
deviance = np.allclose(2 * ours.train_score_, theirs.train_score_, rtol=1e-10)
print("scikit-learn's train_score_ is twice dlref's log loss (the deviance):", deviance)
print(f"test accuracy: {np.sum(ours.predict(X_test) == y_test)} of {len(y_test)}")

y3 = np.digitize(target, np.quantile(target, [1 / 3, 2 / 3]))  # three classes: the terciles
ours3 = GradientBoostingClassifier(**params).fit(X_train, y3[:300])
theirs3 = SkGradientBoostingClassifier(random_state=0, **params).fit(X_train, y3[:300])
same3 = np.allclose(ours3.predict_proba(X), theirs3.predict_proba(X), rtol=0, atol=1e-10)
same3 &= np.allclose(ours3.train_score_, theirs3.train_score_, rtol=1e-10)  # both: the log loss
print(f"3 classes, {ours3.estimators_.shape[1]} trees per stage, dlref == scikit-learn: {same3}")
print(f"test accuracy: {np.sum(ours3.predict(X_test) == y3[300:])} of {len(y_test)}")
assert same and deviance and same3
