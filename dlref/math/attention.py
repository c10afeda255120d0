r"""Attention and the Transformer encoder block in NumPy, with weights in Keras' layout.

Scaled dot-product attention computes $\mathrm{softmax}(QK^\top/\sqrt{d_k})\,V$ with the softmax
over the keys (the last axis of the scores). Masks are boolean and broadcast against the scores
of shape ``(..., T, S)`` (queries by keys): ``True`` means the query **may attend** to that key,
as in Keras' ``attention_mask``. A query whose keys are all masked gets zero weights and a zero
output instead of NaN, as ``keras.layers.Softmax`` does with a mask.

`multi_head_attention` takes the eight arrays of ``keras.layers.MultiHeadAttention``'s
``get_weights()`` (or the four kernels with ``use_bias=False``): query, key and value kernels of
shape ``(features, heads, head_dim)`` with biases ``(heads, head_dim)``, the output kernel
``(heads, value_dim, d_out)`` and its bias ``(d_out,)``. `layer_norm` is
``keras.layers.LayerNormalization`` (default $\epsilon = 10^{-3}$), and
`transformer_encoder_block` chains them with a feed-forward sublayer, post- or pre-norm.
Arrays stay float32 for float32 input and are float64 otherwise.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validate import (
    as_float_array,
    check_all_finite,
    check_bool,
    check_choice,
    check_finite_scalar,
    check_int,
)
from dlref.math.activations import gelu, relu, softmax

FloatArray = NDArray[np.floating]
BoolArray = NDArray[np.bool_]

#: Activations accepted by `feed_forward` and `transformer_encoder_block`, by Keras name.
FEED_FORWARD_ACTIVATIONS = ("relu", "gelu")


# --------------------------------------------------------------------------- argument checks


def _array(value: ArrayLike, name: str, *, min_ndim: int, meaning: str) -> FloatArray:
    """``value`` as a finite float array with at least ``min_ndim`` axes, none of them empty."""
    array = as_float_array(value, name)
    if array.ndim < min_ndim:
        raise ValueError(f"{name} must have shape {meaning}; got shape {array.shape}")
    if 0 in array.shape:
        raise ValueError(f"{name} must not have an empty axis; got shape {array.shape}")
    check_all_finite(array, name)
    return array


def _shaped(value: ArrayLike, name: str, shape: tuple[int, ...], meaning: str) -> FloatArray:
    """``value`` as a float array of exactly ``shape``."""
    array = as_float_array(value, name)
    if array.shape != shape:
        raise ValueError(f"{name} must have shape {shape} {meaning}; got shape {array.shape}")
    return array


def _mask(mask: ArrayLike | None, scores_shape: tuple[int, ...]) -> BoolArray | None:
    """``mask`` as a boolean array that broadcasts against scores of ``scores_shape``."""
    if mask is None:
        return None
    array = np.asarray(mask)
    if array.dtype != np.bool_:
        raise TypeError(
            "mask must be a boolean array (True = may attend); got dtype "
            f"{array.dtype}; convert a 0/1 mask with mask.astype(bool)"
        )
    try:
        fits = np.broadcast_shapes(array.shape, scores_shape) == tuple(scores_shape)
    except ValueError:
        fits = False
    if not fits:
        raise ValueError(
            f"mask of shape {array.shape} does not broadcast to the scores' shape "
            f"{tuple(scores_shape)} (..., queries, keys)"
        )
    return array


def _dtype(*arrays: FloatArray) -> np.dtype:
    return np.result_type(*(a.dtype for a in arrays))


# --------------------------------------------------------------------------- masks and softmax


def causal_mask(n: int) -> BoolArray:
    r"""The ``(n, n)`` causal mask: query $i$ may attend to key $j$ only when $j \le i$.

    It is lower-triangular and ``True`` on the diagonal, so no position sees a later one; Keras
    builds the same mask for ``use_causal_mask=True``.

    Args:
        n: Sequence length (>= 1).

    Returns:
        A boolean array of shape ``(n, n)``.
    """
    n = check_int(n, "n", minimum=1)
    return np.tril(np.ones((n, n), dtype=bool))


def padding_mask(lengths: ArrayLike, n: int) -> BoolArray:
    r"""A ``(batch, n)`` mask that is ``True`` at the first ``lengths[b]`` positions of row ``b``.

    The positions after a sequence's length are padding. To stop every query from attending to
    padded keys, broadcast it over the queries: ``padding_mask(lengths, n)[:, None, :]`` has
    shape ``(batch, 1, n)``. From token ids with a padding id, the same mask is
    ``ids != pad_id`` when the padding comes last.

    Args:
        lengths: Integer lengths, one per sequence, each in ``[0, n]``.
        n: Padded length (>= 1).

    Returns:
        A boolean array of shape ``(batch, n)``.
    """
    n = check_int(n, "n", minimum=1)
    array = np.asarray(lengths)
    if array.dtype.kind not in "iu":
        raise TypeError(f"lengths must hold integers; got dtype {array.dtype}")
    if array.ndim != 1 or array.size == 0:
        raise ValueError(f"lengths must be a non-empty 1-D array; got shape {array.shape}")
    if np.any(array < 0) or np.any(array > n):
        raise ValueError(f"lengths must lie in [0, n={n}]; got {array.tolist()}")
    return np.arange(n)[None, :] < array[:, None]


def masked_softmax(scores: ArrayLike, mask: ArrayLike | None = None) -> FloatArray:
    r"""Softmax over the last axis (the keys), leaving out the entries where ``mask`` is False.

    Masked entries get weight exactly 0 and the others sum to 1. A row with no allowed entry
    gets all zeros (not NaN), as ``keras.layers.Softmax`` returns with a mask. Without a mask this
    is `dlref.math.softmax` over the last axis.

    Args:
        scores: Attention scores of shape ``(..., T, S)`` or any array with a last axis.
        mask: Boolean array broadcastable to ``scores``; ``True`` = keep.

    Returns:
        The weights, with the shape of ``scores``.
    """
    scores = _array(scores, "scores", min_ndim=1, meaning="(..., keys)")
    return _softmax_over_keys(scores, _mask(mask, scores.shape))


def _softmax_over_keys(scores: FloatArray, keep: BoolArray | None) -> FloatArray:
    """`masked_softmax` without the argument checks, for arrays the module built itself."""
    if keep is None:
        return softmax(scores, axis=-1)
    keep = np.broadcast_to(keep, scores.shape)
    empty = ~np.any(keep, axis=-1, keepdims=True)
    filled = np.where(keep | empty, scores, -np.inf).astype(scores.dtype, copy=False)
    return np.where(empty, 0.0, softmax(filled, axis=-1)).astype(scores.dtype, copy=False)


# --------------------------------------------------------------------------- attention


def scaled_dot_product_attention(
    q: ArrayLike,
    k: ArrayLike,
    v: ArrayLike,
    mask: ArrayLike | None = None,
    *,
    scale: float | None = None,
) -> tuple[FloatArray, FloatArray]:
    r"""Scaled dot-product attention $\mathrm{softmax}(QK^\top \cdot s)\,V$, $s = 1/\sqrt{d_k}$.

    Each query row of ``q`` is compared with every key row of ``k``; the softmax over the keys
    turns the scores into weights that mix the rows of ``v``. ``scale=1.0`` gives plain
    (unscaled) dot-product attention. Leading axes (batch, heads) broadcast. With one head,
    ``keras.ops.dot_product_attention`` computes the same output from ``(B, T, 1, d_k)`` inputs.

    Args:
        q: Queries of shape ``(..., T, d_k)``.
        k: Keys of shape ``(..., S, d_k)``.
        v: Values of shape ``(..., S, d_v)``.
        mask: Boolean array broadcastable to ``(..., T, S)``; ``True`` = the query may attend to
            the key. A query with no allowed key gets zero weights and a zero output.
        scale: Factor applied to the scores; ``None`` means $1/\sqrt{d_k}$.

    Returns:
        ``(output, weights)``: the output ``(..., T, d_v)`` and the weights ``(..., T, S)``,
        whose rows sum to 1 (or 0 for a fully masked query).
    """
    q = _array(q, "q", min_ndim=2, meaning="(..., T, d_k)")
    k = _array(k, "k", min_ndim=2, meaning="(..., S, d_k)")
    v = _array(v, "v", min_ndim=2, meaning="(..., S, d_v)")
    if k.shape[-1] != q.shape[-1]:
        raise ValueError(
            f"q and k must have the same last axis d_k; got q {q.shape} and k {k.shape}"
        )
    if v.shape[-2] != k.shape[-2]:
        raise ValueError(
            f"k and v must have the same number of keys (axis -2); got k {k.shape} and v {v.shape}"
        )
    try:
        lead = np.broadcast_shapes(q.shape[:-2], k.shape[:-2], v.shape[:-2])
    except ValueError:
        raise ValueError(
            f"the leading axes of q {q.shape}, k {k.shape} and v {v.shape} do not broadcast"
        ) from None
    if scale is None:
        factor = 1.0 / math.sqrt(q.shape[-1])
    else:
        factor = check_finite_scalar(scale, "scale", minimum=0.0, include_boundaries="neither")
    dtype = _dtype(q, k, v)
    keep = _mask(mask, (*lead, q.shape[-2], k.shape[-2]))
    scores = (q * dtype.type(factor)) @ np.swapaxes(k, -1, -2)  # scale the queries, as Keras does
    weights = _softmax_over_keys(scores.astype(dtype, copy=False), keep)
    return (weights @ v).astype(dtype, copy=False), weights


def additive_attention(
    query: ArrayLike,
    keys: ArrayLike,
    values: ArrayLike,
    w_query: ArrayLike,
    w_key: ArrayLike,
    v: ArrayLike,
    mask: ArrayLike | None = None,
) -> tuple[FloatArray, FloatArray]:
    r"""Additive (Bahdanau) attention: score $e_{ij} = v^\top \tanh(W_q q_i + W_k k_j)$.

    The scores go through the same masked softmax over the keys as in
    `scaled_dot_product_attention`, and the weights mix ``values``. Row vectors are used, so
    $W_q q_i$ is ``query @ w_query``. ``keras.layers.AdditiveAttention`` computes
    $\sum \mathrm{scale} \odot \tanh(q_i + k_j)$ without the two matrices: it equals this
    function when given ``query @ w_query`` and ``keys @ w_key`` and ``scale = v``.

    Args:
        query: Queries of shape ``(..., T, d_q)`` (in translation, the decoder state).
        keys: Keys of shape ``(..., S, d_k)`` (the encoder states).
        values: Values of shape ``(..., S, d_v)`` (often the same array as ``keys``).
        w_query: Query matrix of shape ``(d_q, units)``.
        w_key: Key matrix of shape ``(d_k, units)``.
        v: Scoring vector of shape ``(units,)``.
        mask: Boolean array broadcastable to ``(..., T, S)``; ``True`` = may attend.

    Returns:
        ``(output, weights)`` of shapes ``(..., T, d_v)`` and ``(..., T, S)``.
    """
    query = _array(query, "query", min_ndim=2, meaning="(..., T, d_q)")
    keys = _array(keys, "keys", min_ndim=2, meaning="(..., S, d_k)")
    values = _array(values, "values", min_ndim=2, meaning="(..., S, d_v)")
    v = _array(v, "v", min_ndim=1, meaning="(units,)")
    if v.ndim != 1:
        raise ValueError(f"v must have shape (units,); got shape {v.shape}")
    units = v.shape[0]
    w_query = _shaped(w_query, "w_query", (query.shape[-1], units), "(d_q, units)")
    w_key = _shaped(w_key, "w_key", (keys.shape[-1], units), "(d_k, units)")
    if values.shape[-2] != keys.shape[-2]:
        raise ValueError(
            "keys and values must have the same number of keys (axis -2); got keys "
            f"{keys.shape} and values {values.shape}"
        )
    dtype = _dtype(query, keys, values, w_query, w_key, v)
    hidden = np.tanh((query @ w_query)[..., :, None, :] + (keys @ w_key)[..., None, :, :])
    scores = (hidden @ v).astype(dtype, copy=False)
    weights = _softmax_over_keys(scores, _mask(mask, scores.shape))
    return (weights @ values).astype(dtype, copy=False), weights


def split_heads(x: ArrayLike, num_heads: int) -> FloatArray:
    r"""Reshape ``(..., T, h \cdot d_h)`` into ``(..., h, T, d_h)``: one slice of features per head.

    Splitting is only a reshape and a transpose: head $i$ gets the features
    $i d_h, \dots, (i+1) d_h - 1$ of every position. `merge_heads` undoes it.

    Args:
        x: Array of shape ``(..., T, features)`` with ``features`` divisible by ``num_heads``.
        num_heads: Number of heads $h$ (>= 1).

    Returns:
        Array of shape ``(..., num_heads, T, features // num_heads)``.
    """
    x = _array(x, "x", min_ndim=2, meaning="(..., T, features)")
    num_heads = check_int(num_heads, "num_heads", minimum=1)
    if x.shape[-1] % num_heads:
        raise ValueError(
            f"the last axis of x ({x.shape[-1]}) must be divisible by num_heads={num_heads}"
        )
    split = x.reshape(*x.shape[:-1], num_heads, x.shape[-1] // num_heads)
    return np.swapaxes(split, -2, -3)


def merge_heads(x: ArrayLike) -> FloatArray:
    r"""Reshape ``(..., h, T, d_h)`` back into ``(..., T, h \cdot d_h)``, the heads side by side.

    Args:
        x: Array of shape ``(..., heads, T, head_dim)``.

    Returns:
        Array of shape ``(..., T, heads * head_dim)``.
    """
    x = _array(x, "x", min_ndim=3, meaning="(..., heads, T, head_dim)")
    moved = np.swapaxes(x, -2, -3)
    return moved.reshape(*moved.shape[:-2], moved.shape[-2] * moved.shape[-1])


def _mha_weights(
    weights: Sequence[ArrayLike], d_query: int, d_key: int, d_value: int
) -> tuple[list[FloatArray], int, int, int]:
    """Check Keras' MultiHeadAttention weights; return them (biases None-free) and h, d_k, d_v."""
    if isinstance(weights, np.ndarray) or not isinstance(weights, Sequence):
        raise TypeError(
            "weights must be a list of arrays as MultiHeadAttention.get_weights() returns; "
            f"got {type(weights).__name__}"
        )
    if len(weights) not in (4, 8):
        raise ValueError(
            "weights must hold 8 arrays (query, key, value, output kernels each followed by its "
            f"bias) or 4 kernels for use_bias=False; got {len(weights)}"
        )
    use_bias = len(weights) == 8
    names = ("query_kernel", "key_kernel", "value_kernel", "output_kernel")
    kernels = list(weights[::2] if use_bias else weights)
    wq = as_float_array(kernels[0], names[0])
    if wq.ndim != 3 or wq.shape[0] != d_query:
        raise ValueError(
            f"query_kernel must have shape ({d_query}, heads, key_dim) for a query with "
            f"{d_query} features; got shape {wq.shape}"
        )
    _, heads, key_dim = wq.shape
    wk = as_float_array(kernels[1], names[1])
    if wk.shape != (d_key, heads, key_dim):
        raise ValueError(
            f"key_kernel must have shape {(d_key, heads, key_dim)} (key features, heads, key_dim); "
            f"got shape {wk.shape}"
        )
    wv = as_float_array(kernels[2], names[2])
    if wv.ndim != 3 or wv.shape[:2] != (d_value, heads):
        raise ValueError(
            f"value_kernel must have shape ({d_value}, {heads}, value_dim); got shape {wv.shape}"
        )
    value_dim = wv.shape[2]
    wo = as_float_array(kernels[3], names[3])
    if wo.ndim != 3 or wo.shape[:2] != (heads, value_dim):
        raise ValueError(
            f"output_kernel must have shape ({heads}, {value_dim}, d_out); got shape {wo.shape}"
        )
    if use_bias:
        bq = _shaped(weights[1], "query_bias", (heads, key_dim), "(heads, key_dim)")
        bk = _shaped(weights[3], "key_bias", (heads, key_dim), "(heads, key_dim)")
        bv = _shaped(weights[5], "value_bias", (heads, value_dim), "(heads, value_dim)")
        bo = _shaped(weights[7], "output_bias", (wo.shape[2],), "(d_out,)")
    else:
        bq = bk = np.zeros((heads, key_dim), wq.dtype)
        bv = np.zeros((heads, value_dim), wv.dtype)
        bo = np.zeros(wo.shape[2], wo.dtype)
    return [wq, bq, wk, bk, wv, bv, wo, bo], heads, key_dim, value_dim


def multi_head_attention(
    query: ArrayLike,
    value: ArrayLike,
    weights: Sequence[ArrayLike],
    key: ArrayLike | None = None,
    mask: ArrayLike | None = None,
) -> tuple[FloatArray, FloatArray]:
    r"""Multi-head attention, the forward pass of ``keras.layers.MultiHeadAttention``.

    Each head $i$ projects the inputs with its own $W^Q_i, W^K_i, W^V_i$ (plus biases), runs
    `scaled_dot_product_attention` with $1/\sqrt{d_k}$, and the heads' outputs, concatenated
    with `merge_heads`, go through the output projection $W^O$. The projections are written as
    a matrix product followed by `split_heads`, which is what Keras' einsum computes.

    Args:
        query: Array of shape ``(batch, T, d_query)``.
        value: Array of shape ``(batch, S, d_value)``.
        weights: The list ``MultiHeadAttention.get_weights()`` returns: query kernel
            ``(d_query, heads, key_dim)``, query bias ``(heads, key_dim)``, the same for key and
            value (``value_dim`` in place of ``key_dim``), output kernel
            ``(heads, value_dim, d_out)`` and bias ``(d_out,)``; or the four kernels alone.
        key: Array of shape ``(batch, S, d_key)``; ``None`` uses ``value``, as Keras does.
        mask: Boolean ``attention_mask`` broadcastable to ``(batch, T, S)``; ``True`` = may
            attend. It is shared by all heads.

    Returns:
        ``(output, weights)``: the output ``(batch, T, d_out)`` and the attention weights
        ``(batch, heads, T, S)``, as Keras returns with ``return_attention_scores=True``.
    """
    query = _array(query, "query", min_ndim=3, meaning="(batch, T, d_query)")
    value = _array(value, "value", min_ndim=3, meaning="(batch, S, d_value)")
    key = value if key is None else _array(key, "key", min_ndim=3, meaning="(batch, S, d_key)")
    for name, array in (("query", query), ("value", value), ("key", key)):
        if array.ndim != 3:
            raise ValueError(f"{name} must be 3-D (batch, length, features); got {array.shape}")
    if key.shape[:2] != value.shape[:2] or query.shape[0] != value.shape[0]:
        raise ValueError(
            "query, key and value must share the batch size, and key and value the length; got "
            f"query {query.shape}, key {key.shape}, value {value.shape}"
        )
    (wq, bq, wk, bk, wv, bv, wo, bo), heads, _, value_dim = _mha_weights(
        weights, query.shape[-1], key.shape[-1], value.shape[-1]
    )
    batch, t, s = query.shape[0], query.shape[1], value.shape[1]
    keep = _mask(mask, (batch, t, s))
    if keep is not None:
        keep = keep[..., None, :, :] if keep.ndim >= 2 else keep  # the same for every head
    dtype = _dtype(query, key, value, wq, wk, wv, wo)

    def project(x: FloatArray, kernel: FloatArray, bias: FloatArray) -> FloatArray:
        flat = x @ kernel.reshape(kernel.shape[0], -1) + bias.reshape(-1)
        return split_heads(flat.astype(dtype, copy=False), heads)

    q = project(query, wq, bq)  # (batch, heads, T, key_dim)
    k = project(key, wk, bk)  # (batch, heads, S, key_dim)
    v = project(value, wv, bv)  # (batch, heads, S, value_dim)
    context, attention = scaled_dot_product_attention(q, k, v, keep)
    output = merge_heads(context) @ wo.reshape(heads * value_dim, -1) + bo
    return output.astype(dtype, copy=False), attention


# --------------------------------------------------------------------------- Transformer parts


def sinusoidal_positional_encoding(
    length: int, d_model: int, *, base: float = 10000.0
) -> FloatArray:
    r"""The sinusoidal position encoding of Vaswani et al. (2017), shape ``(length, d_model)``.

    $PE_{p,2i} = \sin(p\,\omega_i)$ and $PE_{p,2i+1} = \cos(p\,\omega_i)$ with
    $\omega_i = \mathrm{base}^{-2i/d}$, for positions $p = 0, \dots, \mathrm{length}-1$. Every
    pair of columns is a rotation at its own frequency, so the dot product of two rows,
    $\sum_i \cos((p - q)\,\omega_i)$, depends only on the offset $p - q$.

    Args:
        length: Number of positions (>= 1).
        d_model: Encoding size, even (>= 2).
        base: Base of the wavelengths (> 1); the longest wavelength is $2\pi\,\mathrm{base}$.

    Returns:
        A float64 array of shape ``(length, d_model)`` with entries in $[-1, 1]$.
    """
    length = check_int(length, "length", minimum=1)
    d_model = check_int(d_model, "d_model", minimum=2)
    if d_model % 2:
        raise ValueError(f"d_model must be even (sine and cosine pairs); got {d_model}")
    base = check_finite_scalar(base, "base", minimum=1.0, include_boundaries="neither")
    omega = base ** (-np.arange(0, d_model, 2) / d_model)
    angles = np.arange(length)[:, None] * omega[None, :]
    encoding = np.empty((length, d_model))
    encoding[:, 0::2] = np.sin(angles)
    encoding[:, 1::2] = np.cos(angles)
    return encoding


def layer_norm(
    x: ArrayLike,
    gamma: ArrayLike | None = None,
    beta: ArrayLike | None = None,
    *,
    epsilon: float = 1e-3,
) -> FloatArray:
    r"""Layer normalisation over the last axis: $\gamma \odot \hat x + \beta$.

    $\hat x = (x - \mu)/\sqrt{\sigma^2 + \epsilon}$, where $\mu$ and $\sigma^2$ (the biased
    variance) are computed per position over its features, so unlike batch normalisation nothing
    depends on the other samples. The default
    $\epsilon = 10^{-3}$ is that of ``keras.layers.LayerNormalization``; PyTorch's
    ``nn.LayerNorm`` uses $10^{-5}$.

    Args:
        x: Array of shape ``(..., features)``.
        gamma: Scale of shape ``(features,)``; ``None`` means ones.
        beta: Offset of shape ``(features,)``; ``None`` means zeros.
        epsilon: Added to the variance (>= 0).

    Returns:
        The normalised array, with the shape of ``x``.
    """
    x = _array(x, "x", min_ndim=1, meaning="(..., features)")
    epsilon = check_finite_scalar(epsilon, "epsilon", minimum=0.0)
    features = (x.shape[-1],)
    mean = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True)
    out = (x - mean) / np.sqrt(var + x.dtype.type(epsilon))
    if gamma is not None:
        out = out * _shaped(gamma, "gamma", features, "(features,)")
    if beta is not None:
        out = out + _shaped(beta, "beta", features, "(features,)")
    return out.astype(x.dtype, copy=False)


