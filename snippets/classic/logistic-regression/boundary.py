import numpy as np
from sklearn.datasets import load_iris, make_classification
from sklearn.linear_model import LogisticRegression as SkLogisticRegression

from dlref.classic.linear import LogisticRegression
from dlref.plot import plot_decision_boundary, save_figure

Xb, yb = make_classification(
    n_samples=200,
    n_features=2,
    n_redundant=0,
    n_clusters_per_class=1,
    class_sep=0.8,
    random_state=1,
)
binary = LogisticRegression().fit(Xb, yb)
iris = load_iris()
X = iris.data[:, 2:]  # petal length and width, as above
softmax = LogisticRegression().fit(X, iris.target)

# the same predictions as scikit-learn on a 200 x 200 grid over each plot
for model, data, y in ((binary, Xb, yb), (softmax, X, iris.target)):
    lo, hi = data.min(axis=0) - 0.5, data.max(axis=0) + 0.5
    g0, g1 = np.meshgrid(np.linspace(lo[0], hi[0], 200), np.linspace(lo[1], hi[1], 200))
    grid = np.c_[g0.ravel(), g1.ravel()]
    same = np.array_equal(model.predict(grid), SkLogisticRegression().fit(data, y).predict(grid))
    print(f"{len(model.classes_)} classes: same predictions on the grid as scikit-learn: {same}")

fig = plot_decision_boundary(lambda points: binary.predict_proba(points)[:, 1], Xb, yb)
ax = fig.axes[0]
g0, g1 = np.meshgrid(np.linspace(*ax.get_xlim(), 200), np.linspace(*ax.get_ylim(), 200))
p = binary.predict_proba(np.c_[g0.ravel(), g1.ravel()])[:, 1].reshape(g0.shape)
lines = ax.contour(g0, g1, p, levels=[0.1, 0.5, 0.9], colors="k", linewidths=[0.6, 1.5, 0.6])
ax.clabel(lines, fmt="p=%.1f", fontsize="x-small")
ax.set_title("two classes: boundary where σ(w·x + b) = 0.5")
save_figure(fig, "classic-logistic-regression-boundary.svg")

fig = plot_decision_boundary(softmax.predict, X, iris.target)
ax = fig.axes[0]
ax.set(title="three classes: argmax softmax(Wx + b)", xlabel="petal length (cm)")
ax.set_ylabel("petal width (cm)")
save_figure(fig, "classic-logistic-regression-softmax.svg")
