import numpy as np
from sklearn.datasets import make_blobs
from sklearn.svm import SVC

from dlref.classic import LinearSVM
from dlref.plot import plot_decision_boundary, save_figure

X, y = make_blobs(60, centers=[[-2, -2], [2, 2]], cluster_std=0.9, random_state=0)
ours = LinearSVM(hard_margin=True).fit(X, y)
theirs = SVC(kernel="linear", C=1e8, tol=1e-6).fit(X, y)  # a huge C approximates the hard margin

w, b = ours.coef_, ours.intercept_
w_ref, b_ref = theirs.coef_.ravel(), theirs.intercept_[0]
print("dlref  w =", w.round(4), " b =", round(b, 4))
print("sklearn w =", w_ref.round(4), " b =", round(b_ref, 4))
print("same w, b (atol=1e-3):", np.allclose(w, w_ref, atol=1e-3) and abs(b - b_ref) < 1e-3)
print(
    "support vectors:",
    ours.support_,
    "same as sklearn:",
    np.array_equal(np.sort(ours.support_), np.sort(theirs.support_)),
)
signs = np.where(y == 1, 1.0, -1.0)
functional = signs * ours.decision_function(X)  # y_i f(x_i)
print(f"min y_i f(x_i) = {functional.min():.4f}, margin 2/||w|| = {ours.margin_:.3f}")
alpha = np.abs(ours.dual_coef_)
print(
    "w = sum alpha_i y_i x_i:",
    np.allclose(ours.dual_coef_ @ X, w),
    "| sum alpha_i y_i =",
    round(abs(ours.dual_coef_.sum()), 8),
    "| nonzero alpha:",
    np.flatnonzero(alpha > 1e-8),
)

fig = plot_decision_boundary(ours.predict, X, y)
ax = fig.axes[0]
gx, gy = np.meshgrid(np.linspace(*ax.get_xlim(), 200), np.linspace(*ax.get_ylim(), 200))
scores = ours.decision_function(np.column_stack([gx.ravel(), gy.ravel()])).reshape(gx.shape)
ax.contour(
    gx, gy, scores, levels=[-1, 0, 1], colors="k", linestyles=["--", "-", "--"], linewidths=1
)
ax.scatter(
    *ours.support_vectors_.T, s=120, facecolors="none", edgecolors="k", label="support vectors"
)
ax.set_title(f"hard margin: margin 2/||w|| = {ours.margin_:.2f}")
ax.legend(loc="upper left", fontsize="small")
save_figure(fig, "classic-svm-hard-margin.svg")
