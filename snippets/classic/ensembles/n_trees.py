import numpy as np
from matplotlib.figure import Figure
from sklearn.datasets import make_friedman1

from dlref.classic.ensemble import GradientBoostingRegressor
from dlref.classic.tree import DecisionTreeRegressor
from dlref.plot import save_figure

B = 50
curves = {}  # curves[data][name]: test MSE after 1, 2, ..., B trees
for data in (0, 1):  # two draws of the Friedman #1 data: 10 features, 5 used
    X, y = make_friedman1(n_samples=600, noise=1.0, random_state=data)
    X_train, y_train, X_test, y_test = X[:300], y[:300], X[300:], y[300:]
    n, errors = len(y_train), {}
    for name, max_features in (("bagging", None), ("random forest", 3)):
        rng = np.random.default_rng(0)  # the same bootstrap samples for both
        total, curve = np.zeros(len(y_test)), []
        for b in range(B):  # deep regression trees on bootstrap samples, averaged
            sample = rng.integers(0, n, size=n)
            tree = DecisionTreeRegressor(max_features=max_features, random_state=b)
            total += tree.fit(X_train[sample], y_train[sample]).predict(X_test)
            curve.append(np.mean((y_test - total / (b + 1)) ** 2))
        errors[name] = np.array(curve)
    for rate in (0.1, 1.0):
        boost = GradientBoostingRegressor(n_estimators=B, learning_rate=rate, max_depth=3)
        boost.fit(X_train, y_train)
        staged = boost.staged_predict(X_test)
        errors[f"boosting, rate {rate}"] = np.array([np.mean((y_test - p) ** 2) for p in staged])
    curves[data] = errors
    for name, curve in errors.items():
        print(
            f"data {data}, {name:<19}: test MSE with 1 tree {curve[0]:5.2f}, "
            f"10: {curve[9]:5.2f}, {B}: {curve[-1]:5.2f}"
        )

fig = Figure(figsize=(6.4, 3.8), layout="constrained")
ax = fig.subplots()
for name, curve in curves[0].items():
    ax.plot(np.arange(1, B + 1), curve, label=name)
ax.set(
    xlabel="number of trees",
    ylabel="test MSE",
    ylim=(0, 28),
    title="Friedman #1: test error against the number of trees",
)
ax.grid(alpha=0.3)
ax.legend()
save_figure(fig, "classic-ensembles-n-trees.svg")

for errors in curves.values():  # every claim below holds on both draws of the data
    bag, forest = errors["bagging"], errors["random forest"]
    slow, fast = errors["boosting, rate 0.1"], errors["boosting, rate 1.0"]
    for curve in (bag, forest):  # averaging: most of the gain within 10 trees, then flat
        assert curve[0] - curve[9] > 0.8 * (curve[0] - curve[-1])
        assert all(curve[b] < curve[:b].min() + 0.5 for b in range(10, B))
    assert slow[0] > bag[0] + 5 and slow[-1] < bag[-1] - 0.5  # boosting: less bias, tree by tree
    assert forest[-1] > bag[-1] + 0.5  # with 5 of 10 features noise, max_features=3 hurts here
    assert fast[0] < slow[0] - 5 and fast.argmin() < 10 and fast[-1] > fast.min() + 0.5
    assert fast[-1] > slow[-1] + 2  # rate 1.0: a fast start, then later trees fit the noise
