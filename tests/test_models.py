"""dlref.models builders: output shapes, parameter counts computed by hand, one training step each
for the small models, and argument errors raised before any layer is built."""

from __future__ import annotations

import keras
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import dlref.models.cnn as cnn_module
import dlref.models.inception as inception_module
from dlref.math.conv import conv2d
from dlref.models._common import Window, min_input_size, output_size
from dlref.models.cnn import (
    VGG_CONFIGS,
    alexnet,
    alexnet_min_size,
    alexnet_small,
    lenet5,
    vgg,
    vgg16,
)
from dlref.models.densenet import dense_block, transition_layer
from dlref.models.inception import GOOGLENET_BLOCKS, googlenet, inception_block
from dlref.models.mlp import mlp
from dlref.models.resnet import BN_EPSILON, residual_block, resnet, resnet_small, resnext_block
from dlref.models.separable import conv_param_counts, mobilenet_block, separable_block
from dlref.models.sequence import sequence_classifier, sequence_regressor


# Hand formulas for parameter counts (weights + biases).
def conv(k: int, c_in: int, c_out: int, bias: bool = True) -> int:
    return k * k * c_in * c_out + (c_out if bias else 0)


def dense(n_in: int, n_out: int) -> int:
    return n_in * n_out + n_out


def one_step(model: keras.Model, x: np.ndarray, y: np.ndarray, loss: str) -> float:
    """Compile, run one train_on_batch step, assert the weights moved; return the loss."""
    before = [w.copy() for w in model.get_weights()]
    # One step: running eagerly skips tracing a tf.function, which costs more than the step.
    model.compile(optimizer=keras.optimizers.SGD(0.01), loss=loss, run_eagerly=True)
    value = float(np.asarray(model.train_on_batch(x, y)).ravel()[0])
    assert np.isfinite(value)
    after = model.get_weights()
    assert any(not np.array_equal(a, b) for a, b in zip(before, after, strict=True))
    return value


def labels(n: int, classes: int, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, classes, size=n)


def images(n: int, shape: tuple[int, ...], seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).normal(size=(n, *shape)).astype("float32")


@pytest.fixture
def no_building(monkeypatch):
    """Fail the test if a builder creates its Input before rejecting its arguments."""

    def boom(*args, **kwargs):
        raise AssertionError("keras.Input was called before the arguments were checked")

    monkeypatch.setattr(keras, "Input", boom)


# --- spatial arithmetic -------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(
    kernel=st.integers(1, 7),
    stride=st.integers(1, 4),
    padding=st.sampled_from(["valid", "same", 0, 1, 2]),
    out=st.integers(1, 6),
)
def test_min_input_size_is_the_smallest_that_works(kernel, stride, padding, out):
    windows = (Window(kernel, stride, padding), Window(3, 2))
    smallest = min_input_size(windows, out)
    assert output_size(windows, smallest) >= out
    assert smallest == 1 or output_size(windows, smallest - 1) < out


@pytest.mark.parametrize(
    ("builder", "smallest"),
    [
        (alexnet, 67),
        (lenet5, 16),
        (lambda shape: lenet5(shape, kernel_size=3, padding="same"), 4),
        (alexnet_small, 8),
        (lambda shape: vgg([4, "M"] * 5, shape), 32),  # the five pools of the named VGGs
        (lambda shape: googlenet(shape, aux_classifiers=True), 65),
    ],
)
def test_smallest_input_size_is_tight(monkeypatch, builder, smallest):
    """Without our check Keras builds the model at the computed minimum and fails one below."""
    monkeypatch.setattr(cnn_module, "check_image_size", lambda *a, **k: None)
    monkeypatch.setattr(inception_module, "check_image_size", lambda *a, **k: None)
    builder((smallest, smallest, 3))
    with pytest.raises(ValueError, match="zero or negative"):
        builder((smallest - 1, smallest - 1, 3))


def test_alexnet_min_size_from_layer_arithmetic():
    # Backwards from 1 pixel after the last pool: a valid k/s window needs (out - 1) * s + k.
    size = 1
    for _ in range(3):  # three 3x3/2 max-pools; the "same" convs 2-5 keep the size
        size = (size - 1) * 2 + 3
    size = (size - 1) * 4 + 11  # conv1: 11x11, stride 4
    assert alexnet_min_size() == size == 67


# --- MLP ----------------------------------------------------------------------------------------


def test_mlp_params_shapes_and_training_step():
    model = mlp(4, (16, 8), num_classes=3, dropout=0.2, l2=1e-3)
    assert model.output_shape == (None, 3)
    assert model.count_params() == dense(4, 16) + dense(16, 8) + dense(8, 3)
    assert len(model.losses) == 3  # one L2 penalty per kernel
    assert sum(isinstance(layer, keras.layers.Dropout) for layer in model.layers) == 2
    x = images(32, (4,))
    probs = keras.ops.convert_to_numpy(model(x))
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, rtol=1e-5)
    one_step(model, x, labels(32, 3), "sparse_categorical_crossentropy")


def test_mlp_logits_and_softmax_regression():
    logits = mlp(5, (), num_classes=2, output_activation=None)
    assert logits.count_params() == dense(5, 2)
    out = keras.ops.convert_to_numpy(logits(images(8, (5,))))
    assert np.abs(out.sum(axis=1) - 1.0).max() > 1e-3  # raw scores, not probabilities
    assert mlp(5, num_classes=1, output_activation="sigmoid").output_shape == (None, 1)


# --- LeNet-5, AlexNet ---------------------------------------------------------------------------


