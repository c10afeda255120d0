import numpy as np

from dlref.math import sigmoid, softmax, softmax_jacobian

logits = np.array([1000.0, 1001.0, 1002.0])
with np.errstate(over="ignore", invalid="ignore"):
    naive = np.exp(logits) / np.exp(logits).sum()  # exp(1000) overflows to inf
print("naive :", naive)
print("stable:", softmax(logits).round(4))
print("shift-invariant:", np.allclose(softmax(logits), softmax(logits - 1000)))

J = softmax_jacobian(np.array([1.0, 2.0, 3.0]))
print("Jacobian rows sum to 0:", np.allclose(J.sum(axis=1), 0))

x = np.linspace(-5, 5, 11)  # softmax over [x, 0] is sigmoid(x)
two_class = softmax(np.stack([x, np.zeros_like(x)], axis=-1))[:, 0]
print("softmax([x, 0])[0] == sigmoid(x):", np.allclose(two_class, sigmoid(x)))
