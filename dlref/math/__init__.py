"""From-scratch NumPy implementations, each checked against Keras or TensorFlow in the tests.

Only NumPy is imported at import time.
"""

from dlref.math.activations import (
    ACTIVATIONS,
    Activation,
    gelu,
    gelu_grad,
    leaky_relu,
    leaky_relu_grad,
    relu,
    relu_grad,
    sigmoid,
    sigmoid_grad,
    softmax,
    softmax_jacobian,
    swish,
    swish_grad,
    tanh,
    tanh_grad,
)

__all__ = [
    "ACTIVATIONS",
    "Activation",
    "gelu",
    "gelu_grad",
    "leaky_relu",
    "leaky_relu_grad",
    "relu",
    "relu_grad",
    "sigmoid",
    "sigmoid_grad",
    "softmax",
    "softmax_jacobian",
    "swish",
    "swish_grad",
    "tanh",
    "tanh_grad",
]
