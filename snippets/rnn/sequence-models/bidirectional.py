import keras
import numpy as np

keras.config.set_floatx("float64")  # so that the comparisons below hold to ~1e-12
rng = np.random.default_rng(0)
d, u, T = 3, 4, 7
x = rng.normal(size=(2, T, d))  # (batch, time, features)

bi = keras.layers.Bidirectional(keras.layers.GRU(u, return_sequences=True))
bi.build(x.shape)
bi.set_weights([rng.normal(scale=0.5, size=w.shape) for w in bi.weights])  # biases too
forward = keras.layers.GRU(u, return_sequences=True)
backward = keras.layers.GRU(u, return_sequences=True)
for layer, source in ((forward, bi.forward_layer), (backward, bi.backward_layer)):
    layer.build(x.shape)
    layer.set_weights(source.get_weights())

both = keras.ops.convert_to_numpy(bi(x))
h_forward = keras.ops.convert_to_numpy(forward(x))
# the backward layer reads x_T, ..., x_1; reversing its outputs puts them back in time order
h_backward = keras.ops.convert_to_numpy(backward(x[:, ::-1]))[:, ::-1]
ours = np.concatenate([h_forward, h_backward], axis=-1)
same = np.allclose(both, ours, rtol=0, atol=1e-12)
print("output", both.shape, "equals [forward(x), reversed(backward(reversed(x)))]:", same)
print(f"parameters: {bi.count_params()} = 2 x {forward.count_params()}")
assert same and bi.count_params() == 2 * forward.count_params()

# without return_sequences: the backward half is the backward state at t = 1, not at t = T
last = keras.layers.Bidirectional(keras.layers.GRU(u))
last.build(x.shape)
last.set_weights(bi.get_weights())
expected = np.concatenate([h_forward[:, -1], h_backward[:, 0]], axis=-1)
print(
    "last output = [forward h_T, backward h_1]:",
    np.allclose(keras.ops.convert_to_numpy(last(x)), expected, rtol=0, atol=1e-12),
)

# change only the last input x_T: which outputs move?
x_changed = x.copy()
x_changed[:, -1] += 1.0
diff = np.abs(keras.ops.convert_to_numpy(bi(x_changed)) - both).max(axis=0)  # (T, 2u)
moved_forward, moved_backward = diff[:, :u].max(axis=1) > 1e-9, diff[:, u:].max(axis=1) > 1e-9
print("after changing x_T, forward half moved at t = 1..7: ", moved_forward.astype(int))
print("after changing x_T, backward half moved at t = 1..7:", moved_backward.astype(int))
assert moved_forward.tolist() == [False] * (T - 1) + [True] and moved_backward.all()