def test_lenet5_parameter_count_by_hand():
    expected = (
        conv(5, 1, 6)  # C1: 6 maps of 28x28
        + conv(5, 6, 16)  # C3 after 2x2 pooling to 14x14; output 10x10, pooled to 5x5
        + dense(5 * 5 * 16, 120)
        + dense(120, 84)
        + dense(84, 10)
    )
    assert expected == 61_706
    model = lenet5()
    assert model.count_params() == expected
    assert model.output_shape == (None, 10)
    assert [model.get_layer(n).output.shape[1] for n in ("c1", "s2", "c3", "s4")] == [28, 14, 10, 5]


def test_lenet5_sized_for_8x8_digits_by_hand():
    model = lenet5((8, 8, 1), 10, activation="relu", pooling="max", kernel_size=3, padding="same")
    expected = conv(3, 1, 6) + conv(3, 6, 16) + dense(2 * 2 * 16, 120) + dense(120, 84)
    assert model.count_params() == expected + dense(84, 10) == 19_754
    assert [model.get_layer(n).output.shape[1] for n in ("c1", "s2", "c3", "s4")] == [8, 4, 4, 2]
    one_step(model, images(4, (8, 8, 1)), labels(4, 10), "sparse_categorical_crossentropy")


def test_lenet5_on_mnist_sized_input_trains():
    model = lenet5((28, 28, 1), 10, activation="relu", pooling="max")
    assert model.count_params() == conv(5, 1, 6) + conv(5, 6, 16) + dense(4 * 4 * 16, 120) + dense(
        120, 84
    ) + dense(84, 10)
    one_step(model, images(16, (28, 28, 1)), labels(16, 10), "sparse_categorical_crossentropy")


HEAD = ["flatten", "fc6", "dropout6", "fc7", "dropout7", "fc8"]


def test_alexnet_imagenet_layout():
    model = alexnet()
    expected = (
        conv(11, 3, 96)
        + conv(5, 96, 256)
        + conv(3, 256, 384)
        + conv(3, 384, 384)
        + conv(3, 384, 256)
        + dense(6 * 6 * 256, 4096)
        + dense(4096, 4096)
        + dense(4096, 1000)
    )
    assert model.count_params() == expected == 62_378_344
    assert model.output_shape == (None, 1000)
    sizes = [model.get_layer(n).output.shape[1] for n in ("conv1", "pool1", "pool2", "pool5")]
    assert sizes == [55, 27, 13, 6]
    conv_layers = [layer for layer in model.layers if isinstance(layer, keras.layers.Conv2D)]
    dense_layers = [layer for layer in model.layers if isinstance(layer, keras.layers.Dense)]
    assert (len(conv_layers), len(dense_layers)) == (5, 3)
    # dropout on the outputs of fc6 and fc7, as in the paper, not on the conv features
    names = [layer.name for layer in model.layers]
    assert names[names.index("flatten") :] == HEAD


def test_alexnet_small_trains_on_32x32():
    model = alexnet_small((32, 32, 3), 10)
    assert model.output_shape == (None, 10)
    pools = [layer for layer in model.layers if isinstance(layer, keras.layers.MaxPooling2D)]
    assert [p.input.shape[1] for p in pools] == [32, 16, 8]  # never 1x1 or empty
    names = [layer.name for layer in model.layers]
    assert names[names.index("flatten") :] == HEAD
    one_step(model, images(8, (32, 32, 3)), labels(8, 10), "sparse_categorical_crossentropy")


# --- VGG ----------------------------------------------------------------------------------------


def vgg_params(config, size: int, classes: int, units: int, channels: int = 3) -> int:
    total, c_in = 0, channels
    for item in config:
        if item == "M":
            size //= 2
        else:
            total, c_in = total + conv(3, c_in, item), item
    return total + dense(size * size * c_in, units) + dense(units, units) + dense(units, classes)


@pytest.mark.parametrize("name", ["vgg11", "vgg13"])  # 16 and 19: test_models_reference.py
def test_named_vgg_counts_by_hand(name):
    model = vgg(name, (32, 32, 3), num_classes=10, classifier_units=64)
    assert model.count_params() == vgg_params(VGG_CONFIGS[name], 32, 10, 64)
    n_conv = sum(isinstance(layer, keras.layers.Conv2D) for layer in model.layers)
    assert n_conv + 3 == int(name[3:])  # VGG-n has n weight layers


def test_small_vgg_config_trains():
    config = [8, "M", 16, 16, "M"]
    model = vgg(config, (16, 16, 3), num_classes=4, classifier_units=32)
    assert model.output_shape == (None, 4)
    assert model.count_params() == vgg_params(config, 16, 4, 32)
    one_step(model, images(8, (16, 16, 3)), labels(8, 4), "sparse_categorical_crossentropy")


def test_vgg_without_top_matches_keras_applications():
    ours = vgg("vgg16", (32, 32, 3), include_top=False)
    theirs = keras.applications.VGG16(weights=None, include_top=False, input_shape=(32, 32, 3))
    assert ours.output_shape == theirs.output_shape == (None, 1, 1, 512)
    assert ours.count_params() == theirs.count_params()


# --- GoogLeNet ----------------------------------------------------------------------------------


def test_inception_block_channels_and_params_by_hand():
    inputs = keras.Input((28, 28, 192))
    filters = (64, 96, 128, 16, 32, 32)  # block 3a of the paper
    block = keras.Model(inputs, inception_block(inputs, *filters))
    assert block.output_shape == (None, 28, 28, 64 + 128 + 32 + 32)
    c = 192
    expected = (
        conv(1, c, 64)  # 1x1 branch
        + conv(1, c, 96)
        + conv(3, 96, 128)  # 3x3 branch
        + conv(1, c, 16)
        + conv(5, 16, 32)  # 5x5 branch
        + conv(1, c, 32)  # pool projection
    )
    assert block.count_params() == expected == 163_696


