import numpy as np
from matplotlib.figure import Figure
from sklearn.datasets import load_digits

from dlref.math.conv import conv2d
from dlref.plot import save_figure

digits = load_digits()
images = digits.images[[0, 4, 7]] / 16.0  # three 8×8 digits (0, 4, 7), scaled to [0, 1]
kernels = {
    "vertical edges": np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]),
    "horizontal edges": np.array([[-1, -2, -1], [0, 0, 0], [1, 2, 1]]),
    "outline": np.array([[0, 1, 0], [1, -4, 1], [0, 1, 0]]),
    "blur": np.full((3, 3), 1 / 9),
}
# one kernel per output channel: shape (3, 3, C_in=1, C_out=4)
bank = np.stack(list(kernels.values()), axis=-1)[:, :, None, :].astype(float)
maps = conv2d(images[..., None], bank, padding="same")
print("input", images[..., None].shape, "kernels", bank.shape, "feature maps", maps.shape)

fig = Figure(figsize=(9, 5.6), layout="constrained")
axes = fig.subplots(len(images), 1 + len(kernels))
for row, image in enumerate(images):
    axes[row, 0].imshow(image, cmap="gray_r")
    for col, name in enumerate(kernels, start=1):
        fmap = maps[row, :, :, col - 1]
        if name == "blur":
            axes[row, col].imshow(fmap, cmap="gray_r")
        else:  # signed responses: red positive, blue negative, white zero
            limit = np.abs(fmap).max()
            axes[row, col].imshow(fmap, cmap="RdBu_r", vmin=-limit, vmax=limit)
for col, title in enumerate(["input", *kernels]):
    axes[0, col].set_title(title, fontsize="small")
for ax in axes.flat:
    ax.set_xticks([])
    ax.set_yticks([])
save_figure(fig, "cnn-convolution-feature-maps.svg")
