import keras
import numpy as np

from dlref.math.conv import conv2d

x = np.arange(16, dtype="float32").reshape(1, 4, 4, 1)
layer = keras.layers.Conv2D(1, 2, padding="same", kernel_initializer="ones", use_bias=False)
y = keras.ops.convert_to_numpy(layer(x))  # a 2×2 kernel needs 1 pixel of padding per axis
kernel = np.ones((2, 2, 1, 1), dtype="float32")
after = conv2d(np.pad(x, ((0, 0), (0, 1), (0, 1), (0, 0))), kernel)  # zero row/col at the end
before = conv2d(np.pad(x, ((0, 0), (1, 0), (1, 0), (0, 0))), kernel)  # ... or at the start
print("Keras 'same' output:")
print(y[0, :, :, 0])
print("padding at bottom/right:", np.allclose(y, after))
print("padding at top/left:   ", np.allclose(y, before))
