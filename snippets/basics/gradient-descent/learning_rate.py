import numpy as np

rng = np.random.default_rng(0)
x = rng.uniform(0, 2, size=100)
y = 1.0 + 2.0 * x + rng.normal(scale=0.5, size=100)
X = np.c_[np.ones_like(x), x]

hessian = X.T @ X / len(y)  # J is quadratic: its curvature is this constant matrix
largest = np.linalg.eigvalsh(hessian).max()
print(f"λ_max = {largest:.3f}: gradient descent is stable for η < 2/λ_max = {2 / largest:.3f}")

for eta in (0.01, 0.3, 0.8, 0.85):
    theta = np.zeros(2)
    for _ in range(50):
        theta -= eta * X.T @ (X @ theta - y) / len(y)
    J = 0.5 * np.mean((X @ theta - y) ** 2)
    print(f"η = {eta:<4}: J after 50 steps = {J:.4g}")
