import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

from dlref.classic.naive_bayes import GaussianNB

X, y = load_digits(return_X_y=True)  # 8 x 8 grey images, 64 features
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)
model = GaussianNB().fit(X_train, y_train)  # default var_smoothing=1e-9

# the same posterior computed in probability space: a product of 64 densities per class
density = np.exp(-((X_test[:, None, :] - model.theta_) ** 2) / (2 * model.var_)) / np.sqrt(
    2 * np.pi * model.var_
)
joint = model.class_prior_ * density.prod(axis=2)  # (n, 10)
with np.errstate(invalid="ignore"):
    naive = joint / joint.sum(axis=1, keepdims=True)
print(f"smallest joint density: {joint.min():.1e}, underflowed to 0: {np.mean(joint == 0):.1%}")
n_nan = np.isnan(naive).any(axis=1).sum()
print(f"test images whose posterior is 0/0 = nan: {n_nan} of {len(X_test)}")
print("log space (dlref): any nan:", np.isnan(model.predict_proba(X_test)).any())

# log-sum-exp: log(e^-1000 + e^-1001) without leaving log space
a = np.array([-1000.0, -1001.0])
with np.errstate(divide="ignore"):
    print("np.log(np.exp(a).sum()) =", np.log(np.exp(a).sum()))
m = a.max()
print(f"m + log(sum(exp(a - m)))  = {m + np.log(np.exp(a - m).sum()):.4f}")
