import numpy as np

from dlref.math.conv import avg_pool2d, max_pool2d

x = np.array(
    [
        [1, 3, 2, 0],
        [4, 6, 1, 1],
        [0, 2, 5, 7],
        [1, 1, 8, 4],
    ],
    dtype=float,
)[None, :, :, None]  # one 4×4 image with one channel: (N, H, W, C)
print("max pooling 2×2, stride 2:")
print(max_pool2d(x, pool_size=2)[0, :, :, 0])
print("average pooling 2×2, stride 2:")
print(avg_pool2d(x, pool_size=2)[0, :, :, 0])
# no normalisation: pooling neither centres nor rescales, so 10 times the map pools to 10 times
scaled = np.allclose(max_pool2d(10 * x, 2), 10 * max_pool2d(x, 2)) and np.allclose(
    avg_pool2d(10 * x, 2), 10 * avg_pool2d(x, 2)
)
print("pooling 10·x gives 10 times the pooled x:", scaled)
assert scaled
