"""dlref.math.conv against keras.layers.Conv2D / DepthwiseConv2D / MaxPooling2D / AveragePooling2D.

Keras layers get the same weights with ``set_weights`` after ``build``; float32, atol 1e-4
(grouped convolutions in float64, to 1e-12).
"""

from __future__ import annotations

import itertools

import keras
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlref.math.conv import (
    avg_pool2d,
    conv2d,
    conv2d_transpose,
    conv_output_size,
    conv_transpose_output_size,
    depthwise_conv2d,
    max_pool2d,
    receptive_field,
)

ATOL = 1e-4
RNG = np.random.default_rng(0)
# Odd height, even width: 'same' padding is then asymmetric along one axis and not the other.
X = RNG.normal(size=(2, 9, 8, 3)).astype(np.float32)

# (strides, dilation_rate): Keras forbids strides > 1 together with dilation_rate > 1.
GEOMETRIES = [(1, 1), (2, 1), (3, 1), ((2, 1), 1), (1, 2), (1, (2, 3))]


def _np(tensor) -> np.ndarray:
    return keras.ops.convert_to_numpy(tensor)


@pytest.mark.parametrize("padding", ["valid", "same"])
@pytest.mark.parametrize(("strides", "dilation"), GEOMETRIES)
@pytest.mark.parametrize(("kernel_size", "c_out"), [((3, 3), 4), ((2, 3), 1), ((1, 1), 2)])
def test_conv2d_matches_keras(padding, strides, dilation, kernel_size, c_out):
    kernel = RNG.normal(size=(*kernel_size, X.shape[-1], c_out)).astype(np.float32)
    bias = RNG.normal(size=c_out).astype(np.float32)
    layer = keras.layers.Conv2D(
        c_out, kernel_size, strides=strides, padding=padding, dilation_rate=dilation
    )
    layer.build(X.shape)
    layer.set_weights([kernel, bias])
    expected = _np(layer(X))
    got = conv2d(X, kernel, bias, stride=strides, padding=padding, dilation=dilation)
    assert got.shape == expected.shape == layer.compute_output_shape(X.shape)
    assert got.dtype == np.float32
    np.testing.assert_allclose(got, expected, atol=ATOL)


@pytest.mark.parametrize("padding", ["valid", "same"])
def test_conv2d_without_bias_matches_keras_use_bias_false(padding):
    kernel = RNG.normal(size=(3, 3, 3, 5)).astype(np.float32)
    layer = keras.layers.Conv2D(5, 3, padding=padding, use_bias=False)
    layer.build(X.shape)
    layer.set_weights([kernel])
    np.testing.assert_allclose(conv2d(X, kernel, padding=padding), _np(layer(X)), atol=ATOL)


@pytest.mark.parametrize("padding", ["valid", "same"])
@pytest.mark.parametrize(("strides", "dilation"), [(1, 1), (2, 1), (1, 2), (1, (2, 1))])
@pytest.mark.parametrize(("kernel_size", "multiplier"), [((3, 3), 1), ((2, 3), 2)])
def test_depthwise_conv2d_matches_keras(padding, strides, dilation, kernel_size, multiplier):
    # TensorFlow's depthwise kernel needs equal row and column strides.
    kernel = RNG.normal(size=(*kernel_size, X.shape[-1], multiplier)).astype(np.float32)
    bias = RNG.normal(size=X.shape[-1] * multiplier).astype(np.float32)
    layer = keras.layers.DepthwiseConv2D(
        kernel_size,
        strides=strides,
        padding=padding,
        depth_multiplier=multiplier,
        dilation_rate=dilation,
    )
    layer.build(X.shape)
    layer.set_weights([kernel, bias])
    expected = _np(layer(X))
    got = depthwise_conv2d(X, kernel, bias, stride=strides, padding=padding, dilation=dilation)
    assert got.shape == expected.shape
    np.testing.assert_allclose(got, expected, atol=ATOL)


# Grouped convolutions in float64: 6 input channels split into 2, 3 or 6 groups.
X6 = np.random.default_rng(1).normal(size=(2, 9, 8, 6))
GROUPED = [  # (groups, strides, padding, dilation_rate)
    (2, 1, "valid", 1),
    (2, 2, "same", 1),
    (3, 1, "same", 2),
    (3, (2, 1), "valid", 1),
    (6, 3, "same", 1),
    (6, 1, "valid", (2, 3)),
    (3, 2, "valid", 1),
    (2, 1, "same", (1, 2)),
]


