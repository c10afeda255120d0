import numpy as np

rng = np.random.default_rng(0)
x = rng.normal(size=(5, 4))  # 5 samples, 4 features
W1, b1 = rng.normal(size=(4, 8)), rng.normal(size=8)
W2, b2 = rng.normal(size=(8, 3)), rng.normal(size=3)

two_layers = (x @ W1 + b1) @ W2 + b2  # two linear layers, no activation
W, b = W1 @ W2, b1 @ W2 + b2  # ... are one linear layer
print("same as one layer:", np.allclose(two_layers, x @ W + b))

with_relu = np.maximum(x @ W1 + b1, 0) @ W2 + b2  # with a ReLU in between they are not
print("with ReLU, same as one layer:", np.allclose(with_relu, x @ W + b))
