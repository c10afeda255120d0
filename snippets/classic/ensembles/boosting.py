import numpy as np
from sklearn.datasets import make_friedman1
from sklearn.ensemble import GradientBoostingRegressor as SkGradientBoostingRegressor

from dlref.classic.ensemble import GradientBoostingRegressor
from dlref.classic.tree import DecisionTreeRegressor

X, y = make_friedman1(n_samples=600, noise=1.0, random_state=0)  # 10 features, 5 used
X_train, y_train, X_test, y_test = X[:300], y[:300], X[300:], y[300:]

learning_rate, n_trees = 0.1, 100
F_train = np.full(len(y_train), y_train.mean())  # F_0: the mean
F_test = np.full(len(y_test), y_train.mean())
for _ in range(n_trees):
    residuals = y_train - F_train  # the negative gradient of the squared loss
    tree = DecisionTreeRegressor(max_depth=3).fit(X_train, residuals)
    F_train += learning_rate * tree.predict(X_train)
    F_test += learning_rate * tree.predict(X_test)
print(
    f"test MSE: mean only {np.mean((y_test - y_train.mean()) ** 2):.2f}, "
    f"{n_trees} trees {np.mean((y_test - F_test) ** 2):.2f}"
)

ours = GradientBoostingRegressor(n_estimators=n_trees, learning_rate=learning_rate, max_depth=3)
ours.fit(X_train, y_train)
print("by hand == dlref:", np.allclose(ours.predict(X_test), F_test, rtol=0, atol=1e-10))
theirs = SkGradientBoostingRegressor(  # its default loss is the squared error too
    n_estimators=n_trees, learning_rate=learning_rate, max_depth=3, random_state=0
).fit(X_train, y_train)
same = np.allclose(ours.predict(X_train), theirs.predict(X_train), rtol=0, atol=1e-8)
print("dlref == scikit-learn on the training set:", same)
close = np.abs(ours.predict(X_test) - theirs.predict(X_test)) < 1e-8
print(f"test points with the same prediction: {close.mean():.0%}")
other = [  # a tree that split some node on another feature (leaves: -1 in dlref, -2 in sklearn)
    not np.array_equal(a.tree_.feature, np.maximum(b.tree_.feature, -1))
    for a, b in zip(ours.estimators_, theirs.estimators_[:, 0], strict=True)
]
print(f"trees with another feature at some node: {sum(other)} of {n_trees}")
assert same and 0 < sum(other) < n_trees / 2
