import warnings

import numpy as np
from sklearn.datasets import load_breast_cancer, make_blobs

from dlref.classic.linear import LogisticRegression
from dlref.classic.preprocessing import StandardScaler

# 1. unscaled features: the solver needs many more iterations
X, y = load_breast_cancer(return_X_y=True)
spread = X.std(axis=0).max() / X.std(axis=0).min()
print(f"largest / smallest feature standard deviation: {spread:.0e}")
for name, data in (("raw", X), ("standardised", StandardScaler().fit_transform(X))):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        LogisticRegression().fit(data, y)  # max_iter=100, as in scikit-learn
    print(f"{name:<12} features: converged in 100 iterations: {not caught}")

# 2. a coefficient's size depends on the feature's units
rng = np.random.default_rng(0)
X = rng.normal(size=(500, 2))  # two features, equally informative
y = (X[:, 0] + X[:, 1] + rng.normal(scale=0.5, size=500) > 0).astype(int)
X_mm = X * [1000.0, 1.0]  # feature 0 measured in mm instead of m
for name, data in (("metres", X), ("millimetres", X_mm)):
    w = LogisticRegression(C=100.0, max_iter=1000).fit(data, y).coef_[0]
    print(f"feature 0 in {name:<11}: w = {w.round(4)}")

# 3. separable classes: the weights grow without bound as the penalty vanishes
separable = make_blobs(n_samples=100, centers=[[-2, -2], [2, 2]], random_state=0)
overlapping = make_blobs(n_samples=100, centers=[[-1, -1], [1, 1]], random_state=0)
for C in (1.0, 1e2, 1e4, 1e6):
    norms = [
        np.linalg.norm(LogisticRegression(C=C, tol=1e-10, max_iter=10_000).fit(*data).coef_)
        for data in (separable, overlapping)
    ]
    print(f"C = {C:>9}: ‖w‖ separable {norms[0]:5.1f}, overlapping {norms[1]:4.2f}")
