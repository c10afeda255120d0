import numpy as np

from dlref.math.activations import softmax, softmax_jacobian

z = np.array([2.0, 1.0, -1.0])  # logits of one sample
y = np.array([0.0, 1.0, 0.0])  # one-hot label
p = softmax(z)
grad_p = -y / p  # ∂ℓ/∂p for ℓ = -Σ y_k log p_k
grad_z = softmax_jacobian(z).T @ grad_p  # chain rule through softmax: Jᵀ ∂ℓ/∂p
print("Jᵀ(-y/p) =", grad_z.round(4))
print("p - y    =", (p - y).round(4))
