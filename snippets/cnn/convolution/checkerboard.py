import keras
import numpy as np
from matplotlib.figure import Figure

from dlref.math.conv import conv2d, conv2d_transpose
from dlref.plot import save_figure

# Every input pixel stamps a copy of the kernel onto the output; with ones everywhere, each output
# pixel counts how many copies overlap on it.
ones = np.ones((1, 4, 4, 1))
k3 = conv2d_transpose(ones, np.ones((3, 3, 1, 1)), stride=2)[0, :, :, 0].astype(int)
k4 = conv2d_transpose(ones, np.ones((4, 4, 1, 1)), stride=2)[0, :, :, 0].astype(int)
print("kernel 3, stride 2: overlaps per output pixel", k3.shape)
print(k3)
inner3, inner4 = np.unique(k3[2:-2, 2:-2]), np.unique(k4[2:-2, 2:-2])  # 2 pixels from the border
print("away from the border: kernel 3", inner3, "| kernel 4", inner4, "of", k4.shape)
assert len(inner3) == 3 and len(inner4) == 1

# On a larger image, next to the alternative: nearest-neighbour upsampling, then a 3×3 convolution.
ones = np.ones((1, 8, 8, 1))
repeated = keras.ops.convert_to_numpy(keras.layers.UpSampling2D(2)(ones))  # each pixel 2×2 times
assert np.array_equal(repeated, ones.repeat(2, axis=1).repeat(2, axis=2))
panels = {
    "transposed, kernel 3, stride 2": conv2d_transpose(ones, np.ones((3, 3, 1, 1)), stride=2),
    "transposed, kernel 4, stride 2": conv2d_transpose(ones, np.ones((4, 4, 1, 1)), stride=2),
    "upsample ×2, then 3×3 convolution": conv2d(repeated, np.ones((3, 3, 1, 1)), padding="same"),
}
resized = panels["upsample ×2, then 3×3 convolution"][0, 1:-1, 1:-1, 0]
assert len(np.unique(resized)) == 1  # every pixel away from the border sums 9 terms
fig = Figure(figsize=(9, 3.4), layout="constrained")
axes = fig.subplots(1, len(panels))
for ax, (title, out) in zip(axes, panels.items(), strict=True):
    image = ax.imshow(out[0, :, :, 0], cmap="viridis", vmin=0)
    ax.set_title(title, fontsize="small")
    ax.set_xticks([])
    ax.set_yticks([])
    fig.colorbar(image, ax=ax, shrink=0.8)
save_figure(fig, "cnn-convolution-checkerboard.svg")
