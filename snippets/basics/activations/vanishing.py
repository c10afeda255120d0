import keras
import numpy as np
import tensorflow as tf

from dlref.plot import plot_layer_gradients, save_figure

keras.utils.set_random_seed(0)
x = np.random.default_rng(0).normal(size=(256, 32)).astype("float32")
y = np.random.default_rng(1).normal(size=(256, 1)).astype("float32")
print(f"4^-20 = {4.0**-20:.1e},  2^-10 = {2.0**-10:.1e}")


def deep_mlp(activation: str, initializer: str, depth: int = 20) -> keras.Model:
    """A deep, narrow MLP: depth hidden layers of 32 units and one linear output."""
    keras.utils.set_random_seed(0)
    hidden = [
        keras.layers.Dense(32, activation=activation, kernel_initializer=initializer)
        for _ in range(depth)
    ]
    return keras.Sequential([keras.Input((32,)), *hidden, keras.layers.Dense(1)])


def gradient_norms_and_last_std(model: keras.Model) -> tuple[list[float], float]:
    """Norm of dL/dW per hidden layer at initialisation, and the std of the last hidden output."""
    with tf.GradientTape() as tape:
        h = x
        for layer in model.layers[:-1]:
            h = layer(h)
        loss = tf.reduce_mean(keras.losses.mean_squared_error(y, model.layers[-1](h)))
    kernels = [layer.kernel for layer in model.layers[:-1]]
    grads = tape.gradient(loss, kernels)
    return [float(tf.norm(g)) for g in grads], float(tf.math.reduce_std(h))


setups = {
    "sigmoid": ("sigmoid", "glorot_uniform"),
    "tanh": ("tanh", "glorot_uniform"),
    "relu": ("relu", "glorot_uniform"),
    "relu, He": ("relu", "he_normal"),
}
norms, last_std = {}, {}
for name, (activation, initializer) in setups.items():
    norms[name], last_std[name] = gradient_norms_and_last_std(deep_mlp(activation, initializer))
    values = norms[name]
    print(
        f"{name:<9} layer 1: {values[0]:.1e}   layer 20: {values[-1]:.1e}   "
        f"ratio: {values[0] / values[-1]:.1e}   std of h20: {last_std[name]:.1e}"
    )

ratio = {name: values[0] / values[-1] for name, values in norms.items()}
assert ratio["sigmoid"] < 1e-10  # vanishes across the depth
assert ratio["tanh"] > 0.1 and ratio["relu"] > 0.1  # no vanishing across the depth
smallest_gap = min(t / r for t, r in zip(norms["tanh"], norms["relu"], strict=True))
print(f"tanh's gradient over ReLU's (Glorot), smallest over the 20 layers: {smallest_gap:.0f}")
assert smallest_gap > 100  # ReLU + Glorot: small gradients at every layer, not only the first
assert last_std["relu"] < 1e-2 < 0.3 < last_std["relu, He"] < 3  # the signal, not the gradient
save_figure(plot_layer_gradients(norms), "basics-activations-vanishing-gradients.svg")
