import keras
import numpy as np
from matplotlib.figure import Figure

from dlref.math.conv import conv2d, receptive_field
from dlref.plot import save_figure

rng = np.random.default_rng(0)
x = rng.normal(size=(1, 12, 12, 2)).astype("float32")
layer = keras.layers.Conv2D(4, 3, dilation_rate=2)
layer.build(x.shape)
kernel, bias = layer.get_weights()  # still (3, 3, 2, 4): dilation adds no weights

spread = np.zeros((5, 5, 2, 4), dtype="float32")  # the same 9 taps, with zeros in between
spread[::2, ::2] = kernel
keras_out = keras.ops.convert_to_numpy(layer(x))
print("output shape:", keras_out.shape)
print(
    "dilated 3×3 == 5×5 kernel with zeros inserted:",
    np.allclose(conv2d(x, kernel, bias, dilation=2), conv2d(x, spread, bias)),
)
print("dlref == Keras:", np.allclose(conv2d(x, kernel, bias, dilation=2), keras_out, atol=1e-5))

for rates in [(1, 1, 1), (1, 2, 4)]:
    stack = keras.Sequential(
        [keras.Input((None, None, 16))]
        + [keras.layers.Conv2D(16, 3, padding="same", dilation_rate=d) for d in rates]
    )
    field = receptive_field([(3, 1, d) for d in rates])
    print(
        f"three 3×3 layers, dilation {rates}: receptive field {field:>2}, "
        f"parameters {stack.count_params()}"
    )

fig = Figure(figsize=(7.5, 2.8), layout="constrained")
for ax, d in zip(fig.subplots(1, 3), (1, 2, 3), strict=True):
    grid = np.zeros((7, 7))
    centre = 3
    for u in (-1, 0, 1):
        for v in (-1, 0, 1):
            grid[centre + u * d, centre + v * d] = 1  # the 9 pixels the kernel reads
    ax.imshow(grid, cmap="Blues", vmin=0, vmax=1.4)
    ax.set_xticks(np.arange(-0.5, 7), minor=True)
    ax.set_yticks(np.arange(-0.5, 7), minor=True)
    ax.grid(which="minor", color="0.7", linewidth=0.8)
    ax.tick_params(which="both", length=0, labelbottom=False, labelleft=False)
    ax.set_title(f"dilation {d}: span {d * 2 + 1}×{d * 2 + 1}", fontsize="small")
save_figure(fig, "cnn-properties-dilation.svg")
