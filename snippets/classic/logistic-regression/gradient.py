import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression as SkLogisticRegression

from dlref.classic.preprocessing import StandardScaler
from dlref.math import sigmoid

X, t = load_breast_cancer(return_X_y=True)  # t = 1: benign
print("X:", X.shape)  # tumours x features
X = StandardScaler().fit_transform(X)
n, C = len(X), 1.0
lam = 1 / (C * n)  # scikit-learn's C as the weight of the penalty λ/2 ‖w‖²


def objective(w, b):
    z = X @ w + b
    # log(1 + e^z) - t z is the cross-entropy written without overflow
    return np.mean(np.logaddexp(0, z) - t * z) + lam / 2 * (w @ w)


def gradient(w, b):
    error = sigmoid(X @ w + b) - t  # σ(z) - t
    return X.T @ error / n + lam * w, error.mean()


rng = np.random.default_rng(0)
w, b = rng.normal(size=X.shape[1]), 0.5
grad_w, grad_b = gradient(w, b)
h = 1e-6
numeric = [(objective(w + h * e, b) - objective(w - h * e, b)) / (2 * h) for e in np.eye(len(w))]
print("gradient formula == central differences:", np.allclose(grad_w, numeric, atol=1e-6))

fitted = SkLogisticRegression(C=C, tol=1e-10, max_iter=1000).fit(X, t)
grad_w, grad_b = gradient(fitted.coef_[0], fitted.intercept_[0])
print("gradient at scikit-learn's solution < 1e-6:", max(np.abs(grad_w).max(), abs(grad_b)) < 1e-6)
