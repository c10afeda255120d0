import keras
import numpy as np

from dlref.math import gelu, leaky_relu, relu, sigmoid, softmax, swish, tanh

x = np.random.default_rng(0).normal(scale=4.0, size=(64, 10)).astype("float32")
pairs = {
    "sigmoid": (sigmoid(x), keras.activations.sigmoid(x)),
    "tanh": (tanh(x), keras.activations.tanh(x)),
    "relu": (relu(x), keras.activations.relu(x)),
    "leaky_relu": (leaky_relu(x), keras.activations.leaky_relu(x)),
    "swish": (swish(x), keras.activations.silu(x)),
    "gelu": (gelu(x), keras.activations.gelu(x, approximate=False)),
    "softmax": (softmax(x), keras.activations.softmax(x)),
}
for name, (ours, theirs) in pairs.items():
    error = np.max(np.abs(ours - keras.ops.convert_to_numpy(theirs)))
    print(f"{name:<10} max |dlref - keras| < 1e-6: {error < 1e-6}")
