import numpy as np
from matplotlib.figure import Figure
from sklearn.datasets import make_blobs
from sklearn.svm import SVC

from dlref.classic import LinearSVM
from dlref.plot import save_figure

X, y = make_blobs(150, centers=[[-1, -1], [1, 1]], cluster_std=1.2, random_state=1)
signs = np.where(y == 1, 1.0, -1.0)


def primal(w, b, C):
    """1/2 ||w||^2 + C * sum of hinge losses."""
    return 0.5 * w @ w + C * np.maximum(0.0, 1.0 - signs * (X @ w + b)).sum()


def dual(alpha):
    """sum alpha_i - 1/2 sum_ij alpha_i alpha_j y_i y_j x_i.x_j."""
    v = (alpha * signs) @ X
    return alpha.sum() - 0.5 * v @ v


print("    C  margin  #SV  converged  train acc  same w direction  same objective  primal = dual")
models = {}
for C in [0.01, 0.1, 1.0, 10.0]:
    ours = LinearSVM(C=C).fit(X, y)
    theirs = SVC(kernel="linear", C=C, tol=1e-6).fit(X, y)
    w, w_ref = ours.coef_, theirs.coef_.ravel()
    cosine = w @ w_ref / (np.linalg.norm(w) * np.linalg.norm(w_ref))
    p_ours, p_ref = primal(w, ours.intercept_, C), primal(w_ref, theirs.intercept_[0], C)
    gap = p_ours - dual(np.abs(ours.dual_coef_))
    print(
        f"{C:5g}  {ours.margin_:6.2f}  {len(ours.support_):3d}  {ours.converged_!s:>9}"
        f"  {ours.score(X, y):9.3f}"
        f"  {cosine > 0.9999!s:>16}  {abs(p_ours / p_ref - 1) < 1e-5!s:>14}"
        f"  {abs(gap) / p_ours < 1e-5!s:>13}"
    )
    models[C] = ours

# step counts depend on the floating-point kernels; their ratio does not
assert models[10.0].n_iter_ > 10 * models[0.01].n_iter_

fig = Figure(figsize=(8.4, 3.8), layout="constrained")
grid = np.linspace(X.min() - 0.5, X.max() + 0.5, 200)
gx, gy = np.meshgrid(grid, grid)
for ax, C in zip(fig.subplots(1, 2, sharey=True), [0.01, 10.0], strict=True):
    model = models[C]
    scores = model.decision_function(np.column_stack([gx.ravel(), gy.ravel()])).reshape(gx.shape)
    ax.contourf(gx, gy, scores > 0, levels=[-0.5, 0.5, 1.5], cmap="coolwarm", alpha=0.25)
    ax.contour(
        gx, gy, scores, levels=[-1, 0, 1], colors="k", linestyles=["--", "-", "--"], linewidths=1
    )
    ax.scatter(*X.T, c=y, cmap="coolwarm", edgecolors="k", linewidths=0.4, s=16)
    ax.scatter(*model.support_vectors_.T, s=70, facecolors="none", edgecolors="k", linewidths=0.7)
    ax.set(title=f"C = {C:g}: {len(model.support_)} support vectors", xlabel="$x_1$")
ax.figure.axes[0].set_ylabel("$x_2$")
save_figure(fig, "classic-svm-soft-margin-c.svg")
