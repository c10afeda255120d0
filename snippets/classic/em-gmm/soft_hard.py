import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Ellipse
from sklearn.metrics import adjusted_rand_score

from dlref.classic import GaussianMixture, KMeans
from dlref.plot import save_figure

rng = np.random.default_rng(0)
X = np.vstack(
    [
        rng.multivariate_normal([0, 0], [[1.0, 0.8], [0.8, 1.0]], 200),
        rng.multivariate_normal([3, -1], [[0.3, 0.0], [0.0, 0.3]], 100),
        rng.multivariate_normal([1, 3], [[1.5, -0.5], [-0.5, 0.5]], 150),
    ]
)
truth = np.repeat([0, 1, 2], [200, 100, 150])

kmeans = KMeans(3, n_init=10, random_state=0).fit(X)
gmm = GaussianMixture(3, n_init=5, random_state=0).fit(X)
resp = gmm.predict_proba(X)  # soft assignment: one probability per component
print(
    f"ARI with the true components: k-means {adjusted_rand_score(truth, kmeans.labels_):.3f},"
    f" GMM {adjusted_rand_score(truth, gmm.predict(X)):.3f}"
)
most_unsure = np.argmin(resp.max(axis=1))
order = np.argsort(gmm.means_[:, 0])  # components in a canonical order: by the mean's x_1
print(
    f"the least certain point, x = {X[most_unsure].round(2)}:"
    f" r = {resp[most_unsure, order].round(3)} (components by mean x_1)"
)
print(f"points with max responsibility < 0.9: {np.sum(resp.max(axis=1) < 0.9)} of {len(X)}")

# tol=0: exactly 60 EM steps, so the curve has the same length on every CPU
random_start = GaussianMixture(3, init="random", tol=0.0, max_iter=60, random_state=0).fit(X)

fig = Figure(figsize=(8.8, 3.8), layout="constrained")
left, right = fig.subplots(1, 2)
left.scatter(*X.T, c=resp.max(axis=1), cmap="viridis", vmin=1 / 3, vmax=1, s=10)
for mean, cov in zip(gmm.means_[order], gmm.covariances_[order], strict=True):
    values, vectors = np.linalg.eigh(cov)
    angle = np.degrees(np.arctan2(vectors[1, 1], vectors[0, 1]))
    for scale in (1, 2):  # ellipses at 1 and 2 standard deviations
        left.add_patch(
            Ellipse(
                mean,
                *(2 * scale * np.sqrt(values[::-1])),
                angle=angle,
                fill=False,
                color="C3",
                linewidth=1,
            )
        )
    left.plot(*mean, "kx")
left.set(title="GMM: 1 and 2 SD ellipses, colour = max r_ik", xlabel="$x_1$", ylabel="$x_2$")
right.plot(np.arange(1, 61), random_start.lower_bounds_, "o-", ms=3)
right.set(title="EM from random responsibilities", xlabel="iteration", ylabel="mean log-likelihood")
right.grid(alpha=0.3)
save_figure(fig, "classic-em-gmm-fit.svg")
