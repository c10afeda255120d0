import numpy as np

from dlref.math import glorot_uniform, tanh, tanh_grad

# A 2-8-1 tanh network fitted to y = sin(3 x1) x2 by full-batch gradient descent on the MSE.
rng = np.random.default_rng(0)
x = rng.uniform(-1, 1, size=(200, 2))
y = np.sin(3 * x[:, :1]) * x[:, 1:]


def train(W1, W2, steps=500, lr=0.2):
    b1, b2 = np.zeros(W1.shape[1]), np.zeros(1)
    for _ in range(steps):
        z = x @ W1 + b1
        h = tanh(z)
        error = (h @ W2 + b2 - y) / len(x)  # dL/d(output) for L = mean squared error / 2
        grad_z = (error @ W2.T) * tanh_grad(z)
        W2, b2 = W2 - lr * h.T @ error, b2 - lr * error.sum(0)
        W1, b1 = W1 - lr * x.T @ grad_z, b1 - lr * grad_z.sum(0)
    return W1, float(np.mean((tanh(x @ W1 + b1) @ W2 + b2 - y) ** 2))


inits = {
    "zeros": (np.zeros((2, 8)), np.zeros((8, 1))),
    "all 0.5": (np.full((2, 8), 0.5), np.full((8, 1), 0.5)),
    "Glorot": (glorot_uniform((2, 8), seed=1), glorot_uniform((8, 1), seed=2)),
}
mses = {}
for name, (W1, W2) in inits.items():
    W1, mse = train(W1, W2)
    identical = bool(np.all(W1[:, :1] == W1))  # every hidden unit (column of W1) the same
    print(f"{name:<8} 8 hidden units identical after 500 steps: {identical!s:<5}  MSE {mse:.4f}")
    assert identical == (name != "Glorot")
    mses[name] = mse
assert mses["Glorot"] < min(mses["zeros"], mses["all 0.5"]) / 2  # one unit's worth of fit
