import numpy as np

from dlref.math.activations import sigmoid, sigmoid_grad
from dlref.math.losses import binary_cross_entropy, binary_cross_entropy_grad, mse_grad

# A confidently wrong prediction (y = 1, z = -10): the slope that reaches the logit
y1, z1 = np.array([1.0]), np.array([-10.0])
mse_slope = mse_grad(y1, sigmoid(z1)) * sigmoid_grad(z1)  # chain rule through σ
bce_slope = binary_cross_entropy_grad(y1, z1, from_logits=True)
print(f"∂L/∂z at z = -10: MSE on σ(z) {mse_slope[0]:.1e} | BCE {bce_slope[0]:.4f}")

# Cross-entropy reaches 0 only for hard (one-hot) targets: for a soft target q its minimum,
# at p = q, is the entropy of q
entropy = -(0.7 * np.log(0.7) + 0.3 * np.log(0.3))
print(f"BCE(q=0.7, p=0.7) = {binary_cross_entropy([0.7], [0.7]):.4f} = H(0.7) = {entropy:.4f}")

# A lower loss does not mean a higher accuracy: four samples, all of class 1
y4 = np.ones(4)
for name, p4 in (("A", [0.51, 0.51, 0.51, 0.51]), ("B", [0.99, 0.99, 0.4, 0.4])):
    accuracy = np.mean((np.array(p4) > 0.5) == y4)
    print(f"{name}: BCE {binary_cross_entropy(y4, p4):.3f}, accuracy {accuracy:.2f}")