def test_googlenet_shapes_and_block_widths():
    model = googlenet()
    assert model.output_shape == (None, 1000)
    assert GOOGLENET_BLOCKS["3a"] == (64, 96, 128, 16, 32, 32)
    widths = [model.get_layer(f"inception_{b}_concat").output.shape[-1] for b in GOOGLENET_BLOCKS]
    assert widths == [256, 480, 512, 512, 512, 528, 832, 832, 1024]  # Table 1 of the paper
    sizes = [model.get_layer(f"inception_{b}_concat").output.shape[1] for b in ("3b", "4e", "5b")]
    assert sizes == [28, 14, 7]

    def block(c_in, c1, r3, c3, r5, c5, cp):
        reduce_and_1x1 = conv(1, c_in, c1) + conv(1, c_in, r3) + conv(1, c_in, r5)
        return reduce_and_1x1 + conv(3, r3, c3) + conv(5, r5, c5) + conv(1, c_in, cp)

    expected = conv(7, 3, 64) + conv(1, 64, 64) + conv(3, 64, 192) + dense(1024, 1000)
    inputs = [192, *widths[:-1]]
    for c_in, filters in zip(inputs, GOOGLENET_BLOCKS.values(), strict=True):
        expected += block(c_in, *filters)
    assert model.count_params() == expected


def test_googlenet_auxiliary_heads():
    main = googlenet((96, 96, 3), 5).count_params()
    model = googlenet((96, 96, 3), 5, aux_classifiers=True)
    assert [tuple(o.shape) for o in model.outputs] == [(None, 5)] * 3
    # 4a is 6x6 at 96x96: the 5x5/3 average pool leaves 1x1x128 for the dense layer of 1024.
    heads = sum(conv(1, c, 128) + dense(128, 1024) + dense(1024, 5) for c in (512, 528))
    assert model.count_params() == main + heads


# --- ResNet (hand counts; keras.applications in tests/test_models_reference.py) -----------------


def resnet_params(depth: int, classes: int, bias: bool) -> tuple[int, int]:
    """(total, trainable) parameters of our ResNet layout; BN: 4 weights per channel, 2 trained."""
    bottleneck = depth >= 50
    blocks = {18: (2, 2, 2, 2), 34: (3, 4, 6, 3), 50: (3, 4, 6, 3)}[depth]
    total = trainable = 0

    def add(k, c_in, c_out):  # conv + BN
        nonlocal total, trainable
        total += conv(k, c_in, c_out, bias) + 4 * c_out
        trainable += conv(k, c_in, c_out, bias) + 2 * c_out

    add(7, 3, 64)
    c_in = 64
    for stage, (filters, count) in enumerate(zip((64, 128, 256, 512), blocks, strict=True)):
        for i in range(count):
            stride = 2 if stage > 0 and i == 0 else 1
            c_out = 4 * filters if bottleneck else filters
            if stride != 1 or c_in != c_out:
                add(1, c_in, c_out)  # projection shortcut
            if bottleneck:
                add(1, c_in, filters), add(3, filters, filters), add(1, filters, c_out)
            else:
                add(3, c_in, filters), add(3, filters, filters)
            c_in = c_out
    return total + dense(c_in, classes), trainable + dense(c_in, classes)


def trainable_count(model: keras.Model) -> int:
    return sum(int(np.prod(w.shape)) for w in model.trainable_weights)


@pytest.mark.parametrize(
    ("depth", "torchvision"),
    [(18, 11_689_512), (34, 21_797_672)],
)
def test_resnet_basic_counts_by_hand(depth, torchvision):
    """Without conv biases the trainable count is torchvision's published one (1000 classes)."""
    no_bias = resnet(depth, (32, 32, 3), 1000, use_bias=False)
    total, trainable = resnet_params(depth, 1000, bias=False)
    assert trainable_count(no_bias) == trainable == torchvision
    assert no_bias.count_params() == total


def test_resnet18_with_conv_biases_by_hand():
    model = resnet(18, (32, 32, 3), 1000)  # keras.applications convention (the default)
    assert model.count_params() == resnet_params(18, 1000, bias=True)[0]


def test_resnet18_on_32x32_trains():
    model = resnet(18, (32, 32, 3), 10)
    assert model.output_shape == (None, 10)
    assert model.get_layer("conv5_block2_out").output.shape[1:] == (1, 1, 512)
    one_step(model, images(4, (32, 32, 3)), labels(4, 10), "sparse_categorical_crossentropy")


def test_residual_block_shortcuts():
    inputs = keras.Input((8, 8, 16))
    same = keras.Model(inputs, residual_block(inputs, 16))  # identity shortcut
    assert same.output_shape == (None, 8, 8, 16)
    assert same.count_params() == 2 * (conv(3, 16, 16) + 4 * 16)
    down = keras.Model(inputs, residual_block(inputs, 32, stride=2))  # projection
    assert down.output_shape == (None, 4, 4, 32)
    assert down.count_params() == conv(3, 16, 32) + conv(3, 32, 32) + conv(1, 16, 32) + 3 * 4 * 32
    neck = keras.Model(inputs, residual_block(inputs, 8, bottleneck=True, use_bias=False))
    assert neck.output_shape == (None, 8, 8, 32)
    layers = [(1, 16, 8), (3, 8, 8), (1, 8, 32), (1, 16, 32)]  # 3 convs + projection
    assert neck.count_params() == sum(conv(k, a, b, bias=False) + 4 * b for k, a, b in layers)


