import keras
import numpy as np
import tensorflow as tf
from matplotlib.figure import Figure

from dlref.plot import save_figure

rng = np.random.default_rng(0)
d, u, T = 2, 16, 60
base = rng.normal(size=(u, u))
base /= np.abs(np.linalg.eigvals(base)).max()  # spectral radius 1; W_h = ρ · base below
W_x, b = rng.normal(scale=0.5, size=(u, d)), rng.normal(scale=0.1, size=u)
x, y = rng.normal(size=(T, d)), rng.uniform(-0.5, 0.5, size=(T, u))  # one sequence, targets


def gradient(W_h, window):
    """Gradient of L = sum_t ½‖h_t − y_t‖², back-propagated only inside windows of `window` steps.

    The state runs through the whole sequence; window = T is full BPTT.
    """
    h = np.zeros((T + 1, u))  # h[0] = 0, h[t] is the state after step t
    for t in range(T):
        h[t + 1] = np.tanh(W_x @ x[t] + W_h @ h[t] + b)
    dW_x, dW_h, db, carry = np.zeros_like(W_x), np.zeros_like(W_h), np.zeros_like(b), np.zeros(u)
    for t in reversed(range(T)):
        g = (h[t + 1] - y[t] + carry) * (1 - h[t + 1] ** 2)  # ∂L/∂a_t
        dW_x += np.outer(g, x[t])
        dW_h += np.outer(g, h[t])
        db += g
        carry = W_h.T @ g if t % window else np.zeros(u)  # the first step of a window: stop
    return np.concatenate([dW_x.ravel(), dW_h.ravel(), db])


def cosine(a, b):
    return a @ b / (np.linalg.norm(a) * np.linalg.norm(b))


# check against Keras: full BPTT is one tape over the sequence; truncated BPTT is what a
# stateful layer does when it is fed the sequence window by window (state kept, tape restarted)
keras.config.set_floatx("float64")  # compare with the NumPy float64 gradients
W_h, window = 0.9 * base, 10
grads = []
for stateful, size in ((False, T), (True, window)):
    layer = keras.layers.SimpleRNN(u, return_sequences=True, stateful=stateful)
    layer.build((1, size, d))
    layer.set_weights([W_x.T, W_h.T, b])  # Keras layout: kernel = W_x^T, recurrent = W_h^T
    total = 0
    for start in range(0, T, size):
        with tf.GradientTape() as tape:
            h = layer(x[None, start : start + size])
            loss = 0.5 * tf.reduce_sum((h - y[None, start : start + size]) ** 2)
        K, U, c = (g.numpy() for g in tape.gradient(loss, layer.trainable_weights))
        total = total + np.concatenate([K.T.ravel(), U.T.ravel(), c])
    grads.append(total)
print("full BPTT by hand equals one GradientTape:", np.allclose(gradient(W_h, T), grads[0]))
print(
    f"window {window} by hand equals a stateful layer fed {window} steps at a time:",
    np.allclose(gradient(W_h, window), grads[1]),
)

windows = np.arange(1, T + 1)
cosines = {}
for rho in (0.9, 1.5, 3.0):
    full = gradient(rho * base, T)
    cosines[rho] = np.array([cosine(gradient(rho * base, k), full) for k in windows])
    shown = "  ".join(f"{k}: {cosines[rho][k - 1]:6.3f}" for k in (1, 2, 5, 10, 16, 30))
    print(f"ρ = {rho}: cosine(truncated, full) for windows of  {shown}")

fig = Figure(figsize=(5.5, 3.4), layout="constrained")
ax = fig.subplots()
for rho, values in cosines.items():
    ax.plot(windows, values, marker=".", label=f"ρ = {rho}")
ax.axhline(0, color="gray", linewidth=0.8)
ax.set_xlabel("window length k (steps)")
ax.set_ylabel("cosine(truncated gradient, full gradient)")
ax.set_title(f"truncated BPTT, tanh RNN, T = {T}")
ax.grid(alpha=0.3)
ax.legend(fontsize="small")
save_figure(fig, "rnn-sequence-models-truncation.svg")

assert cosines[0.9][4] > 0.97  # rho = 0.9: a window of 5 steps already loses little
# rho = 1.5 loses more than rho = 0.9 with windows of 5 and of 10 steps
assert all(cosines[1.5][k - 1] < cosines[0.9][k - 1] - 0.01 for k in (5, 10))
assert cosines[3.0][:9].max() < 0.4  # rho = 3: windows of up to 9 steps keep little
assert cosines[3.0][15] < cosines[3.0][9]  # not even monotone: a window of 16 keeps less than 10
assert all(np.isclose(values[-1], 1.0) for values in cosines.values())  # window T is full BPTT
