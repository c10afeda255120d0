import keras
import numpy as np
import tensorflow as tf
from matplotlib.figure import Figure

from dlref.data import load_digits
from dlref.math import DenseStack
from dlref.math.activations import relu
from dlref.math.optimizers import Adam
from dlref.plot import plot_layer_gradients, save_figure

data = load_digits()
x, y = data.x_train[:256].astype("float64"), data.y_train[:256]

# 1) the NumPy gradients equal tf.GradientTape on a Keras model holding the same weights
net = DenseStack(blocks=3, residual=True)
net.loss_and_grads(x, y)
inputs = keras.Input((64,))
h = keras.layers.Dense(32, activation="relu")(inputs)
for _ in net.pairs:
    f = keras.layers.Dense(32)(keras.layers.Dense(32, activation="relu")(h))
    h = keras.layers.Activation("relu")(keras.layers.Add()([h, f]))
model = keras.Model(inputs, keras.layers.Dense(10)(h))
dense = [layer for layer in model.layers if isinstance(layer, keras.layers.Dense)]
for ours, theirs in zip(net.layers, dense, strict=True):
    theirs.set_weights([ours.W, ours.b])
with tf.GradientTape() as tape:
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)(y, model(x))
tape_grads = tape.gradient(loss, [layer.kernel for layer in dense])
error = max(
    np.max(np.abs(ours.dW - g.numpy())) for ours, g in zip(net.layers, tape_grads, strict=True)
)
print(f"NumPy backward == tf.GradientTape (max error < 1e-5): {error < 1e-5}")

# 2) at initialisation, 32 weight layers: gradient norm of every layer, the spread of the
# hidden units after the first and the last block, and how much the logits vary across inputs
norms, spread = {}, {}
for residual in (False, True):
    net = DenseStack(blocks=15, residual=residual)
    loss = net.loss_and_grads(x, y)
    label = "residual" if residual else "plain"
    norms[label] = [np.linalg.norm(layer.dW) for layer in net.layers]
    first, last = norms[label][0], norms[label][-1]
    print(f"{label:<8} {len(net.layers)} layers: ‖∂L/∂W‖ first {first:.1e}, last {last:.1e}")
    spread[label] = [np.std(relu(s)) for s in net.sums]  # hidden units after each block
    logits = np.std(net.forward(x), axis=0).mean()  # std across the inputs, mean over classes
    print(
        f"{'':<9}hidden std: block 1 {spread[label][0]:.1e}, block 15 {spread[label][-1]:.1e};"
        f" logits across inputs {logits:.0e}; loss {loss:.3f}"
    )
save_figure(plot_layer_gradients(norms), "cnn-resnet-gradients.svg")
assert spread["plain"][-1] < 1e-4 * spread["plain"][0]  # the signal dies out ...
assert spread["residual"][-1] > 5 * spread["residual"][0]  # ... or grows along the shortcuts

# 3) train a shallow plain, a deep plain and a deep residual network (12 epochs)
x, y = data.x_train.astype("float64"), data.y_train
rng = np.random.default_rng(0)
curves = {}
for blocks, residual in [(1, False), (15, False), (15, True)]:
    net = DenseStack(blocks, residual)
    label = f"{'residual' if residual else 'plain'}, {len(net.layers)} layers"
    params = [p for layer in net.layers for p in layer.params]
    optimizer, losses = Adam(1e-3), []
    for _ in range(12):
        order, epoch_losses = rng.permutation(len(x)), []
        for start in range(0, len(x), 128):
            batch = order[start : start + 128]
            epoch_losses.append(net.loss_and_grads(x[batch], y[batch]))
            optimizer.step(params, [g for layer in net.layers for g in layer.grads])
        losses.append(np.mean(epoch_losses))  # mean training loss of the epoch
    accuracy = np.mean(np.argmax(net.forward(data.x_test), axis=1) == data.y_test)
    curves[label] = losses
    print(
        f"{label:<20} training loss {losses[0]:.3f} -> {losses[-1]:.3f}, "
        f"test accuracy {accuracy:.3f}"
    )

fig = Figure(figsize=(6.4, 3.4), layout="constrained")
ax = fig.subplots()
for label, losses in curves.items():
    ax.plot(range(1, len(losses) + 1), losses, marker="o", markersize=3, label=label)
ax.set_xlabel("epoch")
ax.set_ylabel("training loss (cross-entropy)")
ax.grid(alpha=0.3)
ax.legend(fontsize="small")
save_figure(fig, "cnn-resnet-training.svg")
