import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.linear_model import LinearRegression as SkLinearRegression

from dlref.classic.linear import LinearRegression

X, y = load_diabetes(return_X_y=True)
print("X:", X.shape)  # patients x features
ours = LinearRegression().fit(X, y)
theirs = SkLinearRegression().fit(X, y)
print("w =", ours.coef_.round(1))
print("b =", round(ours.intercept_, 1))

# the textbook formula, with a column of ones for b: fine here, cond(X1) is small
X1 = np.column_stack([np.ones(len(X)), X])
theta = np.linalg.inv(X1.T @ X1) @ X1.T @ y
print(f"cond(X1) = {np.linalg.cond(X1):.0f}")
print("normal equation gives the same θ:", np.allclose(theta, [ours.intercept_, *ours.coef_]))
print(
    "dlref == scikit-learn (atol=1e-6):",
    np.allclose(ours.coef_, theirs.coef_, atol=1e-6)
    and np.isclose(ours.intercept_, theirs.intercept_, atol=1e-6),
)