def test_residual_block_is_identity_plus_residual():
    """With the residual branch's last BN scale at zero the block outputs ReLU(x)."""
    inputs = keras.Input((4, 4, 8))
    block = keras.Model(inputs, residual_block(inputs, 8, name="b"))
    bn = block.get_layer("b_2_bn")
    gamma, beta, mean, var = bn.get_weights()
    bn.set_weights([np.zeros_like(gamma), np.zeros_like(beta), mean, var])
    x = images(2, (4, 4, 8))
    np.testing.assert_allclose(keras.ops.convert_to_numpy(block(x)), np.maximum(x, 0), atol=1e-6)


def resnext_params(c_in: int, filters: int, cardinality: int, width: int, stride: int) -> int:
    """1x1 to C*d, 3x3 in C groups (9 * d inputs per output channel), 1x1 to filters, no biases;
    BN has 4 numbers per channel; a projection where the width or the stride changes."""
    inner = cardinality * width
    total = c_in * inner + 9 * width * inner + inner * filters + 4 * (2 * inner + filters)
    if stride != 1 or c_in != filters:
        total += c_in * filters + 4 * filters
    return total


@pytest.mark.parametrize(
    ("c_in", "filters", "cardinality", "width", "stride"),
    [(256, 256, 32, 4, 1), (256, 512, 32, 8, 2), (16, 16, 1, 8, 1), (8, 12, 4, 3, 2)],
)
def test_resnext_block_counts_by_formula(c_in, filters, cardinality, width, stride):
    inputs = keras.Input((8, 8, c_in))
    block = keras.Model(
        inputs, resnext_block(inputs, filters, cardinality, width, stride, name="b")
    )
    assert block.count_params() == resnext_params(c_in, filters, cardinality, width, stride)
    assert block.output_shape == (None, 8 // stride, 8 // stride, filters)
    grouped = block.get_layer("b_2_conv")  # the stride sits on the grouped 3x3 convolution
    assert grouped.groups == cardinality and grouped.strides == (stride, stride)
    assert tuple(grouped.kernel.shape) == (3, 3, width, cardinality * width)
    assert block.get_layer("b_1_conv").strides == (1, 1)


def test_resnext_block_of_cardinality_1_is_the_resnet_bottleneck():
    inputs = keras.Input((6, 6, 32))
    ours = keras.Model(inputs, resnext_block(inputs, 32, cardinality=1, width=8))
    theirs = keras.Model(inputs, residual_block(inputs, 8, bottleneck=True, use_bias=False))
    assert ours.count_params() == theirs.count_params() == resnext_params(32, 32, 1, 8, 1)
    theirs.set_weights(ours.get_weights())
    x = images(2, (6, 6, 32))
    np.testing.assert_allclose(
        keras.ops.convert_to_numpy(ours(x)), keras.ops.convert_to_numpy(theirs(x)), atol=1e-6
    )


def test_resnext_block_equals_dlref_grouped_conv2d():
    """Inference output rebuilt from dlref.math.conv2d(groups=...) and the BN formula."""
    inputs = keras.Input((6, 6, 8))
    block = keras.Model(inputs, resnext_block(inputs, 12, 4, 2, stride=2, name="b"))
    rng = np.random.default_rng(0)
    params = {}
    for layer in block.layers:
        if isinstance(layer, keras.layers.BatchNormalization):
            c = layer.gamma.shape[0]
            stats = [
                rng.normal(size=c),
                rng.normal(size=c),
                rng.normal(size=c),
                rng.random(c) + 0.5,
            ]
            layer.set_weights([w.astype("float32") for w in stats])
        if layer.weights:
            params[layer.name] = [w.astype(np.float64) for w in layer.get_weights()]

    def conv_bn(x, unit, stride=1, groups=1):
        y = conv2d(x, params[f"b_{unit}_conv"][0], stride=stride, padding="same", groups=groups)
        gamma, beta, mean, var = params[f"b_{unit}_bn"]
        return gamma * (y - mean) / np.sqrt(var + BN_EPSILON) + beta

    x = images(2, (6, 6, 8)).astype(np.float64)
    y = np.maximum(conv_bn(x, 1), 0)
    y = np.maximum(conv_bn(y, 2, stride=2, groups=4), 0)
    y = conv_bn(y, 3) + conv_bn(x, 0, stride=2)  # projection shortcut: 8 -> 12 channels
    expected = np.maximum(y, 0)
    got = keras.ops.convert_to_numpy(block(x.astype("float32"), training=False))
    np.testing.assert_allclose(got, expected, atol=1e-4)


def test_resnext_block_checks_its_arguments():
    x = keras.Input((8, 8, 16))
    with pytest.raises(ValueError, match="x must be a 4-D"):
        resnext_block(keras.Input((8,)))
    with pytest.raises(ValueError, match="cardinality must be >= 1; got 0"):
        resnext_block(x, 16, cardinality=0)
    with pytest.raises(TypeError, match="cardinality must be an int"):
        resnext_block(x, 16, cardinality=2.0)
    with pytest.raises(ValueError, match="width must be >= 1; got 0"):
        resnext_block(x, 16, width=0)
    with pytest.raises(ValueError, match="filters must be >= 1"):
        resnext_block(x, 0)
    with pytest.raises(ValueError, match="stride must be >= 1"):
        resnext_block(x, 16, stride=0)
    with pytest.raises(TypeError, match="use_bias must be a bool"):
        resnext_block(x, 16, use_bias="no")
    with pytest.raises(ValueError, match=r"bn_momentum must be in \[0, 1\)"):
        resnext_block(x, 16, bn_momentum=1.0)


def resnet_small_params(widths: tuple[int, ...], blocks: int, channels: int, classes: int) -> int:
    """Stem conv + BN, basic blocks (a projection where the width or the stride changes), head."""
    total = conv(3, channels, widths[0]) + 4 * widths[0]
    c_in = widths[0]
    for stage, filters in enumerate(widths):
        for i in range(blocks):
            if (stage > 0 and i == 0) or c_in != filters:
                total += conv(1, c_in, filters) + 4 * filters
            total += conv(3, c_in, filters) + conv(3, filters, filters) + 2 * 4 * filters
            c_in = filters
    return total + dense(c_in, classes)


@pytest.mark.parametrize(
    ("widths", "blocks", "shape"),
    [((16, 32), 1, (8, 8, 1)), ((16, 32, 64), 3, (32, 32, 3)), ((8,), 2, (5, 5, 2))],
)
def test_resnet_small_counts_by_hand(widths, blocks, shape):
    model = resnet_small(shape, 10, widths=widths, blocks=blocks)
    assert model.count_params() == resnet_small_params(widths, blocks, shape[-1], 10)
    convs = [layer for layer in model.layers if isinstance(layer, keras.layers.Conv2D)]
    projections = len(widths) - 1  # one per stage after the first
    assert len(convs) == 1 + 2 * blocks * len(widths) + projections
    side = shape[0]
    for _ in widths[1:]:
        side = (side + 1) // 2  # stride 2, 'same' padding
    assert model.get_layer("avg_pool").input.shape[1:] == (side, side, widths[-1])


def test_resnet_small_equals_the_same_network_built_from_keras_layers():
    """The builder computes what a hand-written Keras model with the same weights computes."""
    keras.utils.set_random_seed(0)
    model = resnet_small((8, 8, 1), 10, widths=(4, 8), bn_momentum=0.9)
    inputs = keras.Input((8, 8, 1))

    def conv_bn(x, filters, kernel, stride=1):
        x = keras.layers.Conv2D(filters, kernel, strides=stride, padding="same")(x)
        return keras.layers.BatchNormalization(epsilon=1.001e-5)(x)

    x = keras.layers.ReLU()(conv_bn(inputs, 4, 3))
    y = conv_bn(keras.layers.ReLU()(conv_bn(x, 4, 3)), 4, 3)
    x = keras.layers.ReLU()(keras.layers.Add()([x, y]))
    shortcut = conv_bn(x, 8, 1, stride=2)
    y = conv_bn(keras.layers.ReLU()(conv_bn(x, 8, 3, stride=2)), 8, 3)
    x = keras.layers.ReLU()(keras.layers.Add()([shortcut, y]))
    x = keras.layers.GlobalAveragePooling2D()(x)
    reference = keras.Model(inputs, keras.layers.Dense(10, activation="softmax")(x))
    ours = [w for w in model.layers if w.weights]
    theirs = [w for w in reference.layers if w.weights]
    assert [type(w).__name__ for w in ours] == [type(w).__name__ for w in theirs]
    for a, b in zip(ours, theirs, strict=True):
        if isinstance(a, keras.layers.BatchNormalization):  # non-trivial statistics
            gamma, beta, mean, var = (w.copy() for w in a.get_weights())
            rng = np.random.default_rng(len(gamma))
            a.set_weights([gamma + 0.1, beta + 0.2, mean + rng.normal(size=mean.shape), var * 2])
        b.set_weights(a.get_weights())
    x = images(3, (8, 8, 1))
    np.testing.assert_allclose(
        keras.ops.convert_to_numpy(model(x)), keras.ops.convert_to_numpy(reference(x)), atol=1e-6
    )


def test_bn_momentum_reaches_every_batch_normalisation():
    model = resnet_small((8, 8, 1), 10, widths=(4, 8), bn_momentum=0.9)
    norms = [layer for layer in model.layers if isinstance(layer, keras.layers.BatchNormalization)]
    assert len(norms) == 6 and {layer.momentum for layer in norms} == {0.9}
    inputs = keras.Input((4, 4, 8))
    block = keras.Model(inputs, residual_block(inputs, 16, stride=2))  # default: Keras' 0.99
    assert {layer.momentum for layer in block.layers if "Batch" in type(layer).__name__} == {0.99}
    # one training step moves each moving mean by (1 - momentum) towards the batch mean
    x = images(16, (8, 8, 1))
    stem = model.get_layer("stem_bn")
    before = stem.moving_mean.numpy().copy()
    conv_out = keras.Model(model.input, model.get_layer("stem_conv").output)
    batch_mean = keras.ops.convert_to_numpy(conv_out(x)).mean(axis=(0, 1, 2))
    one_step(model, x, labels(16, 10), "sparse_categorical_crossentropy")
    np.testing.assert_allclose(stem.moving_mean.numpy(), 0.9 * before + 0.1 * batch_mean, atol=1e-5)


# --- DenseNet -----------------------------------------------------------------------------------


def dense_layer(c: int, k: int, bottleneck: bool = True) -> int:
    """One dense layer receiving c channels: BN (4 per channel) and convolutions without bias."""
    if bottleneck:
        return 4 * c + conv(1, c, 4 * k, bias=False) + 4 * 4 * k + conv(3, 4 * k, k, bias=False)
    return 4 * c + conv(3, c, k, bias=False)


@pytest.mark.parametrize(
    ("k0", "num_layers", "k", "bottleneck"),
    [(64, 6, 32, True), (24, 3, 12, False), (5, 1, 4, True)],
)
def test_dense_block_channels_and_params_by_hand(k0, num_layers, k, bottleneck):
    inputs = keras.Input((8, 8, k0))
    model = keras.Model(inputs, dense_block(inputs, num_layers, k, bottleneck=bottleneck, name="d"))
    assert model.output_shape == (None, 8, 8, k0 + num_layers * k)
    for layer in range(1, num_layers + 1):  # k0 + l*k channels after layer l
        assert model.get_layer(f"d_block{layer}_concat").output.shape[-1] == k0 + layer * k
    expected = sum(dense_layer(k0 + i * k, k, bottleneck) for i in range(num_layers))
    assert model.count_params() == expected


def test_dense_block_keeps_its_input_and_trains():
    inputs = keras.Input((6, 6, 3))
    model = keras.Model(inputs, dense_block(inputs, 2, 4))
    x = images(2, (6, 6, 3))
    out = keras.ops.convert_to_numpy(model(x))
    np.testing.assert_array_equal(out[..., :3], x)  # concatenation passes the input through
    head = keras.Sequential([model, keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(3)])
    one_step(head, images(4, (6, 6, 3)), labels(4, 3), "sparse_categorical_crossentropy")


@pytest.mark.parametrize(
    ("channels", "theta", "out"), [(256, 0.5, 128), (7, 0.5, 3), (10, 1.0, 10)]
)
def test_transition_layer_by_hand(channels, theta, out):
    inputs = keras.Input((9, 8, channels))
    model = keras.Model(inputs, transition_layer(inputs, theta))
    assert model.output_shape == (None, 4, 4, out)
    assert model.count_params() == 4 * channels + conv(1, channels, out, bias=False)


def _assert_same_layers(ours: keras.Model, theirs: keras.Model, params: int) -> None:
    """Same parameter count and output, and layer by layer the same names, types and shapes."""
    assert ours.count_params() == theirs.count_params() == params
    assert ours.output_shape == theirs.output_shape
    weighted = [layer for layer in ours.layers if layer.weights]
    assert len(weighted) == len([layer for layer in theirs.layers if layer.weights])
    for layer in weighted:
        reference = theirs.get_layer(layer.name)
        assert type(layer) is type(reference)
        assert [w.shape for w in layer.weights] == [w.shape for w in reference.weights]
        assert layer.output.shape == reference.output.shape


def test_densenet121_from_the_blocks_matches_keras_applications():
    with keras.StatelessScope(initialize_variables=False):  # shapes only
        theirs = keras.applications.DenseNet121(weights=None)
        inputs = keras.Input((224, 224, 3))
        x = keras.layers.ZeroPadding2D(3)(inputs)
        x = keras.layers.Conv2D(64, 7, strides=2, use_bias=False, name="conv1_conv")(x)
        x = keras.layers.BatchNormalization(epsilon=1.001e-5, name="conv1_bn")(x)
        x = keras.layers.Activation("relu")(x)
        x = keras.layers.MaxPooling2D(3, strides=2, padding="same")(x)
        for stage, layers in enumerate((6, 12, 24, 16), start=2):
            x = dense_block(x, layers, 32, name=f"conv{stage}")
            if stage < 5:
                x = transition_layer(x, 0.5, name=f"pool{stage}")
        x = keras.layers.Activation("relu")(keras.layers.BatchNormalization(name="bn")(x))
        x = keras.layers.GlobalAveragePooling2D()(x)
        outputs = keras.layers.Dense(1000, activation="softmax", name="predictions")(x)
        _assert_same_layers(keras.Model(inputs, outputs), theirs, 8_062_504)
    keras.utils.clear_session()


# --- separable convolutions ---------------------------------------------------------------------

MOBILENET_FILTERS = [(64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2)]
MOBILENET_FILTERS += [(512, 1)] * 5 + [(1024, 2), (1024, 1)]


def test_mobilenet_from_the_blocks_matches_keras_applications():
    with keras.StatelessScope(initialize_variables=False):  # shapes only
        theirs = keras.applications.MobileNet(weights=None)
        inputs = keras.Input((224, 224, 3))
        x = keras.layers.Conv2D(32, 3, strides=2, padding="same", use_bias=False, name="conv1")(
            inputs
        )
        x = keras.layers.ReLU(6.0)(keras.layers.BatchNormalization(name="conv1_bn")(x))
        for i, (filters, stride) in enumerate(MOBILENET_FILTERS, start=1):
            x = mobilenet_block(x, filters, stride, name=f"conv_dw_{i}")
        x = keras.layers.GlobalAveragePooling2D(keepdims=True)(x)
        x = keras.layers.Conv2D(1000, 1, name="conv_preds")(x)
        outputs = keras.layers.Softmax()(keras.layers.Reshape((1000,))(x))
        _assert_same_layers(keras.Model(inputs, outputs), theirs, 4_253_864)
    keras.utils.clear_session()


def test_mobilenet_block_counts_and_strides():
    inputs = keras.Input((8, 8, 16))
    model = keras.Model(inputs, mobilenet_block(inputs, 24, stride=2, name="b"))
    assert model.output_shape == (None, 4, 4, 24)
    assert model.count_params() == 9 * 16 + 4 * 16 + 16 * 24 + 4 * 24
    assert [layer.name for layer in model.layers[1:]] == [
        "b",
        "b_bn",
        "b_relu",
        "b_pw",
        "b_pw_bn",
        "b_pw_relu",
    ]
    x = np.random.default_rng(0).normal(size=(2, 8, 8, 16)).astype("float32")
    assert float(keras.ops.max(model(x))) <= 6.0  # ReLU6
    with pytest.raises(ValueError, match="stride must be 1 or 2"):
        mobilenet_block(inputs, 8, stride=3)
    with pytest.raises(ValueError, match="filters must be >= 1"):
        mobilenet_block(inputs, 0)
    with pytest.raises(TypeError, match="name must be None or a str"):
        mobilenet_block(inputs, 8, name=3)


@settings(max_examples=10, deadline=None)
@given(
    c_in=st.integers(1, 8),
    c_out=st.integers(1, 8),
    k=st.sampled_from([1, 3, 5]),
    h=st.integers(1, 6),
    w=st.integers(1, 6),
)
def test_conv_param_counts_match_keras_layers(c_in, c_out, k, h, w):
    counts = conv_param_counts(c_in, c_out, k, height=h, width=w)
    dense_layer = keras.layers.Dense(h * w * c_out)
    dense_layer.build((None, h * w * c_in))
    conv_layer = keras.layers.Conv2D(c_out, k, padding="same")
    conv_layer.build((None, h, w, c_in))
    sep_layer = keras.layers.SeparableConv2D(c_out, k, padding="same")
    sep_layer.build((None, h, w, c_in))
    assert counts.dense == dense_layer.count_params()
    assert counts.conv == conv_layer.count_params()
    assert counts.separable == sep_layer.count_params()


def test_conv_param_counts_example():
    counts = conv_param_counts(64, 128, 3, height=32)
    assert counts.conv == 9 * 64 * 128 + 128 == 73_856
    assert counts.separable == 9 * 64 + 64 * 128 + 128 == 8_896
    assert counts.conv_over_separable == pytest.approx(73_856 / 8_896)
    assert counts.dense == (32 * 32 * 64) * (32 * 32 * 128) + 32 * 32 * 128
    no_bias = conv_param_counts(64, 128, 3, use_bias=False)
    assert (no_bias.conv, no_bias.separable) == (73_728, 8_768)


def test_separable_block():
    inputs = keras.Input((8, 8, 16))
    model = keras.Model(inputs, separable_block(inputs, 32))
    assert model.output_shape == (None, 8, 8, 32)
    assert model.count_params() == 9 * 16 + 16 * 32 + 4 * 32  # depthwise, pointwise, BN
    out = keras.ops.convert_to_numpy(model(images(2, (8, 8, 16))))
    assert out.min() >= 0.0


# --- sequence models ----------------------------------------------------------------------------


def recurrent_params(cell: str, features: int, units: int) -> int:
    base = units * features + units * units + units
    return {"rnn": base, "lstm": 4 * base, "gru": 3 * (base + units)}[cell]  # GRU: reset_after


@pytest.mark.parametrize(
    ("cell", "bidirectional"), [("rnn", False), ("lstm", False), ("gru", False), ("lstm", True)]
)
def test_sequence_classifier(cell, bidirectional):
    model = sequence_classifier(cell, (10, 3), 8, num_classes=4, bidirectional=bidirectional)
    directions = 2 if bidirectional else 1
    assert model.output_shape == (None, 4)
    assert model.count_params() == directions * recurrent_params(cell, 3, 8) + dense(
        directions * 8, 4
    )
    one_step(model, images(6, (10, 3)), labels(6, 4), "sparse_categorical_crossentropy")


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
def test_sequence_regressor_variable_length(cell):
    model = sequence_regressor(cell, (None, 2), units=4, outputs=3)
    assert model.count_params() == recurrent_params(cell, 2, 4) + dense(4, 3)
    for steps in (5, 9):
        assert keras.ops.convert_to_numpy(model(images(2, (steps, 2)))).shape == (2, 3)
    one_step(model, images(6, (7, 2)), images(6, (3,), seed=1), "mse")


# --- argument errors ----------------------------------------------------------------------------

ERRORS = [
    (lambda: alexnet((32, 32, 3), 10), r"input_shape=\(32, 32, 3\).*at least 67.*alexnet_small"),
    (lambda: vgg16((16, 16, 3)), r"input_shape=\(16, 16, 3\).*at least 32"),
    (lambda: vgg("vgg17"), r"config must be one of 'vgg11', 'vgg13', 'vgg16', 'vgg19'.*'vgg17'"),
    (lambda: vgg([64, "X"]), r"config\[1\]"),
    (lambda: vgg(["M"]), "at least one convolution"),
    (lambda: resnet(depth=20), r"depth must be one of 18, 34, 50, 101, 152; got 20"),
    (lambda: lenet5(num_classes=1), r"num_classes must be an int >= 2.*got 1"),
    (lambda: alexnet_small(num_classes=0), "num_classes"),
    (lambda: resnet(18, num_classes=-3), "num_classes"),
    (lambda: googlenet(num_classes=1), "num_classes"),
    (lambda: mlp(4, num_classes=1), "num_classes"),
    (lambda: sequence_classifier("lstm", (5, 2), num_classes=1), "num_classes"),
    (lambda: lenet5((12, 12, 1)), "at least 16"),
    (lambda: lenet5((32, 32)), r"input_shape must have 3 entries \(height, width, channels\)"),
    (lambda: lenet5((32, 0, 1)), r"input_shape\[1\] must be >= 1"),
    (lambda: lenet5(pooling="min"), "pooling"),
    (lambda: lenet5(padding="causal"), "padding must be 'valid' or 'same'"),
    (lambda: lenet5(kernel_size=0), "kernel_size must be >= 1"),
    (lambda: lenet5((8, 8, 1), kernel_size=3), "at least 10"),
    (lambda: googlenet((32, 32, 3), aux_classifiers=True), "at least 65.*aux_classifiers=False"),
    (lambda: mlp(0, num_classes=3), "input_dim"),
    (lambda: mlp(4, (8, 0), num_classes=3), r"hidden\[1\]"),
    (lambda: mlp(4, num_classes=3, activation="nope"), "activation='nope'"),
    (lambda: mlp(4, num_classes=3, dropout=1.0), r"dropout must be in \[0, 1\)"),
    (lambda: mlp(4, num_classes=3, l2=-1.0), "l2"),
    (lambda: mlp(4, num_classes=3, output_activation="relu"), "output_activation"),
    (lambda: sequence_classifier("transformer", (5, 2), num_classes=2), "cell must be one of"),
    (lambda: sequence_regressor("gru", (5,)), r"input_shape must be \(timesteps, features\)"),
    (lambda: sequence_regressor("gru", (5, 2), outputs=0), "outputs"),
    (lambda: conv_param_counts(3, 0, 3), "out_channels"),
    (lambda: resnet_small(widths=()), r"widths must name at least one stage"),
    (lambda: resnet_small(widths=(16, 0)), r"widths\[1\]"),
    (lambda: resnet_small(blocks=0), "blocks must be >= 1"),
    (lambda: resnet_small(bn_momentum=1.0), r"bn_momentum must be in \[0, 1\)"),
    (lambda: resnet_small(num_classes=1), "num_classes"),
]


@pytest.mark.parametrize(("build", "message"), ERRORS, ids=[m for _, m in ERRORS])
def test_bad_arguments_fail_before_building(no_building, build, message):
    with pytest.raises(ValueError, match=message):
        build()


def test_type_errors_name_the_argument(no_building):
    with pytest.raises(TypeError, match="input_shape"):
        lenet5("32x32")
    with pytest.raises(TypeError, match="num_classes"):
        lenet5(num_classes=10.0)
    with pytest.raises(TypeError, match="hidden"):
        mlp(4, 8, num_classes=3)
    with pytest.raises(TypeError, match="include_top"):
        vgg("vgg11", include_top="yes")
    with pytest.raises(TypeError, match="bn_momentum must be a real number"):
        resnet_small(bn_momentum="0.9")
    with pytest.raises(TypeError, match="widths"):
        resnet_small(widths=16)


def test_block_builders_check_their_input():
    with pytest.raises(ValueError, match="x must be a 4-D"):
        residual_block(keras.Input((8,)), 4)
    with pytest.raises(ValueError, match="filters_5x5"):
        inception_block(keras.Input((8, 8, 4)), 1, 1, 1, 1, 0, 1)
    with pytest.raises(ValueError, match="stride"):
        residual_block(keras.Input((8, 8, 4)), 4, stride=0)
    with pytest.raises(ValueError, match=r"bn_momentum must be in \[0, 1\)"):
        residual_block(keras.Input((8, 8, 4)), 4, bn_momentum=-0.1)
    with pytest.raises(ValueError, match="filters"):
        separable_block(keras.Input((8, 8, 4)), 0)
    with pytest.raises(ValueError, match="x must be a 4-D"):
        dense_block(keras.Input((8,)), 2)
    with pytest.raises(ValueError, match="num_layers must be >= 1"):
        dense_block(keras.Input((8, 8, 4)), 0)
    with pytest.raises(ValueError, match="growth_rate must be >= 1"):
        dense_block(keras.Input((8, 8, 4)), 2, growth_rate=0)
    with pytest.raises(TypeError, match="bottleneck"):
        dense_block(keras.Input((8, 8, 4)), 2, bottleneck="yes")
    with pytest.raises(TypeError, match="num_layers"):
        dense_block(keras.Input((8, 8, 4)), 2.0)
    with pytest.raises(ValueError, match=r"compression must be in \(0, 1\]"):
        transition_layer(keras.Input((8, 8, 4)), 0.0)
    with pytest.raises(ValueError, match="compression"):
        transition_layer(keras.Input((8, 8, 4)), 1.5)
    with pytest.raises(ValueError, match=r"keeps int\(4 \* 0.1\) = 0"):
        transition_layer(keras.Input((8, 8, 4)), 0.1)
    with pytest.raises(ValueError, match="at least 2x2"):
        transition_layer(keras.Input((1, 8, 4)), 0.5)
    with pytest.raises(ValueError, match="x must be a 4-D"):
        transition_layer(keras.Input((8, 4)), 0.5)


def test_mobilenet_same_padding_equals_keras_zero_padding_on_even_sizes():
    # keras.applications.MobileNet pads stride-2 blocks by one row and column after the image
    x = np.random.default_rng(1).normal(size=(2, 8, 8, 5)).astype("float32")
    same = keras.layers.DepthwiseConv2D(3, strides=2, padding="same", use_bias=False)
    valid = keras.layers.DepthwiseConv2D(3, strides=2, padding="valid", use_bias=False)
    padded = keras.layers.ZeroPadding2D(((0, 1), (0, 1)))(x)
    valid.build(padded.shape)
    same.build(x.shape)
    same.set_weights(valid.get_weights())
    np.testing.assert_allclose(same(x), valid(padded), rtol=0, atol=1e-6)
