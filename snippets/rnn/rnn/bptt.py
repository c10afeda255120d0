import keras
import numpy as np
import tensorflow as tf

from dlref.math.rnn import run_rnn

rng = np.random.default_rng(0)
x = rng.normal(size=(5, 15, 3)).astype("float32")  # (batch, time, features)
y = rng.normal(size=(5, 4)).astype("float32")  # a target for the final state
layer = keras.layers.SimpleRNN(4)
layer.build(x.shape)
K, U, b = layer.get_weights()  # K = W_x^T, U = W_h^T (row-vector layout)

# forward pass, keeping every state; loss L = mean over the batch of ½‖h_T − y‖²
h, h_T = run_rnn(x, K, U, b)
N, T = x.shape[:2]
h_prev = np.concatenate([np.zeros((N, 1, 4), "float32"), h[:, :-1]], axis=1)  # h_{t-1}

# backward pass through time
dK, dU, db = np.zeros_like(K), np.zeros_like(U), np.zeros_like(b)
delta = (h_T - y) / N  # ∂L/∂h_T
for t in reversed(range(T)):
    g = delta * (1 - h[:, t] ** 2)  # ∂L/∂a_t, through tanh
    dK += x[:, t].T @ g
    dU += h_prev[:, t].T @ g
    db += g.sum(axis=0)
    delta = g @ U.T  # ∂L/∂h_{t-1}: the loss only reads h_T, so nothing else is added

with tf.GradientTape() as tape:
    loss = tf.reduce_mean(0.5 * tf.reduce_sum((layer(x) - y) ** 2, axis=1))
tape_grads = tape.gradient(loss, layer.trainable_weights)  # kernel, recurrent_kernel, bias
names = ("kernel", "recurrent_kernel", "bias")
for name, ours, theirs in zip(names, (dK, dU, db), tape_grads, strict=True):
    print(f"{name:<17} BPTT equals GradientTape: {np.allclose(ours, theirs, atol=1e-6)}")
