import keras
import numpy as np
import tensorflow as tf
from matplotlib.figure import Figure

from dlref.data import load_iris
from dlref.plot import save_figure

keras.utils.set_random_seed(0)  # the weights' initial values

data = load_iris()
x, y = data.x_train, data.y_train
print("training data:", x.shape, "classes:", data.num_classes)


def tiny_model() -> keras.Model:
    return keras.Sequential(
        [
            keras.Input((4,)),
            keras.layers.Dense(8, activation="relu"),
            keras.layers.Dense(3, activation="softmax"),
        ]
    )


steps = 20
fit_model = tiny_model()
loop_model = tiny_model()
loop_model.set_weights(fit_model.get_weights())  # identical starting point

# 1. model.fit: one full batch per epoch, so one epoch = one gradient step.
fit_model.compile(optimizer=keras.optimizers.SGD(0.1), loss="sparse_categorical_crossentropy")
history = fit_model.fit(x, y, batch_size=len(x), epochs=steps, shuffle=False, verbose=0)

# 2. The same steps written out with tf.GradientTape.
optimizer = keras.optimizers.SGD(0.1)
loss_fn = keras.losses.SparseCategoricalCrossentropy()
loop_losses = []
for _ in range(steps):
    with tf.GradientTape() as tape:
        loss = loss_fn(y, loop_model(x, training=True))
    grads = tape.gradient(loss, loop_model.trainable_variables)
    optimizer.apply_gradients(zip(grads, loop_model.trainable_variables, strict=True))
    loop_losses.append(float(loss))

fit_losses = np.array(history.history["loss"])
loop_losses = np.array(loop_losses)
print(f"loss at step 1: fit {fit_losses[0]:.4f}, loop {loop_losses[0]:.4f}")
print(f"loss at step {steps}: fit {fit_losses[-1]:.4f}, loop {loop_losses[-1]:.4f}")
print("losses agree (max diff < 1e-5):", np.max(np.abs(fit_losses - loop_losses)) < 1e-5)
weight_diff = max(
    np.max(np.abs(a - b))
    for a, b in zip(fit_model.get_weights(), loop_model.get_weights(), strict=True)
)
print("weights agree (max diff < 1e-5):", weight_diff < 1e-5)

fig = Figure(figsize=(6.0, 3.4), layout="constrained")
ax = fig.subplots()
ax.plot(np.arange(1, steps + 1), fit_losses, "o", markersize=6, label="model.fit")
ax.plot(np.arange(1, steps + 1), loop_losses, "-", label="GradientTape loop")
ax.set_xlabel("step (= epoch, full batch)")
ax.set_ylabel("training loss")
ax.grid(alpha=0.3)
ax.legend()
save_figure(fig, "intro-frameworks-tape-vs-fit.svg")
