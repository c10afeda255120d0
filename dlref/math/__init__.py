"""From-scratch NumPy implementations, each checked against Keras, TensorFlow or scikit-learn.

Only NumPy is imported at import time. The submodules, one topic each:

- `dlref.math.activations`: activation functions and their derivatives;
- `dlref.math.losses`: losses and their gradients;
- `dlref.math.gradcheck`: numerical gradients and gradient checks;
- `dlref.math.perceptron`: the neuron and the perceptron rule;
- `dlref.math.layers`: a dense layer and an MLP with hand-written backpropagation;
- `dlref.math.initializers`: Glorot, He and LeCun weight initialisers;
- `dlref.math.optimizers`: SGD (momentum, Nesterov), AdaGrad, RMSProp, Adam;
- `dlref.math.schedules`: learning-rate schedules (step, exponential, cosine, warm-up, 1cycle);
- `dlref.math.regularization`: L1/L2 penalties, dropout, batch normalisation;
- `dlref.math.conv`: convolution, transposed convolution, pooling, output sizes, receptive
  fields;
- `dlref.math.residual`: a plain or residual stack of dense blocks;
- `dlref.math.rnn`: SimpleRNN, LSTM and GRU cells and sequence runners;
- `dlref.math.attention`: attention, masks, multi-head attention, positional encodings, layer
  normalisation and the Transformer encoder block.
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
from dlref.math.attention import (
    FEED_FORWARD_ACTIVATIONS,
    additive_attention,
    causal_mask,
    feed_forward,
    layer_norm,
    masked_softmax,
    merge_heads,
    multi_head_attention,
    padding_mask,
    scaled_dot_product_attention,
    sinusoidal_positional_encoding,
    split_heads,
    transformer_encoder_block,
)
from dlref.math.conv import (
    avg_pool2d,
    conv2d,
    conv2d_transpose,
    conv_output_size,
    conv_transpose_output_size,
    depthwise_conv2d,
    max_pool2d,
    receptive_field,
)
from dlref.math.gradcheck import GradientCheck, gradient_check, numerical_gradient
from dlref.math.initializers import (
    TRUNCATED_STD,
    compute_fans,
    glorot_normal,
    glorot_uniform,
    he_normal,
    he_uniform,
    lecun_normal,
)
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
from dlref.math.schedules import (
    ANNEAL_STRATEGIES,
    cosine_decay,
    exponential_decay,
    one_cycle,
    piecewise_constant,
)

__all__ = [
    "ACTIVATIONS",
    "ANNEAL_STRATEGIES",
    "FEED_FORWARD_ACTIVATIONS",
    "MLP",
    "SGD",
    "TRUNCATED_STD",
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
    "additive_attention",
    "avg_pool2d",
    "binary_cross_entropy",
    "binary_cross_entropy_grad",
    "categorical_cross_entropy",
    "categorical_cross_entropy_grad",
    "causal_mask",
    "compute_fans",
    "conv2d",
    "conv2d_transpose",
    "conv_output_size",
    "conv_transpose_output_size",
    "cosine_decay",
    "depthwise_conv2d",
    "dropout",
    "exponential_decay",
    "feed_forward",
    "gelu",
    "gelu_grad",
    "glorot_normal",
    "glorot_uniform",
    "gradient_check",
    "gru_cell",
    "he_normal",
    "he_uniform",
    "huber",
    "huber_grad",
    "l1_grad",
    "l1_penalty",
    "l2_grad",
    "l2_penalty",
    "layer_norm",
    "leaky_relu",
    "leaky_relu_grad",
    "lecun_normal",
    "log_sum_exp",
    "lstm_cell",
    "mae",
    "mae_grad",
    "masked_softmax",
    "max_pool2d",
    "merge_heads",
    "mse",
    "mse_grad",
    "multi_head_attention",
    "neuron",
    "numerical_gradient",
    "one_cycle",
    "optimize",
    "padding_mask",
    "piecewise_constant",
    "receptive_field",
    "relu",
    "relu_grad",
    "rnn_cell",
    "run_gru",
    "run_lstm",
    "run_rnn",
    "scaled_dot_product_attention",
    "sigmoid",
    "sigmoid_grad",
    "sinusoidal_positional_encoding",
    "softmax",
    "softmax_jacobian",
    "split_heads",
    "swish",
    "swish_grad",
    "tanh",
    "tanh_grad",
    "transformer_encoder_block",
]
