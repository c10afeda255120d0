import numpy as np
from matplotlib.figure import Figure
from sklearn.linear_model import HuberRegressor as SkHuberRegressor

from dlref.classic.linear import HuberRegressor, LinearRegression
from dlref.plot import save_figure

rng = np.random.default_rng(0)
x = rng.uniform(0, 10, 100)
y = 2.0 + 3.0 * x + rng.normal(scale=1.0, size=100)  # true b = 2, w = 3
outliers = np.argsort(x)[-10:]  # the 10 points with the largest x ...
y[outliers] -= rng.uniform(20, 40, size=10)  # ... are moved down by 20 to 40
X = x[:, None]

models = {"least squares": LinearRegression().fit(X, y), "Huber": HuberRegressor().fit(X, y)}
for name, model in models.items():
    w, b = model.coef_[0], model.intercept_
    print(f"{name:<13}: w = {w:.2f} (error {abs(w - 3):.2f}), b = {b:.2f} (error {abs(b - 2):.2f})")
ours, theirs = models["Huber"], SkHuberRegressor().fit(X, y)
print(
    "Huber: dlref == scikit-learn (atol=1e-4):",
    np.allclose(ours.coef_, theirs.coef_, atol=1e-4)
    and np.isclose(ours.intercept_, theirs.intercept_, atol=1e-4),
)

fig = Figure(figsize=(6.4, 3.8), layout="constrained")
ax = fig.subplots()
inlier = np.ones(len(x), dtype=bool)
inlier[outliers] = False
ax.scatter(x[inlier], y[inlier], s=10, color="0.5", label="data")
ax.scatter(x[outliers], y[outliers], s=18, color="C3", marker="x", label="outliers")
grid = np.array([0.0, 10.0])
ax.plot(grid, 2 + 3 * grid, "k--", linewidth=1, label="true line")
for (name, model), color in zip(models.items(), ("C1", "C0"), strict=True):
    ax.plot(grid, model.predict(grid[:, None]), color=color, label=name)
ax.set(xlabel="x", ylabel="y", title="10 outliers pull least squares, much less Huber")
ax.grid(alpha=0.3)
ax.legend(fontsize="small")
save_figure(fig, "classic-linear-models-huber.svg")
