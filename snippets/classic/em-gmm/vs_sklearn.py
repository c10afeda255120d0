import numpy as np
from sklearn.metrics import adjusted_rand_score
from sklearn.mixture import GaussianMixture as SkGaussianMixture

from dlref.classic import GaussianMixture

rng = np.random.default_rng(0)
X = np.vstack(
    [
        rng.multivariate_normal([0, 0], [[1.0, 0.8], [0.8, 1.0]], 200),
        rng.multivariate_normal([3, -1], [[0.3, 0.0], [0.0, 0.3]], 100),
        rng.multivariate_normal([1, 3], [[1.5, -0.5], [-0.5, 0.5]], 150),
    ]
)
# both start from k-means labels (init="kmeans", scikit-learn's default init_params)
ours = GaussianMixture(3, random_state=0).fit(X)
theirs = SkGaussianMixture(3, random_state=0).fit(X)
order = np.argmin(((ours.means_[:, None] - theirs.means_[None]) ** 2).sum(axis=2), axis=1)
print("ARI of the hard assignments:", adjusted_rand_score(ours.predict(X), theirs.predict(X)))
diffs = {
    "means": np.abs(ours.means_ - theirs.means_[order]).max(),
    "weights": np.abs(ours.weights_ - theirs.weights_[order]).max(),
    "covariances": np.abs(ours.covariances_ - theirs.covariances_[order]).max(),
}
for name, diff in diffs.items():
    print(f"{name:>11} equal to 1e-8: {diff < 1e-8}")
print(f"mean log-likelihood: dlref {ours.score(X):.6f}, sklearn {theirs.score(X):.6f}")
assert ours.n_iter_ < 10 and theirs.n_iter_ < 10
print(f"same number of iterations: {ours.n_iter_ == theirs.n_iter_}, fewer than 10")
