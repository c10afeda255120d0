"""From-scratch NumPy implementations, each checked against Keras, TensorFlow or scikit-learn.

Only NumPy is imported at import time. The submodules, one topic each:

- `dlref.math.activations`: activation functions and their derivatives;
- `dlref.math.losses`: losses and their gradients;
- `dlref.math.gradcheck`: numerical gradients and gradient checks;
- `dlref.math.perceptron`: the neuron and the perceptron rule;
- `dlref.math.layers`: a dense layer and an MLP with hand-written backpropagation;
- `dlref.math.optimizers`: SGD (momentum, Nesterov), AdaGrad, RMSProp, Adam;
- `dlref.math.regularization`: L1/L2 penalties, dropout, batch normalisation;
- `dlref.math.conv`: convolution, pooling, output sizes, receptive fields;
- `dlref.math.residual`: a plain or residual stack of dense blocks;
- `dlref.math.rnn`: SimpleRNN, LSTM and GRU cells and sequence runners.
"""

from dlref.math.activations import (
    ACTIVATIONS,
    Activation,
    gelu,
    gelu_grad,
    leaky_relu,
    leaky_relu_grad,
    log_sum_exp,
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
from dlref.math.conv import (
    avg_pool2d,
    conv2d,
    conv_output_size,
    depthwise_conv2d,
    max_pool2d,
    receptive_field,
)
from dlref.math.gradcheck import GradientCheck, gradient_check, numerical_gradient
from dlref.math.layers import MLP, Dense
from dlref.math.losses import (
    binary_cross_entropy,
    binary_cross_entropy_grad,
    categorical_cross_entropy,
    categorical_cross_entropy_grad,
    huber,
    huber_grad,
    mae,
    mae_grad,
    mse,
    mse_grad,
)
from dlref.math.optimizers import SGD, AdaGrad, Adam, Optimizer, RMSProp, optimize
from dlref.math.perceptron import Perceptron, neuron
from dlref.math.regularization import (
    BatchNorm,
    dropout,
    l1_grad,
    l1_penalty,
    l2_grad,
    l2_penalty,
)
from dlref.math.residual import DenseStack
from dlref.math.rnn import gru_cell, lstm_cell, rnn_cell, run_gru, run_lstm, run_rnn

__all__ = [
    "ACTIVATIONS",
    "MLP",
    "SGD",
    "Activation",
    "AdaGrad",
    "Adam",
    "BatchNorm",
    "Dense",
    "DenseStack",
    "GradientCheck",
    "Optimizer",
    "Perceptron",
    "RMSProp",
    "avg_pool2d",
    "binary_cross_entropy",
    "binary_cross_entropy_grad",
    "categorical_cross_entropy",
    "categorical_cross_entropy_grad",
    "conv2d",
    "conv_output_size",
    "depthwise_conv2d",
    "dropout",
    "gelu",
    "gelu_grad",
    "gradient_check",
    "gru_cell",
    "huber",
    "huber_grad",
    "l1_grad",
    "l1_penalty",
    "l2_grad",
    "l2_penalty",
    "leaky_relu",
    "leaky_relu_grad",
    "log_sum_exp",
    "lstm_cell",
    "mae",
    "mae_grad",
    "max_pool2d",
    "mse",
    "mse_grad",
    "neuron",
    "numerical_gradient",
    "optimize",
    "receptive_field",
    "relu",
    "relu_grad",
    "rnn_cell",
    "run_gru",
    "run_lstm",
    "run_rnn",
    "sigmoid",
    "sigmoid_grad",
    "softmax",
    "softmax_jacobian",
    "swish",
    "swish_grad",
    "tanh",
    "tanh_grad",
]
