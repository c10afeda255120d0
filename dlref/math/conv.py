r"""2-D convolution and pooling in NumPy, channels-last like Keras.

Images have shape ``(N, H, W, C)``. A convolution kernel has shape ``(kh, kw, C_in, C_out)``,
exactly as ``keras.layers.Conv2D`` stores it, so ``conv2d(x, *layer.get_weights())`` reproduces the
layer. Along each spatial axis of size $n$, with kernel size $k$, stride $s$ and
dilation $d$, the output size is

- ``'valid'`` (no padding): $\lfloor (n - d(k-1) - 1) / s \rfloor + 1$;
- ``'same'`` (zero padding): $\lceil n / s \rceil$, with the padding split as TensorFlow
  does: $p = \max((n' - 1)s + d(k-1) + 1 - n, 0)$ in total, $\lfloor p/2 \rfloor$
  before and the rest (one more when $p$ is odd) after, i.e. at the bottom/right.

The convolution is a cross-correlation, as in every deep-learning library:
$y_{n,i,j,o} = b_o + \sum_{u,v,c} x_{n,\,is_h + ud_h,\,js_w + vd_w,\,c}\,K_{u,v,c,o}$.
It is computed by im2col: every receptive field is copied into one row of a matrix
(`numpy.lib.stride_tricks.sliding_window_view` makes the windows without copying), and one
matrix product with the reshaped kernel gives all outputs at once. With ``groups=g`` the
channels are split into $g$ groups, the kernel has shape ``(kh, kw, C_in/g, C_out)``, and each
group of $C_\text{out}/g$ output channels sees only its own $C_\text{in}/g$ input channels:
one matrix product per group, as ``keras.layers.Conv2D(groups=g)`` computes.

The transposed convolution ``conv2d_transpose`` is the adjoint of ``conv2d``: one matrix product
with the transposed kernel matrix, then col2im, which adds every row back onto the window it came
from. Its kernel has shape ``(kh, kw, C_out, C_in)``, as ``keras.layers.Conv2DTranspose`` stores
it, i.e. the kernel of the ``conv2d`` it transposes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from numpy.typing import ArrayLike, NDArray

from dlref._validate import as_float_array, check_choice, check_int

FloatArray = NDArray[np.floating]
Pair = tuple[int, int]

PADDINGS = ("valid", "same")


def _pair(value: Any, name: str) -> Pair:
    """Return an int or a pair of ints as a pair of positive ints, naming ``name`` on error."""
    if isinstance(value, (tuple, list)):
        if len(value) != 2:
            raise ValueError(f"{name} must be an int or a pair (rows, cols); got {value!r}")
        return check_int(value[0], f"{name}[0]", minimum=1), check_int(
            value[1], f"{name}[1]", minimum=1
        )
    number = check_int(value, name, minimum=1)
    return number, number


def _effective_size(kernel_size: int, dilation: int) -> int:
    """Span of a dilated kernel: $d(k-1) + 1$."""
    return dilation * (kernel_size - 1) + 1


def conv_output_size(
    input_size: int,
    kernel_size: int,
    stride: int = 1,
    padding: str = "valid",
    dilation: int = 1,
) -> int:
    r"""Output length along one axis: $\lfloor (n - d(k-1) - 1)/s \rfloor + 1$ or
    $\lceil n/s \rceil$.

    The first formula is for ``padding='valid'``, the second for ``'same'``. Raises
    ``ValueError`` when a ``'valid'`` input is shorter than the dilated kernel $d(k-1) + 1$.
    """
    n = check_int(input_size, "input_size", minimum=1)
    k = check_int(kernel_size, "kernel_size", minimum=1)
    s = check_int(stride, "stride", minimum=1)
    d = check_int(dilation, "dilation", minimum=1)
    check_choice(padding, "padding", PADDINGS)
    if padding == "same":
        return -(-n // s)
    span = _effective_size(k, d)
    if n < span:
        raise ValueError(
            f"input_size={n} is smaller than the kernel span {span} (= dilation*(kernel_size-1)+1 "
            f"with kernel_size={k}, dilation={d}); padding='valid' needs input_size >= {span}"
        )
    return (n - span) // s + 1


def _same_padding(n: int, k: int, s: int, d: int) -> tuple[int, int]:
    """TensorFlow's 'same' padding (before, after) along one axis: the extra pixel goes after."""
    out = -(-n // s)
    total = max((out - 1) * s + _effective_size(k, d) - n, 0)
    return total // 2, total - total // 2


def _check_images(x: ArrayLike, name: str = "x") -> FloatArray:
    x = as_float_array(x, name)
    if x.ndim != 4:
        raise ValueError(f"{name} must be 4-D (N, H, W, C), channels last; got shape {x.shape}")
    if 0 in x.shape:
        raise ValueError(f"{name} must not be empty; got shape {x.shape}")
    return x


def _check_kernel(kernel: ArrayLike, x: FloatArray, last_axis: str, groups: int = 1) -> FloatArray:
    kernel = as_float_array(kernel, "kernel")
    in_axis = "C_in" if groups == 1 else "C_in/groups"
    if kernel.ndim != 4:
        raise ValueError(
            f"kernel must be 4-D (kh, kw, {in_axis}, {last_axis}); got shape {kernel.shape}"
        )
    if 0 in kernel.shape:
        raise ValueError(f"kernel must not be empty; got shape {kernel.shape}")
    if groups > 1:
        _check_groups(kernel, x, groups)
    elif kernel.shape[2] != x.shape[3]:
        raise ValueError(
            f"kernel expects C_in={kernel.shape[2]} input channels (kernel shape {kernel.shape}) "
            f"but x has {x.shape[3]} (x shape {x.shape})"
        )
    return kernel


def _check_groups(kernel: FloatArray, x: FloatArray, groups: int) -> None:
    """Check that ``groups`` splits the channels of ``x`` and ``kernel`` into equal groups."""
    c_in, c_out = x.shape[3], kernel.shape[3]
    if c_in % groups:
        raise ValueError(
            f"groups={groups} must divide the number of input channels, but x has C_in={c_in} "
            f"(x shape {x.shape})"
        )
    if c_out % groups:
        raise ValueError(
            f"groups={groups} must divide the number of output channels, but the kernel has "
            f"C_out={c_out} (kernel shape {kernel.shape})"
        )
    if kernel.shape[2] != c_in // groups:
        raise ValueError(
            f"with groups={groups}, kernel must have shape (kh, kw, C_in/groups, C_out) = "
            f"(kh, kw, {c_in // groups}, C_out) for the C_in={c_in} channels of x (x shape "
            f"{x.shape}); got kernel shape {kernel.shape}"
        )


def _windows(
    x: FloatArray,
    size: Pair,
    stride: Pair,
    dilation: Pair,
    padding: str,
    pad_value: float = 0.0,
) -> FloatArray:
    """Strided view of shape ``(N, H', W', C, kh, kw)`` holding every (dilated) window of ``x``.

    Only the padding makes a copy; the windows themselves are a view.
    """
    out_h, out_w = (
        conv_output_size(n, k, s, padding, d)
        for n, k, s, d in zip(x.shape[1:3], size, stride, dilation, strict=True)
    )
    if padding == "same":
        pads = [
            _same_padding(n, k, s, d)
            for n, k, s, d in zip(x.shape[1:3], size, stride, dilation, strict=True)
        ]
        if any(p for pair in pads for p in pair):
            x = np.pad(x, ((0, 0), pads[0], pads[1], (0, 0)), constant_values=pad_value)
    span = (_effective_size(size[0], dilation[0]), _effective_size(size[1], dilation[1]))
    view = sliding_window_view(x, span, axis=(1, 2))
    view = view[:, :: stride[0], :: stride[1], :, :: dilation[0], :: dilation[1]]
    return view[:, :out_h, :out_w]


def _conv_arguments(
    x: ArrayLike,
    kernel: ArrayLike,
    stride: Any,
    padding: str,
    dilation: Any,
    last_axis: str,
    groups: int = 1,
) -> tuple[FloatArray, FloatArray, Pair, Pair]:
    x = _check_images(x)
    kernel = _check_kernel(kernel, x, last_axis, groups)
    strides = _pair(stride, "stride")
    dilations = _pair(dilation, "dilation")
    check_choice(padding, "padding", PADDINGS)
    if max(strides) > 1 and max(dilations) > 1:
        raise ValueError(
            f"stride > 1 cannot be combined with dilation > 1 (Keras and TensorFlow forbid it); "
            f"got stride={stride!r}, dilation={dilation!r}"
        )
    if padding == "valid":
        for axis, n, k, d in zip(
            ("H", "W"), x.shape[1:3], kernel.shape[:2], dilations, strict=True
        ):
            if n < _effective_size(k, d):
                raise ValueError(
                    f"x is too small for kernel with padding='valid': {axis}={n} but the dilated "
                    f"kernel spans {_effective_size(k, d)} (x shape {x.shape}, kernel shape "
                    f"{kernel.shape}, dilation={dilation!r})"
                )
    return x, kernel, strides, dilations


def _check_bias(bias: ArrayLike | None, channels: int) -> FloatArray | None:
    if bias is None:
        return None
    bias = as_float_array(bias, "bias")
    if bias.shape != (channels,):
        raise ValueError(
            f"bias must have shape ({channels},), one per output channel; got {bias.shape}"
        )
    return bias


def conv2d(
    x: ArrayLike,
    kernel: ArrayLike,
    bias: ArrayLike | None = None,
    stride: int | Sequence[int] = 1,
    padding: str = "valid",
    dilation: int | Sequence[int] = 1,
    groups: int = 1,
) -> FloatArray:
    r"""2-D convolution (cross-correlation) of channels-last images with a bank of kernels.

    $y_{n,i,j,o} = b_o + \sum_{u,v,c} x_{n,is_h+ud_h,js_w+vd_w,c}K_{u,v,c,o}$.

    ``x`` has shape ``(N, H, W, C_in)``, ``kernel`` ``(kh, kw, C_in / groups, C_out)``,
    ``bias`` ``(C_out,)`` or ``None``; the result has shape ``(N, H', W', C_out)`` with
    $H', W'$ from `conv_output_size`. It equals ``keras.layers.Conv2D`` with the same weights,
    strides, padding, dilation rate and groups.

    With $g$ ``groups`` (a divisor of both $C_\text{in}$ and $C_\text{out}$), output channel
    $o$ belongs to group $\gamma = \lfloor o g / C_\text{out} \rfloor$ and sums only over the
    input channels $\gamma C_\text{in}/g + c$, $0 \le c < C_\text{in}/g$,
    $y_{n,i,j,o} = b_o + \sum_{u,v,c} x_{n,is_h+ud_h,js_w+vd_w,\gamma C_\text{in}/g+c}K_{u,v,c,o}$,
    so the layer has $k_h k_w (C_\text{in}/g) C_\text{out}$ weights. ``groups=1`` is the
    ordinary convolution; ``groups=C_in`` with $C_\text{out} = M C_\text{in}$ is
    `depthwise_conv2d` with depth multiplier $M$.
    """
    groups = check_int(groups, "groups", minimum=1)
    x, kernel, strides, dilations = _conv_arguments(
        x, kernel, stride, padding, dilation, "C_out", groups
    )
    kh, kw, c_group, c_out = kernel.shape
    bias = _check_bias(bias, c_out)
    view = _windows(x, (kh, kw), strides, dilations, padding)  # (N, H', W', C_in, kh, kw)
    n, out_h, out_w = view.shape[:3]
    rows, size = n * out_h * out_w, kh * kw * c_group
    dtype = np.result_type(x.dtype, kernel.dtype)
    # im2col: one row per output pixel, ordered (kh, kw, C_in) like the kernel's memory layout,
    # so the kernel reshapes without a copy and the copy below reads x along contiguous channels.
    columns = view.transpose(0, 1, 2, 4, 5, 3)
    if groups == 1:
        out = columns.reshape(rows, size).astype(dtype, copy=False) @ kernel.reshape(
            size, c_out
        ).astype(dtype, copy=False)
    else:  # one matrix product per group: (groups, rows, size) @ (groups, size, C_out/groups)
        columns = columns.reshape(rows, kh, kw, groups, c_group).transpose(3, 0, 1, 2, 4)
        weights = kernel.reshape(kh, kw, c_group, groups, c_out // groups).transpose(3, 0, 1, 2, 4)
        out = columns.reshape(groups, rows, size).astype(dtype, copy=False) @ weights.reshape(
            groups, size, c_out // groups
        ).astype(dtype, copy=False)
        out = out.transpose(1, 0, 2).reshape(rows, c_out)  # output channels group after group
    if bias is not None:
        out += bias.astype(dtype, copy=False)
    return out.reshape(n, out_h, out_w, c_out)


def conv_transpose_output_size(
    input_size: int,
    kernel_size: int,
    stride: int = 1,
    padding: str = "valid",
    output_padding: int | None = None,
) -> int:
    r"""Output length along one axis of a transposed convolution, as Keras 3 computes it.

    With ``output_padding=None`` (the default): $(n-1)s + \max(k, s)$ for ``'valid'``
    (that is $(n-1)s + k$ unless the stride exceeds the kernel) and $ns$ for ``'same'``.
    With an ``output_padding`` $p$, $0 \le p < s$: $(n-1)s + k + p$ for ``'valid'`` and
    $(n-1)s + (k \bmod 2) + p$ for ``'same'``. Each is an input length that a ``conv2d`` with
    the same kernel size, stride and padding maps back to $n$; ``'same'`` with an even kernel
    and $p = 0$ gives none, and raises ``ValueError``.
    """
    n = check_int(input_size, "input_size", minimum=1)
    k = check_int(kernel_size, "kernel_size", minimum=1)
    s = check_int(stride, "stride", minimum=1)
    check_choice(padding, "padding", PADDINGS)
    if output_padding is None:
        return (n - 1) * s + max(k, s) if padding == "valid" else n * s
    p = _check_output_padding(output_padding, "output_padding", s)
    if padding == "valid":
        return (n - 1) * s + k + p
    if k % 2 + p == 0:
        raise ValueError(
            f"output_padding=0 with padding='same' and an even kernel_size={k} gives "
            f"(input_size-1)*stride = {(n - 1) * s}, which a 'same' convolution with stride {s} "
            f"maps to {-(-(n - 1) * s // s)}, not input_size={n}; use output_padding >= 1 or None"
        )
    return (n - 1) * s + k % 2 + p


def _check_output_padding(value: Any, name: str, stride: int) -> int:
    number = check_int(value, name, minimum=0)
    if number >= stride:
        raise ValueError(
            f"{name} must be smaller than the stride {stride} (Keras requires it); got {number}"
        )
    return number


def _transpose_geometry(n: int, k: int, s: int, padding: str, output_padding: int | None) -> Pair:
    """Output length and the cropping before it: the 'same' padding of the forward conv."""
    out = conv_transpose_output_size(n, k, s, padding, output_padding)
    before = 0 if padding == "valid" else max((n - 1) * s + k - out, 0) // 2
    return out, before


def conv2d_transpose(
    x: ArrayLike,
    kernel: ArrayLike,
    bias: ArrayLike | None = None,
    stride: int | Sequence[int] = 1,
    padding: str = "valid",
    output_padding: int | Sequence[int] | None = None,
) -> FloatArray:
    r"""Transposed 2-D convolution of channels-last images: the adjoint of `conv2d`.

    $y_{n,\,i s_h + u - p_h,\,j s_w + v - p_w,\,o} \mathrel{+}= x_{n,i,j,c}\,K_{u,v,o,c}$,
    plus $b_o$: every input pixel adds a copy of the kernel, scaled by its value, to the
    output, at steps of the stride; $p_h, p_w$ are the top/left cropping of ``'same'``.

    ``x`` has shape ``(N, H, W, C_in)``, ``kernel`` ``(kh, kw, C_out, C_in)``, ``bias``
    ``(C_out,)`` or ``None``; the result has shape ``(N, H', W', C_out)`` with $H', W'$ from
    `conv_transpose_output_size`. It equals ``keras.layers.Conv2DTranspose`` with the same
    weights, strides, padding and output padding (dilation is not supported). Without bias it is
    the adjoint of ``conv2d(., kernel, stride=stride, padding=padding)`` on inputs of size
    $(H', W')$: $\langle$ ``conv2d(a, kernel)``, $b \rangle = \langle a,$
    ``conv2d_transpose(b, kernel)`` $\rangle$.
    """
    x = _check_images(x)
    kernel = as_float_array(kernel, "kernel")
    if kernel.ndim != 4:
        raise ValueError(f"kernel must be 4-D (kh, kw, C_out, C_in); got shape {kernel.shape}")
    if 0 in kernel.shape:
        raise ValueError(f"kernel must not be empty; got shape {kernel.shape}")
    if kernel.shape[3] != x.shape[3]:
        raise ValueError(
            f"kernel expects C_in={kernel.shape[3]} input channels in its last axis (kernel shape "
            f"{kernel.shape}) but x has {x.shape[3]} (x shape {x.shape})"
        )
    strides = _pair(stride, "stride")
    check_choice(padding, "padding", PADDINGS)
    if output_padding is None:
        pads: tuple[int | None, int | None] = (None, None)
    elif isinstance(output_padding, (tuple, list)):
        if len(output_padding) != 2:
            raise ValueError(
                f"output_padding must be None, an int or a pair (rows, cols); "
                f"got {output_padding!r}"
            )
        pads = (
            _check_output_padding(output_padding[0], "output_padding[0]", strides[0]),
            _check_output_padding(output_padding[1], "output_padding[1]", strides[1]),
        )
    else:
        pads = (
            _check_output_padding(output_padding, "output_padding", strides[0]),
            _check_output_padding(output_padding, "output_padding", strides[1]),
        )
    kh, kw, c_out, c_in = kernel.shape
    bias = _check_bias(bias, c_out)
    n, in_h, in_w = x.shape[:3]
    (out_h, top), (out_w, left) = (
        _transpose_geometry(size, k, s, padding, p)
        for size, k, s, p in zip((in_h, in_w), (kh, kw), strides, pads, strict=True)
    )
    dtype = np.result_type(x.dtype, kernel.dtype)
    # The transpose of im2col + matmul: one matrix product with the transposed kernel matrix gives
    # every pixel's contribution to its window, (N, H, W, kh, kw, C_out); col2im adds them up.
    columns = x.reshape(n * in_h * in_w, c_in).astype(dtype, copy=False) @ kernel.reshape(
        kh * kw * c_out, c_in
    ).T.astype(dtype, copy=False)
    columns = columns.reshape(n, in_h, in_w, kh, kw, c_out)
    span_h, span_w = (in_h - 1) * strides[0] + 1, (in_w - 1) * strides[1] + 1
    full = np.zeros(
        (n, max(span_h + kh - 1, top + out_h), max(span_w + kw - 1, left + out_w), c_out),
        dtype=dtype,
    )
    for u in range(kh):
        for v in range(kw):
            full[:, u : u + span_h : strides[0], v : v + span_w : strides[1]] += columns[
                :, :, :, u, v
            ]
    out = np.ascontiguousarray(full[:, top : top + out_h, left : left + out_w])
    if bias is not None:
        out += bias.astype(dtype, copy=False)
    return out


def depthwise_conv2d(
    x: ArrayLike,
    kernel: ArrayLike,
    bias: ArrayLike | None = None,
    stride: int | Sequence[int] = 1,
    padding: str = "valid",
    dilation: int | Sequence[int] = 1,
) -> FloatArray:
    r"""Depthwise convolution: each input channel is filtered on its own by ``multiplier`` kernels.

    $y_{n,i,j,cM+m} = b_{cM+m} + \sum_{u,v} x_{n,is_h+ud_h,js_w+vd_w,c}K_{u,v,c,m}$, where
    $M$ is the depth multiplier. ``kernel`` has shape ``(kh, kw, C_in, M)``, ``bias``
    ``(C_in * M,)`` or ``None``; the result has shape ``(N, H', W', C_in * M)``, channel
    $cM + m$ coming from input channel $c$, as in ``keras.layers.DepthwiseConv2D``.
    """
    x, kernel, strides, dilations = _conv_arguments(
        x, kernel, stride, padding, dilation, "multiplier"
    )
    kh, kw, c_in, multiplier = kernel.shape
    bias = _check_bias(bias, c_in * multiplier)
    view = _windows(x, (kh, kw), strides, dilations, padding)  # (N, H', W', C_in, kh, kw)
    out = np.einsum("nhwcuv,uvcm->nhwcm", view, kernel, optimize=True)
    out = out.reshape(*out.shape[:3], c_in * multiplier)
    if bias is not None:
        out = out + bias
    return out


def _pool_arguments(
    x: ArrayLike, pool_size: Any, strides: Any, padding: str
) -> tuple[FloatArray, Pair, Pair]:
    x = _check_images(x)
    size = _pair(pool_size, "pool_size")
    step = size if strides is None else _pair(strides, "strides")
    check_choice(padding, "padding", PADDINGS)
    if padding == "valid":
        for axis, n, k in zip(("H", "W"), x.shape[1:3], size, strict=True):
            if n < k:
                raise ValueError(
                    f"x is too small for pool_size={pool_size!r} with padding='valid': {axis}={n} "
                    f"(x shape {x.shape})"
                )
    return x, size, step


def max_pool2d(
    x: ArrayLike,
    pool_size: int | Sequence[int] = 2,
    strides: int | Sequence[int] | None = None,
    padding: str = "valid",
) -> FloatArray:
    r"""Max pooling $y_{n,i,j,c} = \max_{u,v} x_{n,is_h+u,js_w+v,c}$ over each window.

    ``strides`` defaults to ``pool_size``. With ``'same'`` padding the padded pixels never win
    (they count as $-\infty$). Matches ``keras.layers.MaxPooling2D``.
    """
    x, size, step = _pool_arguments(x, pool_size, strides, padding)
    view = _windows(x, size, step, (1, 1), padding, pad_value=-np.inf)
    return view.max(axis=(-2, -1))


def _valid_counts(n: int, k: int, s: int, padding: str) -> NDArray[np.int64]:
    """How many real (unpadded) pixels each pooling window covers along one axis."""
    ones = np.ones(n, dtype=np.int64)
    if padding == "same":
        ones = np.pad(ones, _same_padding(n, k, s, 1))
    out = conv_output_size(n, k, s, padding)
    return sliding_window_view(ones, k)[::s][:out].sum(axis=-1)


def avg_pool2d(
    x: ArrayLike,
    pool_size: int | Sequence[int] = 2,
    strides: int | Sequence[int] | None = None,
    padding: str = "valid",
) -> FloatArray:
    r"""Average pooling $y_{n,i,j,c} = \frac{1}{|W_{ij}|}\sum_{(u,v) \in W_{ij}} x_{n,u,v,c}$.

    $W_{ij}$ is the set of real pixels in window $(i, j)$: with ``'same'`` padding the
    padded zeros are left out of the mean, as ``keras.layers.AveragePooling2D`` does.
    ``strides`` defaults to ``pool_size``.
    """
    x, size, step = _pool_arguments(x, pool_size, strides, padding)
    view = _windows(x, size, step, (1, 1), padding)
    sums = view.sum(axis=(-2, -1))
    if padding == "valid":
        return sums / x.dtype.type(size[0] * size[1])
    rows = _valid_counts(x.shape[1], size[0], step[0], padding)
    cols = _valid_counts(x.shape[2], size[1], step[1], padding)
    counts = np.outer(rows, cols).astype(x.dtype)
    return sums / counts[None, :, :, None]


def receptive_field(layers: Sequence[Sequence[int]]) -> int:
    r"""Receptive field (in input pixels, along one axis) of a stack of convolution/pooling layers.

    Each layer is ``(kernel_size, stride, dilation)`` (or ``(kernel_size, stride)``, dilation 1),
    first layer first. $r = 1 + \sum_l d_l (k_l - 1) \prod_{m < l} s_m$: two stacked 3x3
    convolutions see 5 pixels, three see 7.
    """
    if isinstance(layers, (str, bytes)) or not isinstance(layers, Sequence):
        raise TypeError(
            f"layers must be a list of (kernel_size, stride, dilation) tuples; got "
            f"{type(layers).__name__}"
        )
    field, jump = 1, 1
    for index, layer in enumerate(layers):
        if not isinstance(layer, (tuple, list)) or len(layer) not in (2, 3):
            raise ValueError(
                f"layers[{index}] must be (kernel_size, stride, dilation) or (kernel_size, "
                f"stride); got {layer!r}"
            )
        k = check_int(layer[0], f"layers[{index}] kernel_size", minimum=1)
        s = check_int(layer[1], f"layers[{index}] stride", minimum=1)
        d = check_int(layer[2], f"layers[{index}] dilation", minimum=1) if len(layer) == 3 else 1
        field += d * (k - 1) * jump
        jump *= s
    return field
