import math

import keras

from dlref.models import residual_block, resnext_block


def block_params(c, cardinality, width):
    """Block on c channels with an identity shortcut and no biases; BN: 4 numbers per channel."""
    inner = cardinality * width
    return c * inner + 9 * width * inner + inner * c + 4 * (2 * inner + c)


def macs(model):
    """Multiply-adds of the convolutions: each kernel weight once per output pixel."""
    total = 0
    for layer in model.layers:
        if isinstance(layer, keras.layers.Conv2D):
            _, h, w, _ = layer.output.shape
            total += h * w * math.prod(layer.kernel.shape)
    return total


inputs = keras.Input((56, 56, 256))  # a block of the first stage, after the first one
resnet_block = keras.Model(inputs, residual_block(inputs, 64, bottleneck=True, use_bias=False))
resnext = keras.Model(inputs, resnext_block(inputs, 256, cardinality=32, width=4))
blocks = {"ResNet-50 (1×64d)": (resnet_block, 1, 64), "ResNeXt-50 (32×4d)": (resnext, 32, 4)}
print("block                3×3 width  3×3 weights  parameters  formula  multiply-adds")
counts = {}
for name, (model, cardinality, width) in blocks.items():
    inner = cardinality * width
    three = 9 * width * inner  # grouped: 9 · (inner / cardinality) · inner
    counts[name] = model.count_params(), macs(model), three
    assert model.count_params() == block_params(256, cardinality, width)
    print(
        f"{name:<20} {inner:>9} {three:>12,} {model.count_params():>11,} "
        f"{block_params(256, cardinality, width):>8,} {macs(model):>14,}"
    )
(p_res, m_res, t_res), (p_nxt, m_nxt, t_nxt) = counts.values()
print(f"ResNeXt / ResNet: parameters {p_nxt / p_res:.3f}, multiply-adds {m_nxt / m_res:.3f}")
assert abs(p_nxt / p_res - 1) < 0.02 and abs(m_nxt / m_res - 1) < 0.01
assert t_res == 8 * t_nxt  # the 3×3 convolution: twice as wide, 8 times cheaper
