import numpy as np
from matplotlib.figure import Figure

from dlref.plot import save_figure

rng = np.random.default_rng(0)
x = rng.uniform(0, 2, size=100)
y = 1.0 + 2.0 * x + rng.normal(scale=0.5, size=100)  # true intercept 1, slope 2
X = np.c_[np.ones_like(x), x]  # a column of ones carries the intercept θ0


def loss(theta):
    return 0.5 * np.mean((X @ theta - y) ** 2)


def gradient(theta):
    return X.T @ (X @ theta - y) / len(y)


theta, eta = np.zeros(2), 0.3
path = [theta.copy()]
for step in range(1, 201):
    theta = theta - eta * gradient(theta)
    path.append(theta.copy())
    if step in (1, 2, 5, 20, 200):
        print(f"step {step:>3}: θ = {theta.round(3)}, J = {loss(theta):.4f}")
best, *_ = np.linalg.lstsq(X, y, rcond=None)
print("least squares:", best.round(3))

path = np.array(path)
t0, t1 = np.meshgrid(np.linspace(-0.5, 2.5, 120), np.linspace(-0.5, 3.0, 120))
J = 0.5 * np.mean((t0[..., None] + t1[..., None] * x - y) ** 2, axis=-1)
fig = Figure(figsize=(9.5, 3.8), layout="constrained")
ax_path, ax_fit = fig.subplots(1, 2)
ax_path.contour(t0, t1, J, levels=np.geomspace(0.1, 8, 12), cmap="viridis", linewidths=0.8)
ax_path.plot(*path.T, "o-", color="C3", markersize=2.5, linewidth=1)
ax_path.plot(*best, "k*", markersize=10)
ax_path.set(xlabel="θ₀ (intercept)", ylabel="θ₁ (slope)", title="gradient descent from (0, 0)")
ax_fit.scatter(x, y, s=8, color="0.5")
for step in (1, 5, 20, 200):
    ax_fit.plot([0, 2], path[step][0] + path[step][1] * np.array([0, 2]), label=f"step {step}")
ax_fit.set(xlabel="x", ylabel="y", title="the fitted line as it learns")
ax_fit.legend(fontsize="small")
save_figure(fig, "basics-gradient-descent-line.svg")
