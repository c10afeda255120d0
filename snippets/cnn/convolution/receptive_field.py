import keras
import numpy as np

from dlref.math.conv import conv2d, receptive_field

stacks = {  # layers as (kernel_size, stride, dilation), input side first
    "one 3×3": [(3, 1, 1)],
    "two 3×3": [(3, 1, 1)] * 2,
    "three 3×3": [(3, 1, 1)] * 3,
    "one 7×7": [(7, 1, 1)],
    "three 3×3, first stride 2": [(3, 2, 1), (3, 1, 1), (3, 1, 1)],
    "three 3×3, dilation 1, 2, 4": [(3, 1, 1), (3, 1, 2), (3, 1, 4)],
}
impulses = np.eye(41).reshape(41, 1, 41, 1)  # 41 one-row images, image i lights pixel i
for name, layers in stacks.items():
    y = impulses
    for k, s, d in layers:  # all-ones kernels, so every pixel in the field contributes
        y = conv2d(y, np.ones((1, k, 1, 1)), stride=(1, s), padding="same", dilation=(1, d))
    middle = y.shape[2] // 2
    measured = np.count_nonzero(y[:, 0, middle, 0])  # input pixels that reach one output
    print(f"{name:<28} receptive field {receptive_field(layers):>2}, measured {measured:>2}")

C = 64
three_3x3 = keras.Sequential(
    [keras.Input((None, None, C))] + [keras.layers.Conv2D(C, 3, padding="same") for _ in range(3)]
)
one_7x7 = keras.Sequential(
    [keras.Input((None, None, C)), keras.layers.Conv2D(C, 7, padding="same")]
)
print(f"C={C}: three 3×3 layers {three_3x3.count_params()} = 3*(9*C*C + C) = {3 * (9 * C * C + C)}")
print(f"C={C}: one 7×7 layer    {one_7x7.count_params()} = 49*C*C + C = {49 * C * C + C}")