@pytest.mark.parametrize(("groups", "strides", "padding", "dilation"), GROUPED)
@pytest.mark.parametrize(("kernel_size", "c_out"), [((3, 3), 12), ((2, 3), 6)])
def test_grouped_conv2d_matches_keras_in_float64(
    groups, strides, padding, dilation, kernel_size, c_out
):
    rng = np.random.default_rng(groups)
    layer = keras.layers.Conv2D(
        c_out,
        kernel_size,
        strides=strides,
        padding=padding,
        dilation_rate=dilation,
        groups=groups,
        dtype="float64",
    )
    layer.build(X6.shape)
    assert layer.kernel.shape == (*kernel_size, 6 // groups, c_out)
    kernel = rng.normal(size=layer.kernel.shape)
    bias = rng.normal(size=c_out)
    layer.set_weights([kernel, bias])
    expected = _np(layer(X6))
    got = conv2d(
        X6, kernel, bias, stride=strides, padding=padding, dilation=dilation, groups=groups
    )
    assert got.shape == expected.shape and got.dtype == expected.dtype == np.float64
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-12)


def test_groups_1_is_the_ordinary_convolution():
    kernel = RNG.normal(size=(3, 3, 3, 4)).astype(np.float32)
    bias = RNG.normal(size=4).astype(np.float32)
    for padding, stride in [("valid", 1), ("same", 2)]:
        plain = conv2d(X, kernel, bias, stride=stride, padding=padding)
        grouped = conv2d(X, kernel, bias, stride=stride, padding=padding, groups=1)
        np.testing.assert_array_equal(grouped, plain)
        assert grouped.dtype == np.float32


