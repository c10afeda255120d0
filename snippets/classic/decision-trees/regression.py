import numpy as np
from matplotlib.figure import Figure
from sklearn.tree import DecisionTreeRegressor as SkDecisionTreeRegressor

from dlref.classic.tree import DecisionTreeRegressor
from dlref.plot import save_figure

rng = np.random.default_rng(0)
x = np.sort(rng.uniform(0, 5, 80))
y = np.sin(x) + rng.normal(scale=0.2, size=80)
X, grid = x[:, None], np.linspace(0, 5, 500)[:, None]

# the best root split by hand: largest drop in variance (= in squared error)
best = max(
    (np.var(y) - (k * np.var(y[:k]) + (80 - k) * np.var(y[k:])) / 80, (x[k - 1] + x[k]) / 2)
    for k in range(1, 80)
)
print(
    f"by hand: split at x <= {best[1]:.3f}, variance {np.var(y):.4f} -> {np.var(y) - best[0]:.4f}"
)
stump = DecisionTreeRegressor(max_depth=1).fit(X, y).tree_
left, right = stump.left[0], stump.right[0]
n = stump.n_node_samples
children = (n[left] * stump.impurity[left] + n[right] * stump.impurity[right]) / n[0]
root = f"x <= {stump.threshold[0]:.3f}, variance {stump.impurity[0]:.4f}"
print(f"dlref  : split at {root} -> {children:.4f}")

fig = Figure(figsize=(6.4, 3.6), layout="constrained")
ax = fig.subplots()
ax.scatter(x, y, s=10, color="0.5", label="data")
for depth, color in ((2, "C0"), (5, "C1")):
    ours = DecisionTreeRegressor(max_depth=depth).fit(X, y)
    theirs = SkDecisionTreeRegressor(max_depth=depth, random_state=0).fit(X, y)
    same = np.allclose(ours.predict(grid), theirs.predict(grid), atol=1e-10)
    print(f"max_depth={depth}: {ours.get_n_leaves()} leaves, same as scikit-learn: {same}")
    ax.step(grid[:, 0], ours.predict(grid), where="mid", color=color, label=f"max_depth={depth}")
ax.set(xlabel="x", ylabel="y", title="a regression tree predicts the mean of each leaf")
ax.grid(alpha=0.3)
ax.legend()
save_figure(fig, "classic-decision-trees-regression.svg")
