import numpy as np
from scipy.stats import multivariate_normal

from dlref.classic import GaussianMixture

rng = np.random.default_rng(0)
X = np.vstack(
    [
        rng.multivariate_normal([0, 0], [[1.0, 0.8], [0.8, 1.0]], 200),
        rng.multivariate_normal([3, -1], [[0.3, 0.0], [0.0, 0.3]], 100),
        rng.multivariate_normal([1, 3], [[1.5, -0.5], [-0.5, 0.5]], 150),
    ]
)
gmm = GaussianMixture(3, init="random", tol=1e-6, max_iter=500, random_state=0).fit(X)
history = np.array(gmm.lower_bounds_)  # mean log-likelihood (1/n) log p(X) at each E step
# (how many iterations it takes is not printed: that count depends on the last bits of floats)
print(f"converged within 500 iterations: {gmm.converged_}")
print("mean log-likelihood, first 5:", history[:5].round(4))
print(f"mean log-likelihood, last: {history[-1]:.4f}")
print("never decreases:", bool(np.all(np.diff(history) >= -1e-12)))

# E step by the formula: r_ik = pi_k N(x_i | mu_k, Sigma_k) / sum_j pi_j N(x_i | mu_j, Sigma_j)
weighted = np.column_stack(
    [
        w * multivariate_normal(m, S).pdf(X)
        for w, m, S in zip(gmm.weights_, gmm.means_, gmm.covariances_, strict=True)
    ]
)
resp = weighted / weighted.sum(axis=1, keepdims=True)
print("responsibilities match predict_proba:", np.allclose(resp, gmm.predict_proba(X)))
print(
    "log-likelihood matches score:", np.isclose(np.log(weighted.sum(axis=1)).mean(), gmm.score(X))
)

# M step by the formulas, from these responsibilities
Nk = resp.sum(axis=0)
pi = Nk / len(X)
mu = resp.T @ X / Nk[:, None]
print("weights pi_k =", pi.round(3), "sum to 1:", np.isclose(pi.sum(), 1.0))
print("means mu_k =", mu.round(2).tolist())
print(
    "at convergence one more EM step hardly moves the means (atol=1e-3):",
    np.allclose(mu, gmm.means_, atol=1e-3),
)
