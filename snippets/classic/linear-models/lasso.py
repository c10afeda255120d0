import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.linear_model import Lasso as SkLasso

from dlref.classic.linear import Lasso
from dlref.classic.preprocessing import StandardScaler

data = load_diabetes()
X, y = StandardScaler().fit_transform(data.data), data.target
# above this α even the strongest correlation |x_j^T (y - ȳ)| / n cannot beat the threshold
alpha_max = np.max(np.abs(X.T @ (y - y.mean()))) / len(y)
print(f"α_max = {alpha_max:.2f}, corr(s1, s2) = {np.corrcoef(X[:, 4], X[:, 5])[0, 1]:.2f}")
for alpha in (0.1, 1.0, 5.0, 20.0, 40.0):
    ours = Lasso(alpha, tol=1e-10, max_iter=10_000).fit(X, y)
    theirs = SkLasso(alpha=alpha, tol=1e-10, max_iter=10_000).fit(X, y)
    kept = [name for name, w in zip(data.feature_names, ours.coef_, strict=True) if w != 0]
    same = np.allclose(ours.coef_, theirs.coef_, atol=1e-6)
    print(f"α = {alpha:>4}: {np.sum(ours.coef_ == 0)} zeros, scikit-learn: {same}, kept {kept}")