def feed_forward(
    x: ArrayLike,
    kernel1: ArrayLike,
    bias1: ArrayLike,
    kernel2: ArrayLike,
    bias2: ArrayLike,
    *,
    activation: str = "relu",
) -> FloatArray:
    r"""The position-wise feed-forward sublayer $f(x W_1 + b_1) W_2 + b_2$.

    The same two Dense layers are applied to every position on its own; $f$ is ReLU (Vaswani et
    al., 2017) or the exact GELU (BERT, GPT). The kernels are in Keras' ``Dense`` layout:
    ``kernel1`` ``(d_model, d_ff)`` and ``kernel2`` ``(d_ff, d_model)``.

    Args:
        x: Array of shape ``(..., d_model)``.
        kernel1: First kernel ``(d_model, d_ff)``.
        bias1: First bias ``(d_ff,)``.
        kernel2: Second kernel ``(d_ff, d_out)``.
        bias2: Second bias ``(d_out,)``.
        activation: ``"relu"`` or ``"gelu"``.

    Returns:
        Array of shape ``(..., d_out)``.
    """
    x = _array(x, "x", min_ndim=1, meaning="(..., d_model)")
    check_choice(activation, "activation", FEED_FORWARD_ACTIVATIONS)
    kernel1 = as_float_array(kernel1, "kernel1")
    if kernel1.ndim != 2 or kernel1.shape[0] != x.shape[-1]:
        raise ValueError(
            f"kernel1 must have shape ({x.shape[-1]}, d_ff) for x with {x.shape[-1]} features; "
            f"got shape {kernel1.shape}"
        )
    d_ff = kernel1.shape[1]
    bias1 = _shaped(bias1, "bias1", (d_ff,), "(d_ff,)")
    kernel2 = as_float_array(kernel2, "kernel2")
    if kernel2.ndim != 2 or kernel2.shape[0] != d_ff:
        raise ValueError(f"kernel2 must have shape ({d_ff}, d_out); got shape {kernel2.shape}")
    bias2 = _shaped(bias2, "bias2", (kernel2.shape[1],), "(d_out,)")
    dtype = _dtype(x, kernel1, kernel2)
    hidden = (x @ kernel1 + bias1).astype(dtype, copy=False)
    hidden = relu(hidden) if activation == "relu" else gelu(hidden)
    return (hidden @ kernel2 + bias2).astype(dtype, copy=False)


