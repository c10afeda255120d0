import numpy as np

from dlref.classic import GaussianMixture

rng = np.random.default_rng(0)
X = np.vstack(
    [
        rng.multivariate_normal([0, 0], [[1.0, 0.8], [0.8, 1.0]], 200),
        rng.multivariate_normal([3, -1], [[0.3, 0.0], [0.0, 0.3]], 100),
        rng.multivariate_normal([1, 3], [[1.5, -0.5], [-0.5, 0.5]], 150),
    ]
)
n, d = X.shape
bics = {}
for K in range(1, 7):
    gmm = GaussianMixture(K, n_init=3, random_state=0).fit(X)
    log_lik = n * gmm.score(X)  # log p(X) = sum_i log p(x_i)
    p = (K - 1) + K * d + K * d * (d + 1) // 2  # weights, means, covariances
    bics[K] = -2 * log_lik + p * np.log(n)
    print(f"K = {K}: log-likelihood {log_lik:8.1f}, parameters {p:2d}, BIC {bics[K]:7.1f}")
print("K with the lowest BIC:", min(bics, key=bics.get))
