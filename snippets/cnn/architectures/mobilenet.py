import keras

from dlref.models import mobilenet_block

# MobileNet (Howard et al., 2017) on 224x224 images: a 3x3 convolution with 32 filters and
# stride 2, then 13 depthwise-separable blocks (output channels, stride), then global average
# pooling and a 1x1 convolution to the 1000 classes.
BLOCKS = [(64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2)]
BLOCKS += [(512, 1)] * 5 + [(1024, 2), (1024, 1)]


def separable(c_in, c_out):
    """Weights of one block: 3x3 depthwise and 1x1 pointwise, no biases."""
    return 9 * c_in + c_in * c_out


def standard(c_in, c_out):
    """Weights of the 3x3 convolution the block replaces."""
    return 9 * c_in * c_out


weights = {"separable": 27 * 32, "standard": 27 * 32}  # the first convolution: 3*3*3*32
mult_adds = {"separable": 112 * 112 * 27 * 32, "standard": 112 * 112 * 27 * 32}
batch_norm = 4 * 32  # gamma, beta and the two moving statistics of each channel
size, c_in = 112, 32
print("block  channels    stride  output   separable   standard")
for i, (c_out, stride) in enumerate(BLOCKS, start=1):
    size //= stride
    for kind, count in (("separable", separable), ("standard", standard)):
        weights[kind] += count(c_in, c_out)
        mult_adds[kind] += size * size * count(c_in, c_out)  # one product per weight and pixel
    batch_norm += 4 * c_in + 4 * c_out
    if i in (1, 2, 6, 12, 13):
        print(
            f"{i:>5}  {c_in:>4}->{c_out:<5} {stride:>5}  {size:>3}x{size:<3}"
            f"{separable(c_in, c_out):>11,} {standard(c_in, c_out):>10,}"
        )
    c_in = c_out
for kind in weights:  # the classifier: a 1x1 convolution with biases, 1024 -> 1000
    weights[kind] += 1024 * 1000 + 1000
    mult_adds[kind] += 1024 * 1000

with keras.StatelessScope(initialize_variables=False):  # shapes only, no weights drawn
    inputs = keras.Input((224, 224, 3))
    x = keras.layers.Conv2D(32, 3, strides=2, padding="same", use_bias=False)(inputs)
    x = keras.layers.ReLU(6.0)(keras.layers.BatchNormalization()(x))
    for c_out, stride in BLOCKS:
        x = mobilenet_block(x, c_out, stride)
    x = keras.layers.GlobalAveragePooling2D(keepdims=True)(x)
    x = keras.layers.Reshape((1000,))(keras.layers.Conv2D(1000, 1)(x))
    ours = keras.Model(inputs, keras.layers.Softmax()(x))
    reference = keras.applications.MobileNet(weights=None)
    formula = weights["separable"] + batch_norm
    print(
        f"MobileNet: formula {formula:,}, from the blocks {ours.count_params():,}, "
        f"keras.applications {reference.count_params():,}"
    )
    assert formula == ours.count_params() == reference.count_params()
print(
    f"weights without batch norm: {weights['separable'] / 1e6:.1f}M separable, "
    f"{weights['standard'] / 1e6:.1f}M with standard convolutions"
)
print(
    f"multiply-adds per image: {mult_adds['separable'] / 1e6:.0f}M separable, "
    f"{mult_adds['standard'] / 1e6:.0f}M standard, "
    f"{mult_adds['standard'] / mult_adds['separable']:.1f} times as many"
)
keras.utils.clear_session()
