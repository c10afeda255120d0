import numpy as np
from matplotlib.figure import Figure
from sklearn.datasets import load_diabetes

from dlref.classic.linear import Ridge
from dlref.classic.preprocessing import StandardScaler
from dlref.plot import save_figure

data = load_diabetes()
X, y = StandardScaler().fit_transform(data.data), data.target
alphas = np.geomspace(1e-2, 1e5, 60)
path = np.array([Ridge(alpha).fit(X, y).coef_ for alpha in alphas])

fig = Figure(figsize=(6.4, 3.8), layout="constrained")
ax = fig.subplots()
for j, name in enumerate(data.feature_names):
    ax.semilogx(alphas, path[:, j], label=name)
ax.axhline(0, color="0.5", linewidth=0.8)
ax.set(xlabel="α (log scale)", ylabel="coefficient w_j")
ax.set_title("ridge: coefficients shrink smoothly, none is exactly 0")
ax.grid(alpha=0.3)
ax.legend(ncol=2, fontsize="x-small")
save_figure(fig, "classic-linear-models-ridge-path.svg")
