import numpy as np
from scipy.signal import convolve2d

from dlref.math.conv import conv2d, conv2d_transpose

# The matrix C of a 'valid' 3×3 convolution of a 4×4 image (2×2 output): row r of C holds the
# kernel at the position of output r, so that conv2d(x).ravel() == C @ x.ravel().
K = np.arange(1.0, 10.0).reshape(3, 3, 1, 1)
basis = np.eye(16).reshape(16, 4, 4, 1)  # image i lights pixel i
C = conv2d(basis, K).reshape(16, 4).T  # column i: the output of image i
print("C, shape", C.shape)
print(C.astype(int))

rng = np.random.default_rng(0)
x = rng.normal(size=(1, 4, 4, 1))
y = rng.normal(size=(1, 2, 2, 1))
print("conv2d(x) == C @ x:", np.allclose(conv2d(x, K).ravel(), C @ x.ravel()))
up = conv2d_transpose(y, K)
print("conv2d_transpose(y) == C.T @ y:", up.shape, np.allclose(up.ravel(), C.T @ y.ravel()))
full = convolve2d(y[0, :, :, 0], K[:, :, 0, 0], mode="full")  # dL/dx of Exercise 1
print("equals the 'full' convolution of Exercise 1:", np.allclose(up[0, :, :, 0], full))
print("C.T @ C is the identity:", np.allclose(C.T @ C, np.eye(16)))

# The adjoint identity <conv(x), y> = <x, conv_transpose(y)>, with channels and stride 2.
K = rng.normal(size=(3, 3, 3, 5))  # (kh, kw, C_in, C_out) of the convolution
x = rng.normal(size=(2, 8, 8, 3))
down = conv2d(x, K, stride=2, padding="same")
y = rng.normal(size=down.shape)
back = conv2d_transpose(y, K, stride=2, padding="same")
lhs, rhs = np.sum(down * y), np.sum(x * back)
print("x", x.shape, "-> conv2d", down.shape, "| y", y.shape, "-> conv2d_transpose", back.shape)
print("<conv2d(x), y> == <x, conv2d_transpose(y)>:", np.isclose(lhs, rhs))
assert np.isclose(lhs, rhs) and back.shape == x.shape
