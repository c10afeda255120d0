import numpy as np
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression as SkLogisticRegression
from sklearn.model_selection import train_test_split

from dlref.classic.linear import LogisticRegression

iris = load_iris()
X = iris.data[:, 2:]  # petal length and petal width (cm)
X_train, X_test, y_train, y_test = train_test_split(
    X, iris.target, test_size=0.3, stratify=iris.target, random_state=0
)
ours = LogisticRegression(C=1.0).fit(X_train, y_train)
theirs = SkLogisticRegression(C=1.0).fit(X_train, y_train)
print("classes:", iris.target_names.tolist(), "coef_ shape:", ours.coef_.shape)
print("coefficients agree (atol=1e-6):", np.allclose(ours.coef_, theirs.coef_, atol=1e-6))
p_ours = ours.predict_proba(X_test)
print(
    "probabilities agree (atol=1e-6):", np.allclose(p_ours, theirs.predict_proba(X_test), atol=1e-6)
)
print("each row of probabilities sums to 1:", np.allclose(p_ours.sum(axis=1), 1))
print("the K weight vectors sum to 0:", np.allclose(ours.coef_.sum(axis=0), 0, atol=1e-6))
print(f"test accuracy: {ours.score(X_test, y_test):.3f} ({len(y_test)} test flowers)")
