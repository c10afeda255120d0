import numpy as np

from dlref.math import softmax, softmax_jacobian

rng = np.random.default_rng(0)
samples = 20_000
print("d_k   Var(q·k)   Var(q·k / √d_k)")
for d_k in (4, 64, 512):
    q = rng.normal(size=(samples, d_k))  # unit-variance entries
    k = rng.normal(size=(samples, d_k))
    scores = np.sum(q * k, axis=1)  # one score per pair
    print(f"{d_k:<5} {scores.var():>8.3g}   {(scores / np.sqrt(d_k)).var():>8.2f}")
    assert abs(scores.var() / d_k - 1) < 0.05 and abs((scores / np.sqrt(d_k)).var() - 1) < 0.05

# one query against 16 keys: scores with standard deviation 1 (scaled) or √512 (unscaled)
z = rng.normal(size=(2_000, 16))
print("score std   largest weight   largest |∂weight/∂score|")
results = {}
for std in (1.0, np.sqrt(512)):
    weights = softmax(std * z)
    jacobian = softmax_jacobian(std * z)  # J_ij = s_i (δ_ij − s_j)
    largest = weights.max(axis=1).mean()
    gradient = np.abs(jacobian).max(axis=(1, 2)).mean()
    results[std] = largest, gradient
    print(f"{std:>9.1f}   {largest:>14.2f}   {gradient:>10.2g}")
# unscaled scores push the softmax towards one-hot, where its gradient vanishes
assert results[np.sqrt(512)][0] > 0.9 and results[np.sqrt(512)][1] < results[1.0][1] / 3
