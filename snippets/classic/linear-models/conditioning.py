import numpy as np
from scipy.linalg import solve_triangular

x = np.linspace(0, 1, 50)
X = np.vander(x, 10, increasing=True)  # columns 1, x, x^2, ..., x^9
theta = np.ones(10)
y = X @ theta  # no noise: the exact answer θ = (1, ..., 1) is known

print(f"cond(X)     = {np.linalg.cond(X):.0e}")
print(f"cond(X^T X) = {np.linalg.cond(X.T @ X):.0e}")
Q, R = np.linalg.qr(X)
estimates = {
    "inv(X^T X) X^T y": np.linalg.inv(X.T @ X) @ X.T @ y,
    "solve(X^T X, X^T y)": np.linalg.solve(X.T @ X, X.T @ y),
    "QR: R θ = Q^T y": solve_triangular(R, Q.T @ y),
    "lstsq(X, y)": np.linalg.lstsq(X, y, rcond=None)[0],
}
for name, estimate in estimates.items():
    error = np.max(np.abs(estimate - theta))
    print(f"{name:<20} max |θ̂ - θ| < 1e-6: {error < 1e-6}")
