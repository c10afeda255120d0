import numpy as np

from dlref.math.losses import (
    EPSILON,
    binary_cross_entropy,
    binary_cross_entropy_grad,
    categorical_cross_entropy,
)

# Binary cross-entropy from logits z, naively through p = σ(z), and stably
z = np.array([-800.0, -40.0, 0.0, 40.0, 800.0])
y = np.array([0.0, 1.0, 1.0, 0.0, 1.0])
with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
    p = 1 / (1 + np.exp(-z))  # σ(40) rounds to 1.0, σ(-800) to 0.0
    naive = -(y * np.log(p) + (1 - y) * np.log(1 - p))
print("naive :", naive.round(4))
print("stable:", (np.logaddexp(0.0, z) - y * z).round(4))  # softplus(z) - y z
print(f"mean, dlref from logits: {binary_cross_entropy(y, z, from_logits=True):.3f}")

# From probabilities, p is clipped to [ε, 1 - ε] as in Keras: the loss is capped, the slope is 0
loss = binary_cross_entropy([1.0], [0.0])
slope = binary_cross_entropy_grad([1.0], [0.0])[0]
print(f"y = 1, p = 0: loss {loss:.3f} = -log({EPSILON:g}), slope {slope}")

# Categorical cross-entropy of logits with true class 1
logits = np.array([[1000.0, 0.0, -1000.0]])
with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
    naive_softmax = np.exp(logits) / np.exp(logits).sum()
    shifted = np.exp(logits - logits.max()) / np.exp(logits - logits.max()).sum()
print("naive softmax:", naive_softmax, "| shifted softmax:", shifted)
with np.errstate(divide="ignore"):
    print("-log(shifted softmax)[1]:", -np.log(shifted[0, 1]))
lse = logits.max() + np.log(np.sum(np.exp(logits - logits.max())))
print(
    "log-sum-exp - z[1]:",
    lse - logits[0, 1],
    "| dlref:",
    categorical_cross_entropy([1], logits, from_logits=True),
)
