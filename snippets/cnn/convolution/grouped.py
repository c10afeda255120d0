import keras
import numpy as np

from dlref.math.conv import conv2d, depthwise_conv2d

rng = np.random.default_rng(0)
x = rng.normal(size=(2, 9, 9, 8))  # 2 images, 9×9, 8 channels, float64
for g, s, padding, d in [
    (1, 1, "valid", 1),
    (2, 1, "same", 1),
    (4, 2, "same", 1),
    (8, 1, "valid", 2),
]:
    layer = keras.layers.Conv2D(
        16, 3, strides=s, padding=padding, dilation_rate=d, groups=g, dtype="float64"
    )
    layer.build(x.shape)
    kernel = rng.normal(size=layer.kernel.shape)  # (3, 3, C_in / groups, C_out)
    bias = rng.normal(size=16)
    layer.set_weights([kernel, bias])
    expected = keras.ops.convert_to_numpy(layer(x))
    ours = conv2d(x, kernel, bias, stride=s, padding=padding, dilation=d, groups=g)
    equal = ours.shape == expected.shape and np.allclose(ours, expected, rtol=1e-10, atol=1e-10)
    print(
        f"groups={g} s={s} {padding:<5} d={d}: kernel {kernel.shape}, output {ours.shape}, "
        f"equal to Keras: {equal}"
    )
    assert equal

# groups = C_in: each channel is filtered on its own, the depthwise convolution
kernel = rng.normal(size=(3, 3, 1, 8))
depthwise = depthwise_conv2d(x, kernel.reshape(3, 3, 8, 1))  # (kh, kw, C_in, multiplier 1)
print("groups=8 == depthwise_conv2d:", np.allclose(conv2d(x, kernel, groups=8), depthwise))

# groups = 4: an ordinary convolution whose kernel is zero between different groups
kernel = rng.normal(size=(3, 3, 2, 16))
block_diagonal = np.zeros((3, 3, 8, 16))
for i in range(4):  # group i: input channels 2i, 2i+1 -> output channels 4i to 4i+3
    block_diagonal[:, :, 2 * i : 2 * i + 2, 4 * i : 4 * i + 4] = kernel[:, :, :, 4 * i : 4 * i + 4]
same = np.allclose(conv2d(x, kernel, groups=4), conv2d(x, block_diagonal))
print("groups=4 == ordinary convolution with a block-diagonal kernel:", same)

# Cost of a 3×3 convolution from 128 to 128 channels on a 56×56 map, 'same' padding
print("groups  C_in/groups   weights  parameters  multiply-adds")
weights = {}
for g in (1, 2, 4, 32, 128):
    layer = keras.layers.Conv2D(128, 3, padding="same", groups=g)
    layer.build((None, 56, 56, 128))
    weights[g] = 3 * 3 * (128 // g) * 128  # k·k·(C_in/g)·C_out
    assert layer.count_params() == weights[g] + 128  # and one bias per output channel
    print(
        f"{g:>6} {128 // g:>12} {weights[g]:>9,} {layer.count_params():>11,} "
        f"{56 * 56 * weights[g]:>14,}"
    )
assert all(weights[g] * g == weights[1] for g in weights)
