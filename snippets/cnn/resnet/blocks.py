import keras

from dlref.models import residual_block, resnet


def block(shape, filters, stride=1, bottleneck=False):
    inputs = keras.Input(shape)
    return keras.Model(inputs, residual_block(inputs, filters, stride, bottleneck))


def conv_bn(k, c_in, c_out):
    """k×k convolution with bias, then batch normalisation (4 numbers per channel)."""
    return (k * k * c_in + 1) * c_out + 4 * c_out


cases = {
    "basic, 64 -> 64, identity": (block((56, 56, 64), 64), 2 * conv_bn(3, 64, 64)),
    "basic, 64 -> 128 stride 2, projection": (
        block((56, 56, 64), 128, stride=2),
        conv_bn(3, 64, 128) + conv_bn(3, 128, 128) + conv_bn(1, 64, 128),
    ),
    "basic, 256 -> 256, identity": (block((14, 14, 256), 256), 2 * conv_bn(3, 256, 256)),
    "bottleneck, 256 -> 64 -> 256, identity": (
        block((14, 14, 256), 64, bottleneck=True),
        conv_bn(1, 256, 64) + conv_bn(3, 64, 64) + conv_bn(1, 64, 256),
    ),
}
for name, (model, by_hand) in cases.items():
    print(
        f"{name:<40} output {model.output_shape[1:]!s:<15} "
        f"parameters {model.count_params():>9,} (by hand {by_hand:,})"
    )

# ResNet-34 (basic blocks) against ResNet-50 (bottleneck blocks, 4 times the channels outside)
for depth in (34, 50):
    with keras.StatelessScope(initialize_variables=False):  # shapes only, no random weights
        print(f"ResNet-{depth}: {resnet(depth).count_params():,} parameters")
    keras.utils.clear_session()
