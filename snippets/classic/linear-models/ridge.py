import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.linear_model import Ridge as SkRidge

from dlref.classic.linear import Ridge
from dlref.classic.preprocessing import StandardScaler

data = load_diabetes()
X = StandardScaler().fit_transform(data.data)  # one α for all: same units for every feature
y = data.target
Xc, yc = X - X.mean(axis=0), y - y.mean()  # centring takes the unpenalised b out
for alpha in (0.0, 1.0, 10.0, 100.0, 1000.0):
    closed_form = np.linalg.solve(Xc.T @ Xc + alpha * np.eye(X.shape[1]), Xc.T @ yc)
    ours = Ridge(alpha).fit(X, y)
    theirs = SkRidge(alpha=alpha).fit(X, y)
    print(
        f"α = {alpha:>6}: ‖w‖ = {np.linalg.norm(ours.coef_):4.1f}, "
        f"zeros: {np.sum(ours.coef_ == 0)}, "
        f"closed form: {np.allclose(ours.coef_, closed_form, atol=1e-6)}, "
        f"scikit-learn: {np.allclose(ours.coef_, theirs.coef_, atol=1e-6)}"
    )
