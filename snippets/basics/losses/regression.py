import numpy as np

from dlref.math.losses import huber, huber_grad, mae, mae_grad, mse, mse_grad

y_true = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
y_pred = np.array([1.5, 2.0, 2.2, 4.1, 8.0])
print("residuals:", (y_pred - y_true).round(3))
pairs = {"MSE": (mse, mse_grad), "MAE": (mae, mae_grad), "Huber": (huber, huber_grad)}
for name, (loss, grad) in pairs.items():
    print(f"{name:<5}  L = {loss(y_true, y_pred):.3f}   ∂L/∂ŷ = {grad(y_true, y_pred).round(3)}")

# The constant c that minimises each loss, on data with one outlier
y = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 100.0])
grid = np.linspace(0.0, 20.0, 2001)  # candidate values of c, step 0.01
losses = {
    "MSE": mse,
    "MAE": mae,
    "Huber δ=1": huber,
    "Huber δ=20": lambda t, p: huber(t, p, delta=20.0),
}
for name, loss in losses.items():
    best = grid[np.argmin([loss(y, np.full_like(y, c)) for c in grid])]
    print(f"best constant under {name:<10}: {best:.2f}")
print(f"mean = {y.mean():.2f}, median = {np.median(y):.2f}")
