import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression as SkLogisticRegression
from sklearn.model_selection import train_test_split

from dlref.classic.linear import LogisticRegression
from dlref.classic.preprocessing import StandardScaler

X, y = load_breast_cancer(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.25, stratify=y, random_state=0
)
scaler = StandardScaler().fit(X_train)  # statistics of the training split only
X_train, X_test = scaler.transform(X_train), scaler.transform(X_test)

ours = LogisticRegression(C=1.0).fit(X_train, y_train)
theirs = SkLogisticRegression(C=1.0).fit(X_train, y_train)
print("coef_ shape:", ours.coef_.shape)
print("coefficients agree (atol=1e-6):", np.allclose(ours.coef_, theirs.coef_, atol=1e-6))
print("intercepts agree (atol=1e-6):", np.allclose(ours.intercept_, theirs.intercept_, atol=1e-6))
p_ours, p_theirs = ours.predict_proba(X_test), theirs.predict_proba(X_test)
print("probabilities agree (atol=1e-6):", np.allclose(p_ours, p_theirs, atol=1e-6))
print(
    f"test accuracy: dlref {ours.score(X_test, y_test):.3f}, "
    f"scikit-learn {theirs.score(X_test, y_test):.3f} ({len(y_test)} test samples)"
)
