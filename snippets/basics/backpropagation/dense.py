import numpy as np

from dlref.math.gradcheck import gradient_check
from dlref.math.layers import Dense

rng = np.random.default_rng(0)
X = rng.normal(size=(8, 4))  # a batch: 8 samples, 4 features (one row per sample)
G = rng.normal(size=(8, 3))  # stands for ∂L/∂A coming from the layers above
layer = Dense(4, 3, activation="tanh", rng=0)


def loss(_):  # any L with ∂L/∂A = G: the sum of G ⊙ A
    return np.sum(G * layer.forward(X))


layer.forward(X)
grad_X = layer.backward(G)  # stores layer.dW, layer.db; returns ∂L/∂X
print("shapes  W", layer.W.shape, "dW", layer.dW.shape, "db", layer.db.shape, "dX", grad_X.shape)

# The same three formulas written out: δ = G ⊙ f'(Z), dW = Xᵀδ, db = Σ δ, dX = δWᵀ
delta = G * (1 - np.tanh(X @ layer.W + layer.b) ** 2)
print(
    "dW == Xᵀδ:",
    np.allclose(layer.dW, X.T @ delta),
    "| dX == δWᵀ:",
    np.allclose(grad_X, delta @ layer.W.T),
)

for name, analytic, array in (
    ("dW", layer.dW, layer.W),
    ("db", layer.db, layer.b),
    ("dX", grad_X, X),
):
    check = gradient_check(loss, lambda _, a=analytic: a, array)  # perturbs array in place
    print(f"{name} agrees with central differences: {check.passed}")
