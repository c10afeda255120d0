import keras
import numpy as np

from dlref.math.rnn import gru_cell, lstm_cell, run_gru, run_lstm

rng = np.random.default_rng(0)
d, u, T = 3, 5, 10
x = rng.normal(size=(4, T, d)).astype("float32")  # (batch, time, features)


def random_weights(layer):
    """Give a built layer random weights (biases too) and return them, Keras layout."""
    weights = [rng.normal(scale=0.5, size=w.shape).astype("float32") for w in layer.weights]
    layer.set_weights(weights)
    return weights


lstm = keras.layers.LSTM(u, return_sequences=True, return_state=True)
lstm.build(x.shape)
W, U, b = random_weights(lstm)  # columns in the order i, f, c̃, o
keras_seq, keras_h, keras_c = (keras.ops.convert_to_numpy(t) for t in lstm(x))
h = c = np.zeros((4, u), "float32")
for t in range(T):  # the cell, step by step
    h, c = lstm_cell(x[:, t], h, c, W, U, b)
print(
    "LSTM final h, c equal Keras:",
    np.allclose(h, keras_h, atol=1e-5),
    np.allclose(c, keras_c, atol=1e-5),
)
print("LSTM all steps equal Keras:", np.allclose(run_lstm(x, W, U, b)[0], keras_seq, atol=1e-5))

for reset_after in (True, False):
    gru = keras.layers.GRU(u, return_sequences=True, return_state=True, reset_after=reset_after)
    gru.build(x.shape)
    W, U, b = random_weights(gru)  # columns in the order z, r, h̃; b is (2, 3u) if reset_after
    keras_seq, keras_h = (keras.ops.convert_to_numpy(t) for t in gru(x))
    h = np.zeros((4, u), "float32")
    for t in range(T):
        h = gru_cell(x[:, t], h, W, U, b, reset_after=reset_after)
    ours_seq, _ = run_gru(x, W, U, b, reset_after=reset_after)
    print(
        f"GRU reset_after={reset_after!s:<5} bias {b.shape}: final h equals Keras:",
        np.allclose(h, keras_h, atol=1e-5),
        "| all steps:",
        np.allclose(ours_seq, keras_seq, atol=1e-5),
    )