@pytest.mark.parametrize("groups", [2, 3, 6])
def test_grouped_conv2d_is_a_block_diagonal_convolution(groups):
    """Each group of outputs is an ordinary convolution of its own group of input channels."""
    rng = np.random.default_rng(0)
    c_in, c_out = 6, 12
    kernel = rng.normal(size=(3, 3, c_in // groups, c_out))
    got = conv2d(X6, kernel, padding="same", groups=groups)
    full = np.zeros((3, 3, c_in, c_out))  # the same weights, zero between different groups
    a, b = c_in // groups, c_out // groups
    for g in range(groups):
        full[:, :, g * a : (g + 1) * a, g * b : (g + 1) * b] = kernel[:, :, :, g * b : (g + 1) * b]
        alone = conv2d(
            X6[..., g * a : (g + 1) * a], kernel[..., g * b : (g + 1) * b], padding="same"
        )
        np.testing.assert_allclose(got[..., g * b : (g + 1) * b], alone, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(got, conv2d(X6, full, padding="same"), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("multiplier", [1, 2])
@pytest.mark.parametrize(
    ("strides", "padding", "dilation"), [(1, "valid", 1), (2, "same", 1), (1, "same", 2)]
)
def test_groups_equal_to_channels_is_depthwise(multiplier, strides, padding, dilation):
    rng = np.random.default_rng(multiplier)
    c_in = X6.shape[-1]
    kernel = rng.normal(size=(3, 3, 1, c_in * multiplier))  # one input channel per group
    bias = rng.normal(size=c_in * multiplier)
    grouped = conv2d(
        X6, kernel, bias, stride=strides, padding=padding, dilation=dilation, groups=c_in
    )
    depthwise = depthwise_conv2d(
        X6,
        kernel.reshape(3, 3, c_in, multiplier),  # output channel c*M + m comes from channel c
        bias,
        stride=strides,
        padding=padding,
        dilation=dilation,
    )
    np.testing.assert_allclose(grouped, depthwise, rtol=1e-12, atol=1e-12)


def test_keras_also_requires_groups_to_divide_the_channels():
    with pytest.raises(ValueError, match="groups"):
        keras.layers.Conv2D(4, 3, groups=3)
    layer = keras.layers.Conv2D(8, 3, groups=4)  # 8 filters, but 6 input channels
    with pytest.raises(ValueError, match="groups"):
        layer.build(X6.shape)


@pytest.mark.parametrize("padding", ["valid", "same"])
@pytest.mark.parametrize("strides", [1, 2, 3, (2, 1)])
@pytest.mark.parametrize(("kernel_size", "c_out"), [((3, 3), 4), ((2, 3), 1), ((4, 4), 2), (1, 2)])
def test_conv2d_transpose_matches_keras(padding, strides, kernel_size, c_out):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    kernel = RNG.normal(size=(kh, kw, c_out, X.shape[-1])).astype(np.float32)
    bias = RNG.normal(size=c_out).astype(np.float32)
    layer = keras.layers.Conv2DTranspose(c_out, kernel_size, strides=strides, padding=padding)
    layer.build(X.shape)
    layer.set_weights([kernel, bias])
    expected = _np(layer(X))
    got = conv2d_transpose(X, kernel, bias, stride=strides, padding=padding)
    assert got.shape == expected.shape == tuple(layer.compute_output_shape(X.shape))
    assert got.dtype == np.float32
    np.testing.assert_allclose(got, expected, atol=ATOL)


@pytest.mark.parametrize("padding", ["valid", "same"])
@pytest.mark.parametrize(
    ("kernel_size", "strides", "output_padding"),
    [(3, 2, 0), (3, 2, 1), (3, 3, 2), (4, 2, 1), (2, 3, (1, 2)), (1, 2, 1), ((3, 4), 2, (0, 1))],
)
def test_conv2d_transpose_output_padding_matches_keras(
    padding, kernel_size, strides, output_padding
):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    kernel = RNG.normal(size=(kh, kw, 2, X.shape[-1])).astype(np.float32)
    bias = RNG.normal(size=2).astype(np.float32)
    layer = keras.layers.Conv2DTranspose(
        2, kernel_size, strides=strides, padding=padding, output_padding=output_padding
    )
    layer.build(X.shape)
    layer.set_weights([kernel, bias])
    expected = _np(layer(X))
    got = conv2d_transpose(X, kernel, bias, strides, padding, output_padding)
    assert got.shape == expected.shape
    np.testing.assert_allclose(got, expected, atol=ATOL)


def test_conv_transpose_output_size_equals_keras_shape():
    for n, k, s, padding, output_padding in itertools.product(
        (1, 4, 7), (1, 2, 3, 5), (1, 2, 3), ("valid", "same"), (None, 0, 1, 2)
    ):
        if output_padding is not None and output_padding >= s:
            continue
        if padding == "same" and k % 2 == 0 and output_padding == 0:
            with pytest.raises(ValueError, match="even kernel_size"):
                conv_transpose_output_size(n, k, s, padding, output_padding)
            continue
        layer = keras.layers.Conv2DTranspose(
            1, k, strides=s, padding=padding, output_padding=output_padding
        )
        expected = layer.compute_output_shape((1, n, n, 1))[1]
        assert conv_transpose_output_size(n, k, s, padding, output_padding) == expected
    assert conv_transpose_output_size(4, 3, 2) == 9  # (n - 1) s + k
    assert conv_transpose_output_size(4, 2, 3) == 12  # stride > kernel: (n - 1) s + s
    assert conv_transpose_output_size(4, 3, 2, "same") == 8  # n s


@pytest.mark.parametrize("padding", ["valid", "same"])
@pytest.mark.parametrize(
    ("size", "kernel_size", "stride"),
    [(9, 3, 1), (9, 3, 2), (8, 4, 2), (10, 3, 3), (7, 2, 2), (6, 1, 2)],
)
def test_conv2d_transpose_is_the_adjoint_of_conv2d(padding, size, kernel_size, stride):
    # <conv2d(a), b> = <a, conv2d_transpose(b)> when the transposed output has a's size; the
    # output padding needed for that is whatever conv2d dropped at the bottom/right.
    rng = np.random.default_rng(1)
    kernel = rng.normal(size=(kernel_size, kernel_size, 3, 2))
    a = rng.normal(size=(2, size, size, 3))
    forward = conv2d(a, kernel, stride=stride, padding=padding)
    b = rng.normal(size=forward.shape)
    n = forward.shape[1]
    output_padding = None
    if size != conv_transpose_output_size(n, kernel_size, stride, padding):
        base = kernel_size if padding == "valid" else kernel_size % 2
        output_padding = size - (n - 1) * stride - base
    back = conv2d_transpose(
        b, kernel, stride=stride, padding=padding, output_padding=output_padding
    )
    assert back.shape == a.shape
    assert np.isclose(np.sum(forward * b), np.sum(a * back))


def test_conv2d_transpose_stamps_the_kernel():
    # One bright pixel leaves one copy of the kernel; stride 2 places the copies two apart.
    kernel = np.arange(9.0).reshape(3, 3, 1, 1)
    x = np.zeros((1, 2, 2, 1))
    x[0, 1, 0, 0] = 1.0
    out = conv2d_transpose(x, kernel, stride=2)[0, :, :, 0]
    expected = np.zeros((5, 5))
    expected[2:5, 0:3] = kernel[:, :, 0, 0]
    np.testing.assert_array_equal(out, expected)


POOLS = [(2, None), (3, None), (3, 2), ((2, 3), (1, 2)), (2, 1), ((3, 1), None)]


@pytest.mark.parametrize("padding", ["valid", "same"])
@pytest.mark.parametrize(("pool_size", "strides"), POOLS)
@pytest.mark.parametrize(
    ("ours", "theirs"),
    [(max_pool2d, keras.layers.MaxPooling2D), (avg_pool2d, keras.layers.AveragePooling2D)],
    ids=["max", "avg"],
)
def test_pooling_matches_keras(ours, theirs, pool_size, strides, padding):
    layer = theirs(pool_size=pool_size, strides=strides, padding=padding)
    expected = _np(layer(X))
    got = ours(X, pool_size=pool_size, strides=strides, padding=padding)
    assert got.shape == expected.shape == layer.compute_output_shape(X.shape)
    assert got.dtype == np.float32
    np.testing.assert_allclose(got, expected, atol=ATOL)


def test_same_average_pooling_ignores_padded_pixels():
    x = np.ones((1, 3, 3, 1), dtype=np.float32)
    np.testing.assert_array_equal(avg_pool2d(x, 2, padding="same"), np.ones((1, 2, 2, 1)))


def test_same_padding_puts_the_extra_pixel_bottom_right():
    # A 2x2 kernel of ones over a 3x3 image with 'same' padding: TensorFlow pads 0 before and 1
    # after, so the top-left output sums the top-left 2x2 block.
    x = np.arange(9.0).reshape(1, 3, 3, 1)
    out = conv2d(x, np.ones((2, 2, 1, 1)), padding="same")
    np.testing.assert_array_equal(out[0, :, :, 0], [[8, 12, 7], [20, 24, 13], [13, 15, 8]])


def test_float64_input_gives_float64():
    kernel = np.ones((3, 3, 3, 2))
    assert conv2d(X.astype(np.float64), kernel).dtype == np.float64


def test_conv_output_size_formulas():
    assert conv_output_size(32, 3) == 30
    assert conv_output_size(32, 3, padding="same") == 32
    assert conv_output_size(7, 3, stride=2) == 3
    assert conv_output_size(7, 3, stride=2, padding="same") == 4
    assert conv_output_size(9, 3, dilation=2) == 5
    assert conv_output_size(5, 3, dilation=2) == 1
    with pytest.raises(ValueError, match=r"input_size=4.*kernel span 5"):
        conv_output_size(4, 3, dilation=2)
    with pytest.raises(ValueError, match="stride"):
        conv_output_size(8, 3, stride=0)
    with pytest.raises(ValueError, match="padding"):
        conv_output_size(8, 3, padding="full")


@settings(max_examples=40, deadline=None)
@given(
    h=st.integers(1, 12),
    w=st.integers(1, 12),
    k=st.integers(1, 4),
    s=st.integers(1, 3),
    d=st.integers(1, 3),
    padding=st.sampled_from(["valid", "same"]),
)
def test_output_shape_equals_conv_output_size(h, w, k, s, d, padding):
    if s > 1 and d > 1:
        d = 1
    span = d * (k - 1) + 1
    x = np.zeros((1, h, w, 2), dtype=np.float32)
    kernel = np.zeros((k, k, 2, 3), dtype=np.float32)
    if padding == "valid" and min(h, w) < span:
        with pytest.raises(ValueError, match="too small"):
            conv2d(x, kernel, stride=s, padding=padding, dilation=d)
        return
    out = conv2d(x, kernel, stride=s, padding=padding, dilation=d)
    expected = tuple(conv_output_size(n, k, s, padding, d) for n in (h, w))
    assert out.shape == (1, *expected, 3)
    if min(h, w) >= k:
        pooled = max_pool2d(x, k, s, padding)
        assert pooled.shape[1:3] == tuple(conv_output_size(n, k, s, padding) for n in (h, w))


def test_receptive_field_of_stacked_3x3():
    assert receptive_field([(3, 1, 1)]) == 3
    assert receptive_field([(3, 1, 1)] * 2) == 5
    assert receptive_field([(3, 1, 1)] * 3) == 7
    assert receptive_field([(3, 1), (2, 2), (3, 1)]) == 3 + 1 + 2 * 2
    assert receptive_field([(3, 1, 2), (3, 1, 4)]) == 1 + 2 * 2 + 2 * 4


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(1, 3), st.integers(1, 2), st.integers(1, 2)).map(
            lambda t: t if t[1] == 1 else (t[0], t[1], 1)
        ),
        min_size=1,
        max_size=3,
    )
)
def test_receptive_field_is_the_support_of_one_output(layers):
    # Push one impulse per input position through stacked all-ones 'valid' convolutions (along
    # the width only): the inputs that reach output pixel 0 span the receptive field (dilated
    # kernels leave holes inside it).
    width = receptive_field(layers) + 6
    x = np.eye(width).reshape(width, 1, width, 1)
    for k, s, d in layers:
        x = conv2d(x, np.ones((1, k, 1, 1)), stride=(1, s), dilation=(1, d))
    reached = np.flatnonzero(x[:, 0, 0, 0])
    assert reached[0] == 0
    assert reached[-1] + 1 == receptive_field(layers)


@pytest.mark.parametrize(
    ("call", "error", "pattern"),
    [
        (lambda: conv2d(X[0], np.ones((3, 3, 3, 1))), ValueError, r"x must be 4-D.*\(9, 8, 3\)"),
        (lambda: conv2d(X, np.ones((3, 3, 3))), ValueError, r"kernel must be 4-D.*\(3, 3, 3\)"),
        (lambda: conv2d(X, np.ones((3, 3, 2, 1))), ValueError, r"kernel expects C_in=2.*x has 3"),
        (lambda: conv2d(X, np.ones((3, 3, 3, 4)), np.ones(3)), ValueError, r"bias.*\(4,\)"),
        (lambda: conv2d(X, np.ones((3, 3, 3, 1)), stride=0), ValueError, "stride must be >= 1"),
        (lambda: conv2d(X, np.ones((3, 3, 3, 1)), stride=(1, -1)), ValueError, r"stride\[1\]"),
        (lambda: conv2d(X, np.ones((3, 3, 3, 1)), stride=1.5), TypeError, "stride"),
        (lambda: conv2d(X, np.ones((3, 3, 3, 1)), stride=(1, 2, 3)), ValueError, "stride"),
        (lambda: conv2d(X, np.ones((3, 3, 3, 1)), dilation=0), ValueError, "dilation"),
        (
            lambda: conv2d(X, np.ones((3, 3, 3, 1)), stride=2, dilation=2),
            ValueError,
            "stride > 1 cannot be combined with dilation > 1",
        ),
        (lambda: conv2d(X, np.ones((3, 3, 3, 1)), padding="full"), ValueError, "padding"),
        (lambda: conv2d(X, np.ones((10, 3, 3, 1))), ValueError, "x is too small.*H=9"),
        (lambda: conv2d(X.astype(bool), np.ones((3, 3, 3, 1))), TypeError, r"\bx\b"),
        (lambda: conv2d(X, np.ones((3, 3, 3, 1)), groups=0), ValueError, "groups must be >= 1"),
        (lambda: conv2d(X, np.ones((3, 3, 3, 1)), groups=1.0), TypeError, "groups must be an int"),
        (lambda: conv2d(X, np.ones((3, 3, 3, 1)), groups=True), TypeError, "groups must be an int"),
        (
            lambda: conv2d(X, np.ones((3, 3, 1, 4)), groups=2),
            ValueError,
            r"groups=2 must divide the number of input channels, but x has C_in=3",
        ),
        (
            lambda: conv2d(X6, np.ones((3, 3, 2, 4)), groups=3),
            ValueError,
            r"groups=3 must divide the number of output channels, but the kernel has C_out=4",
        ),
        (
            lambda: conv2d(X6, np.ones((3, 3, 6, 6)), groups=3),
            ValueError,
            r"with groups=3, kernel must have shape \(kh, kw, C_in/groups, C_out\) = "
            r"\(kh, kw, 2, C_out\).*got kernel shape \(3, 3, 6, 6\)",
        ),
        (
            lambda: conv2d(X6, np.ones((3, 3, 2)), groups=3),
            ValueError,
            r"kernel must be 4-D \(kh, kw, C_in/groups, C_out\)",
        ),
        (lambda: conv2d(X6, np.ones((3, 3, 2, 6)), np.ones(3), groups=3), ValueError, r"\(6,\)"),
        (
            lambda: depthwise_conv2d(X, np.ones((3, 3, 4, 1))),
            ValueError,
            "kernel expects C_in=4",
        ),
        (lambda: depthwise_conv2d(X, np.ones((3, 3, 3, 2)), np.ones(3)), ValueError, r"\(6,\)"),
        (lambda: max_pool2d(X[0]), ValueError, "x must be 4-D"),
        (lambda: max_pool2d(X, pool_size=0), ValueError, "pool_size"),
        (lambda: avg_pool2d(X, strides=0), ValueError, "strides"),
        (lambda: avg_pool2d(X, padding="causal"), ValueError, "padding"),
        (lambda: max_pool2d(X, pool_size=10), ValueError, "too small for pool_size"),
        (lambda: conv2d_transpose(X[0], np.ones((3, 3, 1, 3))), ValueError, "x must be 4-D"),
        (
            lambda: conv2d_transpose(X, np.ones((3, 3, 3))),
            ValueError,
            r"kernel must be 4-D \(kh, kw, C_out, C_in\)",
        ),
        (
            lambda: conv2d_transpose(X, np.ones((3, 3, 3, 2))),
            ValueError,
            "kernel expects C_in=2 input channels in its last axis.*x has 3",
        ),
        (lambda: conv2d_transpose(X, np.ones((3, 3, 4, 3)), np.ones(3)), ValueError, r"\(4,\)"),
        (lambda: conv2d_transpose(X, np.ones((3, 3, 1, 3)), stride=0), ValueError, "stride"),
        (lambda: conv2d_transpose(X, np.ones((3, 3, 1, 3)), padding="full"), ValueError, "padding"),
        (
            lambda: conv2d_transpose(X, np.ones((3, 3, 1, 3)), stride=2, output_padding=2),
            ValueError,
            "output_padding must be smaller than the stride 2",
        ),
        (
            lambda: conv2d_transpose(X, np.ones((3, 3, 1, 3)), output_padding=(0, 0, 0)),
            ValueError,
            "output_padding must be None, an int or a pair",
        ),
        (
            lambda: conv2d_transpose(X, np.ones((3, 3, 1, 3)), stride=2, output_padding=(0, 2)),
            ValueError,
            r"output_padding\[1\]",
        ),
        (
            lambda: conv2d_transpose(X, np.ones((3, 3, 1, 3)), stride=2, output_padding=0.5),
            TypeError,
            "output_padding must be an int",
        ),
        (
            lambda: conv2d_transpose(X, np.ones((2, 2, 1, 3)), None, 2, "same", 0),
            ValueError,
            "even kernel_size=2",
        ),
        (lambda: conv2d_transpose(X.astype(bool), np.ones((3, 3, 1, 3))), TypeError, r"\bx\b"),
        (lambda: conv_transpose_output_size(0, 3), ValueError, "input_size must be >= 1"),
        (lambda: conv_transpose_output_size(4, 3, padding="full"), ValueError, "padding"),
        (lambda: receptive_field([(3, 0, 1)]), ValueError, r"layers\[0\] stride"),
        (lambda: receptive_field([(3,)]), ValueError, r"layers\[0\]"),
        (lambda: receptive_field(3), TypeError, "layers"),
    ],
)
def test_bad_input_is_named(call, error, pattern):
    with pytest.raises(error, match=pattern):
        call()


def test_keras_forbids_strides_with_dilation():
    with pytest.raises(ValueError, match="dilation"):
        keras.layers.Conv2D(1, 3, strides=2, dilation_rate=2)
