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


losses = {}
for alpha in (0.0, 0.1, 0.5):
    losses[alpha] = excess_loss(cosine_decay(np.arange(steps), 0.1, steps, alpha=alpha))
    print(f"cosine from 0.1, alpha = {alpha}: excess loss {losses[alpha]:.4f}")
assert losses[0.1] < losses[0.0] < losses[0.5]  # a small floor beats 0 here; a large one loses