def _pair(weights: Sequence[ArrayLike], name: str) -> tuple[ArrayLike, ArrayLike]:
    if isinstance(weights, np.ndarray) or not isinstance(weights, Sequence) or len(weights) != 2:
        raise ValueError(
            f"{name} must be the pair [gamma, beta] that LayerNormalization.get_weights() returns"
        )
    return weights[0], weights[1]


def transformer_encoder_block(
    x: ArrayLike,
    attention: Sequence[ArrayLike],
    norm1: Sequence[ArrayLike],
    ffn: Sequence[ArrayLike],
    norm2: Sequence[ArrayLike],
    *,
    pre_norm: bool = False,
    activation: str = "relu",
    mask: ArrayLike | None = None,
    epsilon: float = 1e-3,
) -> FloatArray:
    r"""One Transformer encoder block: self-attention and a feed-forward sublayer, each residual.

    Post-norm (Vaswani et al., 2017) normalises after each residual sum,
    $h = \mathrm{LN}(x + \mathrm{MHA}(x))$, $y = \mathrm{LN}(h + \mathrm{FFN}(h))$; pre-norm
    normalises each sublayer's input and leaves the residual stream untouched,
    $h = x + \mathrm{MHA}(\mathrm{LN}(x))$, $y = h + \mathrm{FFN}(\mathrm{LN}(h))$. There is no
    dropout (inference).

    Args:
        x: Array of shape ``(batch, T, d_model)``.
        attention: ``MultiHeadAttention.get_weights()`` of a layer whose output has
            ``d_model`` features (see `multi_head_attention`).
        norm1: ``[gamma, beta]`` of the layer norm around the attention sublayer.
        ffn: ``[kernel1, bias1, kernel2, bias2]`` of the two Dense layers (see `feed_forward`).
        norm2: ``[gamma, beta]`` of the layer norm around the feed-forward sublayer.
        pre_norm: Pre-norm when True, post-norm when False.
        activation: Activation of the feed-forward sublayer, ``"relu"`` or ``"gelu"``.
        mask: Boolean attention mask broadcastable to ``(batch, T, T)``; ``True`` = may attend.
        epsilon: Epsilon of both layer norms.

    Returns:
        Array of shape ``(batch, T, d_model)``.
    """
    x = _array(x, "x", min_ndim=3, meaning="(batch, T, d_model)")
    pre_norm = check_bool(pre_norm, "pre_norm")
    gamma1, beta1 = _pair(norm1, "norm1")
    gamma2, beta2 = _pair(norm2, "norm2")
    if isinstance(ffn, np.ndarray) or not isinstance(ffn, Sequence) or len(ffn) != 4:
        raise ValueError("ffn must be [kernel1, bias1, kernel2, bias2] of the two Dense layers")

    def attend(h: FloatArray) -> FloatArray:
        out = multi_head_attention(h, h, attention, mask=mask)[0]
        if out.shape != h.shape:
            raise ValueError(
                f"the attention weights must map d_model={h.shape[-1]} features back to "
                f"{h.shape[-1]}; their output kernel gives {out.shape[-1]}"
            )
        return out

    def norm(h: FloatArray, gamma: ArrayLike, beta: ArrayLike) -> FloatArray:
        return layer_norm(h, gamma, beta, epsilon=epsilon)

    def mlp(h: FloatArray) -> FloatArray:
        return feed_forward(h, *ffn, activation=activation)

    if pre_norm:
        h = x + attend(norm(x, gamma1, beta1))
        return h + mlp(norm(h, gamma2, beta2))
    h = norm(x + attend(x), gamma1, beta1)
    return norm(h + mlp(h), gamma2, beta2)


__all__ = [
    "FEED_FORWARD_ACTIVATIONS",
    "additive_attention",
    "causal_mask",
    "feed_forward",
    "layer_norm",
    "masked_softmax",
    "merge_heads",
    "multi_head_attention",
    "padding_mask",
    "scaled_dot_product_attention",
    "sinusoidal_positional_encoding",
    "split_heads",
    "transformer_encoder_block",
]
