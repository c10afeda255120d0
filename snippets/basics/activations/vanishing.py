import keras
import numpy as np
import tensorflow as tf

from dlref.plot import plot_layer_gradients, save_figure

keras.utils.set_random_seed(0)
x = np.random.default_rng(0).normal(size=(256, 32)).astype("float32")
y = np.random.default_rng(1).normal(size=(256, 1)).astype("float32")


def layer_gradient_norms(activation: str, depth: int = 20) -> list[float]:
    """Norm of dL/dW for each hidden layer of a deep, narrow MLP, at initialisation."""
    model = keras.Sequential(
        [keras.Input((32,))]
        + [keras.layers.Dense(32, activation=activation) for _ in range(depth)]
        + [keras.layers.Dense(1)]
    )
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(keras.losses.mean_squared_error(y, model(x)))
    kernels = [layer.kernel for layer in model.layers[:-1]]
    grads = tape.gradient(loss, kernels)
    return [float(tf.norm(g)) for g in grads]


norms = {act: layer_gradient_norms(act) for act in ("sigmoid", "tanh", "relu")}
for act, values in norms.items():
    print(
        f"{act:<8} layer 1: {values[0]:.1e}   layer 20: {values[-1]:.1e}   "
        f"ratio: {values[0] / values[-1]:.1e}"
    )
save_figure(plot_layer_gradients(norms), "basics-activations-vanishing-gradients.svg")
