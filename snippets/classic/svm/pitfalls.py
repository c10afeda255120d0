import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC, LinearSVC

from dlref.classic import LinearSVM, StandardScaler
from dlref.data import make_moons

# 1. A hard margin does not exist for overlapping classes
Xm, ym = make_moons(100, noise=0.3, seed=0)
try:
    LinearSVM(hard_margin=True).fit(Xm, ym)
except ValueError as error:
    print("ValueError:", error)

# 2. The margin is measured in the units of the features: scale them
X, y = load_breast_cancer(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=0)
print(f"feature std from {X_train.std(axis=0).min():.4f} to {X_train.std(axis=0).max():.0f}")
raw = LinearSVM(C=1.0, max_iter=5000).fit(X_train, y_train)
scaler = StandardScaler().fit(X_train)
scaled = LinearSVM(C=1.0, max_iter=5000).fit(scaler.transform(X_train), y_train)
assert not raw.converged_  # its accuracy would then depend on where it stopped
print(f"raw features, converged within 5000 steps: {raw.converged_}")
print(
    f"test accuracy, standardised: {scaled.score(scaler.transform(X_test), y_test):.3f} "
    f"(converged: {scaled.converged_})"
)

# 3. LinearSVC is not SVC(kernel="linear"): squared hinge, and b is penalised
Xs = scaler.transform(X_train)
svc = SVC(kernel="linear", C=1.0).fit(Xs, y_train)
lin = LinearSVC(C=1.0).fit(Xs, y_train)
w_svc, w_lin = svc.coef_.ravel(), lin.coef_.ravel()
cosine = w_svc @ w_lin / (np.linalg.norm(w_svc) * np.linalg.norm(w_lin))
print(
    f"SVC vs LinearSVC: cos(w) = {cosine:.3f}, "
    f"||w|| = {np.linalg.norm(w_svc):.2f} vs {np.linalg.norm(w_lin):.2f}"
)
