import numpy as np

rng = np.random.default_rng(0)
sigma2, rho, draws = 1.0, 0.3, 50_000
for B in (1, 10, 100):
    # B estimators with variance sigma2 and pairwise correlation rho: a shared part plus own noise
    shared = rng.normal(size=(draws, 1))
    own = rng.normal(size=(draws, B))
    estimates = np.sqrt(sigma2) * (np.sqrt(rho) * shared + np.sqrt(1 - rho) * own)
    simulated = estimates.mean(axis=1).var()
    exact = rho * sigma2 + (1 - rho) * sigma2 / B
    print(f"B={B:3d}: variance of the average {simulated:.2f} (formula {exact:.3f})")
    assert abs(simulated - exact) < 0.02
print(f"B -> infinity: rho * sigma^2 = {rho * sigma2:.2f}")
