import keras
import numpy as np

from dlref.math.conv import conv_output_size, conv_transpose_output_size


def formula(n, k, s, padding, output_padding):
    """Output length of keras.layers.Conv2DTranspose along one axis (Keras 3, no dilation)."""
    if output_padding is None:
        return (n - 1) * s + max(k, s) if padding == "valid" else n * s
    if padding == "valid":
        return (n - 1) * s + k + output_padding
    return (n - 1) * s + k % 2 + output_padding


print(" n  k  s  padding  out_pad  formula  dlref  Keras  conv2d back")
for n, k, s, padding, output_padding in [
    (4, 3, 1, "valid", None),
    (4, 3, 2, "valid", None),
    (4, 4, 2, "valid", None),
    (4, 2, 3, "valid", None),
    (4, 3, 2, "valid", 1),
    (4, 3, 1, "same", None),
    (4, 3, 2, "same", None),
    (4, 4, 2, "same", None),
    (4, 3, 2, "same", 0),
]:
    layer = keras.layers.Conv2DTranspose(
        1, k, strides=s, padding=padding, output_padding=output_padding
    )
    keras_size = layer(np.zeros((1, n, n, 1), dtype="float32")).shape[1]
    size = formula(n, k, s, padding, output_padding)
    ours = conv_transpose_output_size(n, k, s, padding, output_padding)
    back = conv_output_size(size, k, s, padding)  # a convolution maps the output back to n
    assert size == ours == keras_size and back == n
    print(
        f"{n:>2} {k:>2} {s:>2}  {padding:<7}  {output_padding!s:<7}  {size:>7}  {ours:>5}  "
        f"{keras_size:>5}  {back:>11}"
    )
