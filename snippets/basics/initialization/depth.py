import numpy as np
from matplotlib.figure import Figure

from dlref.math import glorot_uniform, he_normal, relu, tanh
from dlref.plot import save_figure

# 20 dense layers of 256 units (no bias), a batch of 1000 standard-normal inputs.
depth, width = 20, 256
x = np.random.default_rng(0).normal(size=(1000, width))
setups = {
    "ReLU, Glorot": (relu, glorot_uniform),
    "ReLU, He": (relu, he_normal),
    "tanh, Glorot": (tanh, glorot_uniform),
}
stds = {}
for name, (activation, initializer) in setups.items():
    rng = np.random.default_rng(1)  # the same stream of weights for every setup
    h, stds[name] = x, []
    for _ in range(depth):
        h = activation(h @ initializer((width, width), seed=rng))
        stds[name].append(h.std())

shown = [1, 5, 10, 15, 20]
print("std of h_l" + "".join(f"{f'l={layer}':>8}" for layer in shown))
for name, values in stds.items():
    print(f"{name:<12}" + "".join(f"{values[layer - 1]:>8.3f}" for layer in shown))

# Under Glorot (variance 1/n here, as fan_in = fan_out) ReLU halves the second moment per layer
ratio = stds["ReLU, Glorot"][-1] / stds["ReLU, Glorot"][0]
print(f"ReLU, Glorot: std at layer 20 over layer 1 = {ratio:.1e}, 2^(-19/2) = {2**-9.5:.1e}")
assert stds["ReLU, Glorot"][-1] < 1e-2 * stds["ReLU, Glorot"][0]
assert all(0.5 < s < 1.5 for s in stds["ReLU, He"])
assert stds["tanh, Glorot"][-1] < stds["tanh, Glorot"][0] / 2  # tanh shrinks too, but slowly

fig = Figure(figsize=(7, 4))
ax = fig.subplots()
for name, values in stds.items():
    ax.semilogy(range(1, depth + 1), values, marker="o", markersize=3, label=name)
ax.set(xlabel="layer", ylabel="std of the activations", xticks=shown)
ax.set_title("Activation std per layer, 20 layers of 256 units")
ax.legend()
save_figure(fig, "basics-initialization-depth.svg")
