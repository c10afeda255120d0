import numpy as np
from scipy.signal import convolve2d, correlate2d

from dlref.math.conv import conv2d

x = np.array(
    [
        [0, 0, 0, 4, 4],
        [0, 0, 0, 4, 4],
        [0, 0, 4, 4, 4],
        [0, 0, 4, 4, 4],
        [0, 4, 4, 4, 4],
    ],
    dtype=float,
)  # a 5×5 image: dark on the left, bright on the right
K = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], dtype=float)  # Sobel: left-to-right edges

# conv2d works on batches of channels-last images: (N, H, W, C) and (kh, kw, C_in, C_out)
y = conv2d(x[None, :, :, None], K[:, :, None, None])[0, :, :, 0]
print("output shape:", y.shape)
print(y)
print("y[0, 0] = sum(x[0:3, 0:3] * K) =", np.sum(x[0:3, 0:3] * K))
print("equals scipy's correlate2d:", np.array_equal(y, correlate2d(x, K, mode="valid")))
flipped = K[::-1, ::-1]  # a true convolution flips the kernel first
print(
    "true convolution = correlation with the flipped kernel:",
    np.array_equal(convolve2d(x, K, mode="valid"), correlate2d(x, flipped, mode="valid")),
)
print("here flipping only changes the sign:", np.array_equal(convolve2d(x, K, mode="valid"), -y))
