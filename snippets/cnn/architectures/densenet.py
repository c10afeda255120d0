import keras

from dlref.models import dense_block, residual_block, resnet, transition_layer


def layer_params(c, k, bottleneck=True):
    """One dense layer receiving c channels: BN has 4 numbers per channel, convolutions no bias."""
    if bottleneck:
        return 4 * c + c * 4 * k + 4 * 4 * k + 9 * 4 * k * k  # BN, 1×1 to 4k, BN, 3×3 to k
    return 4 * c + 9 * c * k  # BN, 3×3 to k


def block_params(k0, num_layers, k, bottleneck=True):
    """A dense block: layer i (from 0) receives k0 + i*k channels."""
    return sum(layer_params(k0 + i * k, k, bottleneck) for i in range(num_layers))


def transition_params(c, theta):
    return 4 * c + c * int(theta * c)  # BN, 1×1 convolution to floor(theta*c); pooling has none


k0, L, k = 64, 6, 32  # the first dense block of DenseNet-121
inputs = keras.Input((56, 56, k0))
block = keras.Model(inputs, dense_block(inputs, L, k, name="conv2"))
widths = [k0] + [
    block.get_layer(f"conv2_block{i}_concat").output.shape[-1] for i in range(1, L + 1)
]
assert widths == [k0 + i * k for i in range(L + 1)]  # k0 + l*k after layer l
print("channels after each layer:", widths)
plain = keras.Model(inputs, dense_block(inputs, L, k, bottleneck=False))
print(
    f"dense block, bottleneck:    Keras {block.count_params():,}, "
    f"formula {block_params(k0, L, k):,}"
)
print(
    f"dense block, no bottleneck: Keras {plain.count_params():,}, "
    f"formula {block_params(k0, L, k, bottleneck=False):,}"
)
wide = keras.Input((56, 56, 256))
transition = keras.Model(wide, transition_layer(wide, 0.5))
print(
    f"transition, theta = 0.5: {wide.shape[1:]} -> {transition.output_shape[1:]}, "
    f"Keras {transition.count_params():,}, formula {transition_params(256, 0.5):,}"
)
assert block.count_params() == block_params(k0, L, k)
assert plain.count_params() == block_params(k0, L, k, bottleneck=False)
assert transition.count_params() == transition_params(256, 0.5)


# Blocks of the same output width, 64 -> 256 channels, at 56×56
basic = keras.Model(inputs, residual_block(inputs, 256))  # two 3×3 convolutions + projection
neck = keras.Model(inputs, residual_block(inputs, 64, bottleneck=True))  # 1×1, 3×3, 1×1 + proj.
for name, model in [
    ("dense block, 6 layers", block),
    ("ResNet basic block", basic),
    ("ResNet bottleneck block", neck),
]:
    convs = sum(isinstance(layer, keras.layers.Conv2D) for layer in model.layers)
    print(
        f"{name:<24} output {model.output_shape[-1]}, {convs:>2} convolutions, "
        f"{model.count_params():>9,} parameters"
    )
assert neck.count_params() < block.count_params() < basic.count_params() / 2

# DenseNet-121 = DenseNet-BC (k = 32, theta = 0.5): stem, four blocks with transitions, head
print("block  layers  receive    out  bottleneck  no bottleneck")
total, c, counts = 7 * 7 * 3 * 64 + 4 * 64, 64, []  # 7×7 stem convolution and its BN
for i, num_layers in enumerate((6, 12, 24, 16), start=1):
    counts.append((block_params(c, num_layers, 32), block_params(c, num_layers, 32, False)))
    out = c + 32 * num_layers
    receive = f"{c}-{out - 32}"  # the channels its layers receive
    print(f"{i:>5} {num_layers:>7} {receive:>8} {out:>6} {counts[-1][0]:>11,} {counts[-1][1]:>14,}")
    total += counts[-1][0]
    c = out
    if i < 4:
        total += transition_params(c, 0.5)
        c = int(0.5 * c)
total += 4 * c + (c + 1) * 1000  # final BN, dense layer to 1000 classes
with keras.StatelessScope(initialize_variables=False):  # shapes only, no random weights
    reference = keras.applications.DenseNet121(weights=None).count_params()
    resnet50 = resnet(50).count_params()
print(f"DenseNet-121: formula {total:,}, keras.applications {reference:,}; ResNet-50 {resnet50:,}")
assert total == reference < resnet50 / 3
assert counts[0][0] > counts[0][1] and counts[2][0] < counts[2][1]  # bottleneck: cost, then saving
