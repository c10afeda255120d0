import keras
import numpy as np

from dlref.math.conv import conv2d, depthwise_conv2d

rng = np.random.default_rng(0)
x = rng.normal(size=(2, 12, 12, 6)).astype("float32")  # 2 images, 12×12, 6 channels

for multiplier in (1, 2):
    layer = keras.layers.SeparableConv2D(8, 3, padding="same", depth_multiplier=multiplier)
    layer.build(x.shape)
    weights = [rng.normal(size=w.shape).astype("float32") for w in layer.get_weights()]
    layer.set_weights(weights)
    depthwise, pointwise, bias = weights  # (3, 3, 6, M), (1, 1, 6*M, 8), (8,)
    ours = conv2d(depthwise_conv2d(x, depthwise, padding="same"), pointwise, bias)
    error = np.max(np.abs(ours - keras.ops.convert_to_numpy(layer(x))))
    formula = 3 * 3 * 6 * multiplier + 6 * multiplier * 8 + 8
    print(
        f"depth multiplier {multiplier}: depthwise then 1×1 == SeparableConv2D "
        f"(max error < 1e-4): {error < 1e-4}; parameters {layer.count_params()} = {formula}"
    )

# with multiplier 1 it is an ordinary convolution with kernel K[u,v,c,o] = D[u,v,c] P[c,o]
layer = keras.layers.SeparableConv2D(8, 3, padding="same")
layer.build(x.shape)
depthwise, pointwise, bias = layer.get_weights()
full_kernel = depthwise[:, :, :, 0, None] * pointwise[0, 0][None, None, :, :]  # (3, 3, 6, 8)
print(
    "equals Conv2D with kernel D*P:",
    np.allclose(
        conv2d(x, full_kernel, bias, padding="same"),
        keras.ops.convert_to_numpy(layer(x)),
        atol=1e-5,
    ),
)

c_in, c_out, k = 64, 128, 3  # a layer deep inside a network
conv = keras.layers.Conv2D(c_out, k)
separable = keras.layers.SeparableConv2D(c_out, k)
for built in (conv, separable):
    built.build((None, 16, 16, c_in))
ratio = separable.count_params() / conv.count_params()
print(
    f"{c_in} -> {c_out} channels: Conv2D {conv.count_params():,}, SeparableConv2D "
    f"{separable.count_params():,}, ratio {ratio:.3f}; 1/C_out + 1/k² = {1 / c_out + 1 / k**2:.3f}"
)
