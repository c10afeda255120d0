import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB as SkGaussianNB

from dlref.classic.naive_bayes import GaussianNB

X, y = load_digits(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)
constant = np.array([(X_train[y_train == c].var(axis=0) == 0).sum() for c in range(10)])
print(f"pixels constant within a class: {constant.min()} to {constant.max()} of 64")
print(f"largest pixel variance: {X_train.var(axis=0).max():.1f}")

for smoothing in (0.0, 1e-9, 1e-3, 1e-2, 1e-1, 1.0):
    with np.errstate(divide="ignore", invalid="ignore"):
        ours = GaussianNB(var_smoothing=smoothing).fit(X_train, y_train)
        proba = ours.predict_proba(X_test)
    if np.isnan(proba).any():
        n_nan = np.isnan(proba).any(axis=1).sum()
        print(f"var_smoothing = {smoothing:<5}: posterior is nan for {n_nan} test images")
        continue
    theirs = SkGaussianNB(var_smoothing=smoothing).fit(X_train, y_train)
    same = np.allclose(proba, theirs.predict_proba(X_test), rtol=1e-6, atol=1e-12)
    print(
        f"var_smoothing = {smoothing:<5}: ε = {ours.epsilon_:.1e}, "
        f"test accuracy {ours.score(X_test, y_test):.3f}, "
        f"same as scikit-learn: {same}"
    )
