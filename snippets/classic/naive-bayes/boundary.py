import numpy as np
from sklearn.naive_bayes import GaussianNB as SkGaussianNB

from dlref.classic.naive_bayes import GaussianNB
from dlref.plot import plot_decision_boundary, save_figure

rng = np.random.default_rng(0)
# class 0: a wide cloud; class 1: a narrow cloud inside it, to the right
X = np.vstack(
    [rng.normal([0, 0], [2.0, 1.5], size=(150, 2)), rng.normal([1.5, 0], [0.5, 0.6], size=(100, 2))]
)
y = np.repeat([0, 1], [150, 100])

ours = GaussianNB().fit(X, y)
theirs = SkGaussianNB().fit(X, y)
print("class means:", ours.theta_.round(2).tolist())
print("class variances:", ours.var_.round(2).tolist())
g0, g1 = np.meshgrid(np.linspace(-6, 6, 200), np.linspace(-5, 5, 200))
grid = np.c_[g0.ravel(), g1.ravel()]
print(
    "same predictions on a 200 x 200 grid:",
    np.array_equal(ours.predict(grid), theirs.predict(grid)),
)
close = np.allclose(ours.predict_proba(grid), theirs.predict_proba(grid), rtol=1e-6, atol=1e-10)
print("same probabilities on the grid (rtol=1e-6, atol=1e-10):", close)
print(f"training accuracy {ours.score(X, y):.3f}")

fig = plot_decision_boundary(lambda points: ours.predict_proba(points)[:, 1], X, y)
fig.axes[0].set_title("Gaussian naive Bayes: a quadratic boundary")
save_figure(fig, "classic-naive-bayes-boundary.svg")
