import keras
import numpy as np

from dlref.math.conv import avg_pool2d, conv_output_size, max_pool2d

x = np.random.default_rng(0).normal(size=(2, 7, 7, 3)).astype("float32")  # 7×7, 3 channels
print("pool  strides  padding  output  formula  max equal  avg equal  parameters")
for size, strides, padding in [
    (2, None, "valid"),
    (2, None, "same"),
    (3, 2, "valid"),
    (3, 2, "same"),
    (2, 1, "valid"),
    (3, 1, "same"),
]:
    max_layer = keras.layers.MaxPooling2D(size, strides=strides, padding=padding)
    avg_layer = keras.layers.AveragePooling2D(size, strides=strides, padding=padding)
    keras_max = keras.ops.convert_to_numpy(max_layer(x))
    keras_avg = keras.ops.convert_to_numpy(avg_layer(x))
    ours_max = max_pool2d(x, size, strides, padding)
    ours_avg = avg_pool2d(x, size, strides, padding)
    formula = conv_output_size(7, size, strides or size, padding)  # strides=None means pool size
    print(
        f"{size:>4}  {strides!s:>7}  {padding:<7}  {keras_max.shape[1]:>6}  {formula:>7}  "
        f"{np.allclose(ours_max, keras_max)!s:>9}  "
        f"{np.allclose(ours_avg, keras_avg, atol=1e-6)!s:>9}  "
        f"{max_layer.count_params() + avg_layer.count_params():>10}"
    )

ones = np.ones((1, 3, 3, 1), dtype="float32")
corner = keras.layers.AveragePooling2D(2, padding="same")(ones)[0, -1, -1, 0]
print("average of a window that is 3/4 padding, on an image of ones:", float(corner))
