import keras
from matplotlib.figure import Figure

from dlref.models.separable import conv_param_counts
from dlref.plot import save_figure


def by_formula(h, w, c_in, c_out, k):
    """Parameters of four layers mapping H×W×C_in to H×W×C_out ('same' padding)."""
    counts = conv_param_counts(c_in, c_out, k, height=h, width=w)  # dense, conv, separable
    return {
        "dense": counts.dense,
        "locally connected": h * w * (k * k * c_in + 1) * c_out,  # local, but no sharing
        "convolution": counts.conv,
        "separable": counts.separable,
    }


def by_keras(h, w, c_in, c_out, k, dense=True):
    """The same counts read from built Keras layers (Keras 3 has no locally connected layer)."""
    layers = {
        "convolution": keras.layers.Conv2D(c_out, k, padding="same"),
        "separable": keras.layers.SeparableConv2D(c_out, k, padding="same"),
    }
    if dense:  # flatten the image, then one dense layer with one unit per output value
        layers["dense"] = keras.Sequential(
            [keras.layers.Flatten(), keras.layers.Dense(h * w * c_out)]
        )
    counts = {}
    for name, layer in layers.items():
        layer.build((None, h, w, c_in))
        counts[name] = layer.count_params()
    return counts


for shape, dense in [((8, 8, 3, 16, 3), True), ((32, 32, 3, 64, 3), False)]:
    h, w, c_in, c_out, k = shape
    formula, built = by_formula(*shape), by_keras(*shape, dense=dense)
    print(f"{h}×{w}×{c_in} -> {h}×{w}×{c_out}, {k}×{k} kernels")
    for name, count in formula.items():
        keras_count = f"{built[name]:,}" if name in built else "-"
        print(f"  {name:<18} formula {count:>11,}   Keras {keras_count:>7}")

small = conv_param_counts(3, 16, 3, height=8)
print(f"8×8: the dense layer has {small.dense_over_conv:,.0f} times the convolution's parameters")
dense_bytes = formula["dense"] * 4  # float32
print(f"the 32×32 dense layer would hold {dense_bytes / 2**20:,.0f} MiB of float32 weights")

fig = Figure(figsize=(6.4, 3.2), layout="constrained")
ax = fig.subplots()
bars = ax.barh(list(formula)[::-1], list(formula.values())[::-1], color="tab:blue")
ax.bar_label(bars, labels=[f"{v:,}" for v in list(formula.values())[::-1]], padding=3)
ax.set_xscale("log")
ax.set_xlim(100, 1e10)
ax.set_xlabel("parameters (log scale)")
ax.set_title("32×32×3 -> 32×32×64", fontsize="medium")
save_figure(fig, "cnn-properties-parameters.svg")
