import numpy as np

from dlref.math import cosine_decay

# Least squares with noisy targets, fitted by minibatch SGD: 500 steps of batch 10.
rng = np.random.default_rng(0)
n, d, steps, batch = 2000, 20, 500, 10
X = rng.normal(size=(n, d)) * np.linspace(0.1, 1.5, d)  # feature scales 0.1 ... 1.5
y = X @ rng.normal(size=d) + rng.normal(0.0, 1.0, size=n)
best_loss = np.mean((X @ np.linalg.lstsq(X, y, rcond=None)[0] - y) ** 2) / 2
batches = np.random.default_rng(1).integers(0, n, size=(steps, batch))  # the same for every run


def excess_loss(rates):
    """Training loss after SGD with rates[t] at step t, minus the least-squares minimum."""
    w = np.zeros(d)
    for rate, idx in zip(rates, batches, strict=True):
        w -= rate * X[idx].T @ (X[idx] @ w - y[idx]) / batch
    return np.mean((X @ w - y) ** 2) / 2 - best_loss


peak = 0.1
constant = {eta: excess_loss(np.full(steps, eta)) for eta in (0.2, 0.1, 0.05, 0.02, 0.01)}
cosine = excess_loss(cosine_decay(np.arange(steps), peak, steps))
for eta, loss in constant.items():
    print(f"constant η = {eta:<5} excess loss {loss:.4f}")
print(f"cosine from {peak}   excess loss {cosine:.4f}")
best = min(constant.values())
print(f"cosine below the best constant: {cosine < best}, below half of it: {cosine < best / 2}")
assert cosine < best / 2 and cosine < constant[peak] / 2
