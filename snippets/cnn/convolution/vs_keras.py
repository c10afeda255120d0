import keras
import numpy as np

from dlref.math.conv import conv2d


def conv2d_loops(x, kernel, bias, stride=1):
    """The formula as loops: one image (H, W, C_in), 'valid' padding, no dilation."""
    kh, kw, _, c_out = kernel.shape
    out_h = (x.shape[0] - kh) // stride + 1
    out_w = (x.shape[1] - kw) // stride + 1
    y = np.zeros((out_h, out_w, c_out))
    for i in range(out_h):
        for j in range(out_w):
            window = x[i * stride : i * stride + kh, j * stride : j * stride + kw, :]
            for o in range(c_out):
                y[i, j, o] = np.sum(window * kernel[:, :, :, o]) + bias[o]
    return y


rng = np.random.default_rng(0)
x = rng.normal(size=(2, 11, 11, 3)).astype("float32")  # 2 images, 11×11, 3 channels


def keras_conv(kernel_size, stride=1, padding="valid", dilation=1):
    """A Conv2D with 4 filters whose weights are set from the random generator."""
    layer = keras.layers.Conv2D(
        4, kernel_size, strides=stride, padding=padding, dilation_rate=dilation
    )
    layer.build(x.shape)
    kernel = rng.normal(size=layer.kernel.shape).astype("float32")  # (kh, kw, C_in, C_out)
    bias = rng.normal(size=layer.bias.shape).astype("float32")  # (C_out,)
    layer.set_weights([kernel, bias])
    return layer, kernel, bias


layer, kernel, bias = keras_conv(3, stride=2)
expected = keras.ops.convert_to_numpy(layer(x))
loops = np.stack([conv2d_loops(image, kernel, bias, stride=2) for image in x])
print("loops == Keras, stride 2:", loops.shape, np.max(np.abs(loops - expected)) < 1e-5)

for k, s, padding, d in [
    (3, 1, "valid", 1),
    (5, 1, "same", 1),
    (4, 2, "same", 1),
    (3, 3, "valid", 1),
    (3, 1, "same", 2),
    (3, 1, "valid", 3),
]:
    layer, kernel, bias = keras_conv(k, s, padding, d)
    expected = keras.ops.convert_to_numpy(layer(x))
    ours = conv2d(x, kernel, bias, stride=s, padding=padding, dilation=d)
    error = np.max(np.abs(ours - expected))
    print(f"k={k} s={s} {padding:<5} d={d}: shape {ours.shape}, max error < 1e-5: {error < 1e-5}")
print(
    "parameters (3*3*3 + 1) * 4 =", (3 * 3 * 3 + 1) * 4, "| Keras:", keras_conv(3)[0].count_params()
)
