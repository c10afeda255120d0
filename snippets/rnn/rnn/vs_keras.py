import keras
import numpy as np

from dlref.math.rnn import rnn_cell, run_rnn

rng = np.random.default_rng(0)
features, units, T = 3, 8, 12
W_x = rng.normal(scale=0.5, size=(units, features)).astype("float32")
W_h = rng.normal(scale=0.3, size=(units, units)).astype("float32")
b = rng.normal(scale=0.1, size=units).astype("float32")
x = rng.normal(size=(4, T, features)).astype("float32")  # (batch, time, features)

# Keras stores the transposes: kernel = W_x^T, recurrent_kernel = W_h^T (rows are samples)
kernel, recurrent_kernel = W_x.T, W_h.T
layer = keras.layers.SimpleRNN(units, return_sequences=True, return_state=True)
layer.build(x.shape)
layer.set_weights([kernel, recurrent_kernel, b])
keras_seq, keras_last = (keras.ops.convert_to_numpy(t) for t in layer(x))

# unrolled by hand: the same cell, with the same weights, at every step
h = np.zeros((4, units), dtype="float32")  # h_0 = 0
steps = []
for t in range(T):
    h = rnn_cell(x[:, t], h, kernel, recurrent_kernel, b)  # tanh(x_t W_x^T + h_{t-1} W_h^T + b)
    steps.append(h)
ours_seq = np.stack(steps, axis=1)

print("output shapes:", ours_seq.shape, h.shape)
print("every step equals Keras (max error < 1e-5):", np.abs(ours_seq - keras_seq).max() < 1e-5)
print("final state equals Keras:", np.abs(h - keras_last).max() < 1e-5)
print("run_rnn gives the same:", np.allclose(run_rnn(x, kernel, recurrent_kernel, b)[0], ours_seq))
