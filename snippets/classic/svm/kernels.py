import numpy as np
from sklearn.svm import SVC

from dlref.classic import LinearSVM
from dlref.data import make_circles, make_moons
from dlref.plot import plot_decision_boundary, save_figure


def phi(X):
    """Explicit features of the kernel k(x, z) = (x.z + 1)^2 for 2-D inputs."""
    x1, x2 = X[:, 0], X[:, 1]
    r2 = np.sqrt(2.0)
    return np.column_stack([np.ones(len(X)), r2 * x1, r2 * x2, x1**2, x2**2, r2 * x1 * x2])


X, y = make_circles(200, noise=0.1, factor=0.4, seed=0)
X = X.astype(np.float64)
print("k(x, z) == phi(x).phi(z):", np.allclose((X @ X.T + 1) ** 2, phi(X) @ phi(X).T))
linear = LinearSVM(C=1.0).fit(X, y)
in_features = LinearSVM(C=1.0).fit(phi(X), y)  # dlref: a linear SVM on 6 explicit features
kernel = SVC(kernel="poly", degree=2, gamma=1.0, coef0=1.0, C=1.0, tol=1e-6).fit(X, y)
print(f"circles, linear SVM on x:             train acc {linear.score(X, y):.3f}")
print(f"circles, dlref LinearSVM on phi(x):   train acc {in_features.score(phi(X), y):.3f}")
print(f"circles, sklearn SVC, poly kernel:    train acc {kernel.score(X, y):.3f}")
print(
    "same decision function (atol=1e-3):",
    np.allclose(in_features.decision_function(phi(X)), kernel.decision_function(X), atol=1e-3),
)

# scikit-learn's RBF-kernel SVM on the moons: f(x) = sum_i alpha_i y_i k(x_i, x) + b
Xm, ym = make_moons(200, noise=0.15, seed=0)
Xm = Xm.astype(np.float64)
rbf = SVC(kernel="rbf", gamma=1.0, C=1.0).fit(Xm, ym)
sq = ((Xm[:, None, :] - rbf.support_vectors_[None]) ** 2).sum(axis=2)
by_hand = np.exp(-1.0 * sq) @ rbf.dual_coef_.ravel() + rbf.intercept_[0]
print(f"moons, dlref LinearSVM:   train acc {LinearSVM(C=1.0).fit(Xm, ym).score(Xm, ym):.3f}")
print(
    f"moons, sklearn RBF SVC:   train acc {rbf.score(Xm, ym):.3f}, "
    f"{len(rbf.support_)} support vectors"
)
print(
    "f(x) from the kernel expansion == decision_function:",
    np.allclose(by_hand, rbf.decision_function(Xm)),
)

fig = plot_decision_boundary(rbf.predict, Xm, ym)
ax = fig.axes[0]
gx, gy = np.meshgrid(np.linspace(*ax.get_xlim(), 200), np.linspace(*ax.get_ylim(), 200))
scores = rbf.decision_function(np.column_stack([gx.ravel(), gy.ravel()])).reshape(gx.shape)
ax.contour(
    gx, gy, scores, levels=[-1, 0, 1], colors="k", linestyles=["--", "-", "--"], linewidths=1
)
ax.scatter(*rbf.support_vectors_.T, s=60, facecolors="none", edgecolors="k", linewidths=0.6)
ax.set_title("scikit-learn SVC(kernel='rbf', gamma=1, C=1)")
save_figure(fig, "classic-svm-rbf-moons.svg")
