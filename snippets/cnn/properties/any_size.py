import keras
import numpy as np

model = keras.Sequential(  # fully convolutional: no Flatten, no Dense
    [
        keras.Input((None, None, 3)),  # height and width left open
        keras.layers.Conv2D(8, 3, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(2),
        keras.layers.Conv2D(10, 1),  # a 1×1 convolution: 10 scores at every position
    ]
)
print("parameters:", model.count_params())
for size in (16, 24, 40):
    print(f"input {size}×{size} -> output", model(np.zeros((1, size, size, 3))).shape)
