import numpy as np

from dlref.math.layers import MLP

rng = np.random.default_rng(0)
X, y = rng.normal(size=(64, 4)), rng.integers(0, 3, size=64)
mlp = MLP((4, 8, 3), seed=0)

_, full = mlp.loss_and_gradients(X, y)  # gradient of the mean loss over all 64 samples
total = [np.zeros_like(p) for p in mlp.params]  # accumulators start at zero
for part in np.split(np.arange(64), 4):  # 4 micro-batches of 16
    _, grads = mlp.loss_and_gradients(X[part], y[part])  # each is a mean over 16 samples
    for t, g in zip(total, grads, strict=True):
        t += g  # accumulate; Dense.backward itself overwrites dW and db on every call
same = all(np.allclose(t, f) for t, f in zip(total, full, strict=True))
print("sum of the 4 micro-batch gradients == full gradient:", same)
same = all(np.allclose(t / 4, f) for t, f in zip(total, full, strict=True))
print("sum / 4 == full gradient:", same)

# Forgetting to reset the accumulators before the next step: the old gradient stays in
for part in np.split(np.arange(64), 4):  # the same 64 samples again, weights unchanged
    _, grads = mlp.loss_and_gradients(X[part], y[part])
    for t, g in zip(total, grads, strict=True):
        t += g
ratio = np.linalg.norm(total[0] / 4) / np.linalg.norm(full[0])
print(f"without the reset, |accumulated W1 gradient| / |true one| = {ratio:.1f}")
