import math

import keras

from dlref.models import alexnet, alexnet_min_size, alexnet_small


def out_size(n, kernel, stride, padding):
    """Spatial output size of a convolution or pooling window."""
    if padding == "same":
        return math.ceil(n / stride)
    return (n - kernel) // stride + 1 if n >= kernel else 0


# The AlexNet plan with a 'same'-padded first convolution, fed a 32×32 CIFAR-10 image
plan = [
    ("conv1 11×11/4", 11, 4, "same"),
    ("pool1 3×3/2", 3, 2, "valid"),
    ("conv2 5×5", 5, 1, "same"),
    ("pool2 3×3/2", 3, 2, "valid"),
    ("conv3-5 3×3", 3, 1, "same"),
    ("pool3 3×3/2", 3, 2, "valid"),
]
n = 32
for name, kernel, stride, padding in plan:
    new = out_size(n, kernel, stride, padding)
    print(f"{name:<14} {n:>2}×{n:<2} -> " + (f"{new}×{new}" if new else "does not fit"))
    n = new
    if not n:
        break

try:
    alexnet((32, 32, 3), num_classes=10)
except ValueError as error:
    print("ValueError:", error)
print("smallest input alexnet accepts:", alexnet_min_size())

model = alexnet_small((32, 32, 3), num_classes=10)
kinds = [type(layer) for layer in model.layers]
print(
    f"alexnet_small: {kinds.count(keras.layers.Conv2D)} conv + "
    f"{kinds.count(keras.layers.Dense)} dense layers, {model.count_params():,} parameters, "
    f"output {model.output_shape}"
)
