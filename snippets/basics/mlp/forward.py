import keras
import numpy as np

from dlref.math import relu, softmax

keras.utils.set_random_seed(0)
model = keras.Sequential(
    [
        keras.Input((64,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ]
)
x = np.random.default_rng(0).normal(size=(5, 64)).astype("float32")

(W1, b1), (W2, b2), (W3, b3) = (layer.get_weights() for layer in model.layers)
h1 = relu(x @ W1 + b1)  # (5, 32)
h2 = relu(h1 @ W2 + b2)  # (5, 16)
y_hat = softmax(h2 @ W3 + b3)  # (5, 10), each row sums to 1

print("shapes:", h1.shape, h2.shape, y_hat.shape)
error = np.max(np.abs(y_hat - model.predict(x, verbose=0)))
print("NumPy forward pass equals Keras (max error < 1e-6):", error < 1e-6)
print("rows sum to 1:", np.allclose(y_hat.sum(axis=1), 1.0))
