import numpy as np

from dlref.math.activations import sigmoid
from dlref.math.gradcheck import numerical_gradient

x, y = 1.5, 1.0  # one sample
w1, b1, w2, b2 = 0.8, -0.2, 1.5, 0.3  # parameters

# Forward pass: compute and keep every intermediate value
z1 = w1 * x + b1
h = sigmoid(z1)
y_hat = w2 * h + b2
loss = (y_hat - y) ** 2
print(f"forward : z1 = {z1:.4f}, h = {h:.4f}, ŷ = {y_hat:.4f}, ℓ = {loss:.4f}")

# Local derivatives: each node's output with respect to its inputs
local = {"∂ℓ/∂ŷ": 2 * (y_hat - y), "∂ŷ/∂h": w2, "∂h/∂z1": h * (1 - h), "∂z1/∂w1": x}
print("local   :", ", ".join(f"{k} = {v:.4f}" for k, v in local.items()))

# Backward pass: multiply the local derivatives from the loss back to each parameter
g_yhat = 2 * (y_hat - y)
g_w2, g_b2 = g_yhat * h, g_yhat
g_h = g_yhat * w2
g_z1 = g_h * h * (1 - h)
g_w1, g_b1 = g_z1 * x, g_z1
print(f"backward: ∂ℓ/∂ŷ = {g_yhat:.4f}, ∂ℓ/∂h = {g_h:.4f}, ∂ℓ/∂z1 = {g_z1:.4f}")
grads = np.array([g_w1, g_b1, g_w2, g_b2])
print("gradient (w1, b1, w2, b2):", grads.round(4))


def loss_of(theta):
    w1, b1, w2, b2 = theta
    return (w2 * sigmoid(w1 * x + b1) + b2 - y) ** 2


numerical = numerical_gradient(loss_of, [w1, b1, w2, b2])
print("equals the numerical gradient:", np.allclose(grads, numerical, rtol=1e-7))
