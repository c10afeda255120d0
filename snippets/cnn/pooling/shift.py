import numpy as np
from matplotlib.figure import Figure
from sklearn.datasets import load_digits

from dlref.math.conv import avg_pool2d, conv2d, max_pool2d
from dlref.plot import save_figure

images = load_digits().images[..., None] / 16.0  # all 1797 digits, (N, 8, 8, 1)
shifted = np.zeros_like(images)
shifted[:, :, 1:] = images[:, :, :-1]  # every image moved one pixel to the right
edges = np.stack(
    [[[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], [[-1, -2, -1], [0, 0, 0], [1, 2, 1]]], axis=-1
)[:, :, None, :].astype(float)  # vertical and horizontal Sobel kernels, (3, 3, 1, 2)


def features(x):
    """Convolution + ReLU, 'same' padding: (N, 8, 8, 2)."""
    return np.maximum(conv2d(x, edges, padding="same"), 0.0)


before, after = features(images), features(shifted)
summaries = {
    "feature maps 8×8": lambda f: f,
    "max pool 2×2 -> 4×4": lambda f: max_pool2d(f, 2),
    "average pool 2×2 -> 4×4": lambda f: avg_pool2d(f, 2),
    "max pool 4×4 -> 2×2": lambda f: max_pool2d(f, 4),
    "global max pool": lambda f: f.max(axis=(1, 2)),
    "global average pool": lambda f: f.mean(axis=(1, 2)),
}
print("relative change after a 1-pixel shift, all digits:")
for name, summary in summaries.items():
    a, b = summary(before), summary(after)
    print(f"  {name:<24} {np.linalg.norm(b - a) / np.linalg.norm(a):.2f}")

fig = Figure(figsize=(8, 4.4), layout="constrained")
axes = fig.subplots(2, 4)
columns = ["input", "vertical edges + ReLU", "max pool 2×2", "max pool 4×4"]
rows = [
    [x[0, :, :, 0], f[0, :, :, 0], max_pool2d(f, 2)[0, :, :, 0], max_pool2d(f, 4)[0, :, :, 0]]
    for x, f in [(images, before), (shifted, after)]
]
for col, title in enumerate(columns):
    top = max(rows[0][col].max(), rows[1][col].max())  # same grey scale for both rows
    for row in range(2):
        axes[row, col].imshow(rows[row][col], cmap="gray_r", vmin=0, vmax=top)
        axes[row, col].set_xticks([])
        axes[row, col].set_yticks([])
    axes[0, col].set_title(title, fontsize="small")
axes[0, 0].set_ylabel("original")
axes[1, 0].set_ylabel("shifted 1 px right")
save_figure(fig, "cnn-pooling-shift.svg")
