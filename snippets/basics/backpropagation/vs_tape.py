import keras
import numpy as np
import tensorflow as tf

from dlref.math.layers import MLP

# The network and data of the gradient check above
rng = np.random.default_rng(0)
X, y = rng.normal(size=(16, 4)), rng.integers(0, 3, size=16)
mlp = MLP((4, 5, 3), activation="tanh", seed=0)
_, grads = mlp.loss_and_gradients(X, y)  # hand-written backprop

# The same network in Keras, in float64, with the hand-written MLP's weights
model = keras.Sequential(
    [
        keras.Input((4,), dtype="float64"),
        keras.layers.Dense(5, activation="tanh", dtype="float64"),
        keras.layers.Dense(3, dtype="float64"),  # logits
    ]
)
model.set_weights(mlp.params)  # [W1, b1, W2, b2], Keras's order and shapes
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True, dtype="float64")
with tf.GradientTape() as tape:  # records the forward pass...
    tape_loss = loss_fn(y, model(X))
tape_grads = tape.gradient(tape_loss, model.trainable_variables)  # ...and runs it backwards
print(f"loss: hand-written {mlp.loss(X, y):.8f}, GradientTape {float(tape_loss):.8f}")
for name, ours, theirs in zip(("W1", "b1", "W2", "b2"), grads, tape_grads, strict=True):
    print(f"{name}: max |difference| < 1e-12: {np.max(np.abs(ours - theirs.numpy())) < 1e-12}")
