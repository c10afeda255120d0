import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import StratifiedKFold, train_test_split

from dlref.classic.linear import LogisticRegression
from dlref.classic.preprocessing import StandardScaler


def fit_scaled(C, X_fit, y_fit, tol=1e-4):
    """Standardise with the statistics of X_fit only, then fit; returns model and scaler."""
    scaler = StandardScaler().fit(X_fit)
    model = LogisticRegression(C=C, tol=tol, max_iter=10_000).fit(scaler.transform(X_fit), y_fit)
    return model, scaler


X, y = load_breast_cancer(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.25, stratify=y, random_state=0
)
Cs = (0.001, 0.01, 0.1, 1.0, 10.0, 100.0)
for C in Cs:
    model, scaler = fit_scaled(C, X_train, y_train, tol=1e-8)
    print(
        f"C = {C:>7}: ‖w‖ = {np.linalg.norm(model.coef_):5.2f}, "
        f"train accuracy {model.score(scaler.transform(X_train), y_train):.3f}, "
        f"test accuracy {model.score(scaler.transform(X_test), y_test):.3f}"
    )

# 5-fold cross-validation inside the training split; the test split is not looked at
folds = list(StratifiedKFold(n_splits=5, shuffle=True, random_state=0).split(X_train, y_train))
cv = {}
for C in Cs:
    scores = []
    for fit, val in folds:
        model, scaler = fit_scaled(C, X_train[fit], y_train[fit])
        scores.append(model.score(scaler.transform(X_train[val]), y_train[val]))
    cv[C] = round(float(np.mean(scores)), 3)
best = max(cv, key=cv.get)  # the first C with the highest mean accuracy
model, scaler = fit_scaled(best, X_train, y_train)
print("5-fold CV accuracy:", cv)
print(f"chosen C = {best}, test accuracy {model.score(scaler.transform(X_test), y_test):.3f}")
