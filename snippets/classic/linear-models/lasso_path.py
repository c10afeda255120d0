import numpy as np
from matplotlib.figure import Figure
from sklearn.datasets import load_diabetes

from dlref.classic.linear import Lasso
from dlref.classic.preprocessing import StandardScaler
from dlref.plot import save_figure

data = load_diabetes()
X, y = StandardScaler().fit_transform(data.data), data.target
alphas = np.geomspace(0.05, 50, 25)
path = np.array([Lasso(alpha).fit(X, y).coef_ for alpha in alphas])

fig = Figure(figsize=(9.5, 3.6), layout="constrained")
ax_path, ax_zeros = fig.subplots(1, 2, gridspec_kw={"width_ratios": [3, 2]})
for j, name in enumerate(data.feature_names):
    ax_path.semilogx(alphas, path[:, j], label=name)
ax_path.set(xlabel="α (log scale)", ylabel="coefficient w_j")
ax_path.set_title("lasso: coefficients reach exactly 0")
ax_path.legend(ncol=2, fontsize="x-small", loc="lower right")
ax_zeros.semilogx(alphas, np.sum(path == 0, axis=1), drawstyle="steps-mid")
ax_zeros.set(xlabel="α (log scale)", ylabel="number of w_j = 0", title="zero coefficients")
for ax in (ax_path, ax_zeros):
    ax.grid(alpha=0.3)
save_figure(fig, "classic-linear-models-lasso-path.svg")
