import numpy as np

from dlref.math.activations import sigmoid, softmax
from dlref.math.losses import (
    binary_cross_entropy,
    binary_cross_entropy_grad,
    categorical_cross_entropy,
    categorical_cross_entropy_grad,
)

# Binary: labels y in {0, 1}, predicted probabilities p = σ(z)
y = np.array([1.0, 0.0, 1.0])
z = np.array([2.0, -1.0, -0.5])  # logits
p = sigmoid(z)
by_hand = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
print(
    f"BCE by hand {by_hand:.4f} | dlref {binary_cross_entropy(y, p):.4f}"
    f" | from logits {binary_cross_entropy(y, z, from_logits=True):.4f}"
)
grad_z = binary_cross_entropy_grad(y, z, from_logits=True)
print("∂L/∂z == (σ(z) - y) / n:", np.allclose(grad_z, (p - y) / 3))

# Categorical: 2 samples, 3 classes; integer labels and the same labels one-hot
logits = np.array([[2.0, 1.0, -1.0], [0.5, 2.5, 0.0]])
labels = np.array([0, 2])
one_hot = np.eye(3)[labels]
p = softmax(logits)
print("p =", p.round(3).tolist())
print(
    f"CE by hand {-np.mean(np.log(p[[0, 1], labels])):.4f}"
    f" | one-hot {categorical_cross_entropy(one_hot, p):.4f}"
    f" | integer {categorical_cross_entropy(labels, p):.4f}"
    f" | from logits {categorical_cross_entropy(labels, logits, from_logits=True):.4f}"
)
grad = categorical_cross_entropy_grad(labels, logits, from_logits=True)
print("∂L/∂z == (softmax(z) - y) / n:", np.allclose(grad, (p - one_hot) / 2))
