import numpy as np

from dlref.math.gradcheck import gradient_check
from dlref.math.layers import MLP

rng = np.random.default_rng(0)
X = rng.normal(size=(16, 4))  # float64
y = rng.integers(0, 3, size=16)
mlp = MLP((4, 5, 3), activation="tanh", seed=0)  # smooth activation: no kinks

loss, grads = mlp.loss_and_gradients(X, y)  # hand-written backprop
print(f"loss {loss:.4f}")
for name, param, grad in zip(("W1", "b1", "W2", "b2"), mlp.params, grads, strict=True):
    # numerical_gradient perturbs each entry of the parameter array in place
    check = gradient_check(lambda _: mlp.loss(X, y), lambda _, g=grad: g, param)
    print(f"{name} {param.shape!s:<7} relative error < 1e-7: {check.relative_error < 1e-7}")
