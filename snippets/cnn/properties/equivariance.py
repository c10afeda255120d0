import numpy as np

from dlref.math.conv import conv2d

rng = np.random.default_rng(0)
x = rng.normal(size=(1, 16, 16, 2))  # one 16×16 image with 2 channels
kernel = rng.normal(size=(3, 3, 2, 4))  # 4 output channels


def circular_conv(x, kernel, stride=1):
    """Convolution on a torus: wrap the image around instead of padding with zeros."""
    return conv2d(np.pad(x, ((0, 0), (1, 1), (1, 1), (0, 0)), mode="wrap"), kernel, stride=stride)


def shift(x, rows, cols):
    return np.roll(x, (rows, cols), axis=(1, 2))  # circular shift of every image


y = circular_conv(x, kernel)
moved = circular_conv(shift(x, 2, 3), kernel)
print("circular: conv(shift(x)) == shift(conv(x)):", np.allclose(moved, shift(y, 2, 3)))
print("          conv(shift(x)) == conv(x):        ", np.allclose(moved, y))

# 'valid' padding: away from the border a shifted input still gives a shifted output
y_valid = conv2d(x, kernel)  # 14×14
moved_valid = conv2d(shift(x, 2, 3), kernel)
print("valid, away from the border:", np.allclose(moved_valid[:, 2:, 3:], y_valid[:, :-2, :-3]))

# stride 2 keeps equivariance only for shifts by a multiple of 2
y2 = circular_conv(x, kernel, stride=2)  # 8×8
by_two = circular_conv(shift(x, 2, 0), kernel, stride=2)
by_one = circular_conv(shift(x, 1, 0), kernel, stride=2)
print("stride 2, shift by 2 -> output shifted by 1:", np.allclose(by_two, shift(y2, 1, 0)))
print(
    "stride 2, shift by 1 -> any shift of the output:",
    any(np.allclose(by_one, shift(y2, r, 0)) for r in range(8)),
)

# global max pooling over a circular feature map ignores the shift completely
print(
    "global max pool, shifted vs original:", np.allclose(moved.max(axis=(1, 2)), y.max(axis=(1, 2)))
)

# rotations are a different story
rotated = circular_conv(np.rot90(x, axes=(1, 2)), kernel)
print("conv(rotate(x)) == rotate(conv(x)):", np.allclose(rotated, np.rot90(y, axes=(1, 2))))
