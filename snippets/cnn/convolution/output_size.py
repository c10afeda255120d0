import keras
import numpy as np

from dlref.math.conv import conv_output_size


def same_padding(n, k, s, d):
    """TensorFlow's 'same' padding along one axis: (before, after), the extra pixel after."""
    total = max((-(-n // s) - 1) * s + d * (k - 1) + 1 - n, 0)
    return total // 2, total - total // 2


settings = [  # (n, k, s, padding, d)
    (28, 3, 1, "valid", 1),
    (28, 3, 1, "same", 1),
    (28, 5, 2, "valid", 1),
    (28, 3, 2, "same", 1),
    (7, 3, 2, "valid", 1),
    (7, 4, 3, "same", 1),
    (8, 2, 2, "same", 1),
    (32, 3, 1, "valid", 2),
    (32, 3, 1, "same", 4),
]
print(" n  k  s  padding  d   pad  formula  dlref  Keras")
for n, k, s, padding, d in settings:
    before, after = same_padding(n, k, s, d) if padding == "same" else (0, 0)
    formula = (n + before + after - d * (k - 1) - 1) // s + 1
    layer = keras.layers.Conv2D(1, k, strides=s, padding=padding, dilation_rate=d)
    keras_size = layer(np.zeros((1, n, n, 1), dtype="float32")).shape[1]
    ours = conv_output_size(n, k, s, padding, d)
    print(
        f"{n:>2} {k:>2} {s:>2}  {padding:<7} {d:>2}  {before},{after}  {formula:>7}"
        f"  {ours:>5}  {keras_size:>5}"
    )
