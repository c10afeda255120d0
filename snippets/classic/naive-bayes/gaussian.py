import numpy as np
from scipy.special import logsumexp
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB as SkGaussianNB

from dlref.classic.naive_bayes import GaussianNB

X, y = load_breast_cancer(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.25, stratify=y, random_state=0
)

# fitting = counting and averaging, one pass over the data
classes = np.unique(y_train)
epsilon = 1e-9 * X_train.var(axis=0).max()  # var_smoothing times the largest variance
prior = np.array([np.mean(y_train == c) for c in classes])
theta = np.array([X_train[y_train == c].mean(axis=0) for c in classes])
var = np.array([X_train[y_train == c].var(axis=0) for c in classes]) + epsilon

# log P(c) + sum_j log N(x_j; θ_cj, σ²_cj) for every test sample and class: (n, 2)
joint = np.log(prior) - 0.5 * (
    np.log(2 * np.pi * var).sum(axis=1) + (((X_test[:, None, :] - theta) ** 2) / var).sum(axis=2)
)
proba = np.exp(joint - logsumexp(joint, axis=1, keepdims=True))

ours = GaussianNB().fit(X_train, y_train)
theirs = SkGaussianNB().fit(X_train, y_train)
print("by hand == dlref (rtol=1e-6):", np.allclose(proba, ours.predict_proba(X_test), rtol=1e-6))
print(
    "dlref == scikit-learn (rtol=1e-6):",
    np.allclose(ours.predict_proba(X_test), theirs.predict_proba(X_test), rtol=1e-6),
    np.allclose(ours.var_, theirs.var_, rtol=1e-6),
)
print("same predictions:", np.array_equal(ours.predict(X_test), theirs.predict(X_test)))
print(f"parameters: {prior.size} priors + {theta.size} means + {var.size} variances")
print(f"test accuracy {ours.score(X_test, y_test):.3f} ({len(y_test)} tumours)")
