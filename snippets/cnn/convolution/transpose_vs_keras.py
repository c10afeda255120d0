import keras
import numpy as np

from dlref.math.conv import conv2d_transpose

rng = np.random.default_rng(0)
x = rng.normal(size=(2, 5, 5, 3)).astype("float32")  # 2 images, 5×5, 3 channels

for k, s, padding, output_padding in [
    (3, 1, "valid", None),
    (3, 2, "valid", None),
    (3, 1, "same", None),
    (3, 2, "same", None),
    (4, 2, "same", None),
    (3, 2, "valid", 1),
]:
    layer = keras.layers.Conv2DTranspose(
        4, k, strides=s, padding=padding, output_padding=output_padding
    )
    layer.build(x.shape)
    kernel = rng.normal(size=layer.kernel.shape).astype("float32")  # (kh, kw, C_out, C_in)
    bias = rng.normal(size=layer.bias.shape).astype("float32")  # (C_out,)
    layer.set_weights([kernel, bias])
    expected = keras.ops.convert_to_numpy(layer(x))
    ours = conv2d_transpose(
        x, kernel, bias, stride=s, padding=padding, output_padding=output_padding
    )
    equal = ours.shape == expected.shape and np.allclose(ours, expected, atol=1e-4)
    print(
        f"k={k} s={s} {padding:<5} output_padding={output_padding!s:<4}  shape {ours.shape}  "
        f"equal: {equal}"
    )
    assert equal
print("kernel shape of Conv2DTranspose(4) on 3 channels:", layer.kernel.shape)
