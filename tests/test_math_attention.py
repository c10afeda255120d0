"""dlref.math.attention against Keras given the same weights, and its errors on bad input.

References: ``keras.ops.dot_product_attention`` (one head), ``keras.layers.Softmax`` with a mask,
``keras.layers.MultiHeadAttention`` (``return_attention_scores=True`` for the weights),
``keras.layers.AdditiveAttention`` on projected inputs (it has no projection matrices of its
own), ``keras.layers.LayerNormalization``, ``keras.layers.Dense`` and an encoder block assembled
from those layers. Random float32 inputs and weights (biases included); atol 1e-5.
"""

from __future__ import annotations

import keras
import numpy as np
import pytest

from dlref.math.attention import (
    FEED_FORWARD_ACTIVATIONS,
    additive_attention,
    causal_mask,
    feed_forward,
    layer_norm,
    masked_softmax,
    merge_heads,
    multi_head_attention,
    padding_mask,
    scaled_dot_product_attention,
    sinusoidal_positional_encoding,
    split_heads,
    transformer_encoder_block,
)

ATOL = 1e-5
RNG = np.random.default_rng(7)
B, T, S, D = 2, 5, 6, 8


def _normal(*shape: int, scale: float = 1.0) -> np.ndarray:
    return RNG.normal(scale=scale, size=shape).astype(np.float32)


def _np(tensor) -> np.ndarray:
    return keras.ops.convert_to_numpy(tensor)


def _randomise(layer: keras.layers.Layer, scale: float = 0.4) -> list[np.ndarray]:
    """Give a built ``layer`` random weights (biases, gamma and beta too); return get_weights()."""
    layer.set_weights([_normal(*w.shape, scale=scale) for w in layer.get_weights()])
    return layer.get_weights()


def _random_mask(*shape: int) -> np.ndarray:
    mask = RNG.random(shape) < 0.7
    mask[..., 0] = True  # every query may attend to at least one key
    return mask


# --------------------------------------------------------------------------- masks, softmax


def test_causal_mask_is_lower_triangular():
    mask = causal_mask(4)
    assert mask.dtype == np.bool_
    np.testing.assert_array_equal(mask, np.tril(np.ones((4, 4), bool)))


def test_padding_mask_marks_the_first_lengths_positions():
    np.testing.assert_array_equal(
        padding_mask([3, 1, 0], 4),
        [[True, True, True, False], [True, False, False, False], [False] * 4],
    )


def test_masked_softmax_matches_keras_softmax_with_mask():
    scores = _normal(B, T, S, scale=3.0)
    mask = _random_mask(B, T, S)
    mask[0, 1] = False  # a fully masked row: zeros in both
    expected = _np(keras.layers.Softmax()(scores, mask=mask))
    ours = masked_softmax(scores, mask)
    assert ours.dtype == np.float32
    np.testing.assert_allclose(ours, expected, atol=ATOL)
    np.testing.assert_array_equal(ours[0, 1], 0.0)
    np.testing.assert_array_equal(ours[~mask], 0.0)


def test_masked_softmax_without_mask_is_softmax_over_keys():
    scores = _normal(T, S)
    np.testing.assert_allclose(
        masked_softmax(scores), _np(keras.ops.softmax(scores, axis=-1)), atol=ATOL
    )


# --------------------------------------------------------------------------- scaled dot product


@pytest.mark.parametrize("scale", [None, 0.3])
@pytest.mark.parametrize("masked", [False, True])
def test_scaled_dot_product_matches_keras_ops_one_head(scale, masked):
    q, k, v = _normal(B, T, D), _normal(B, S, D), _normal(B, S, 3)
    mask = _random_mask(B, T, S) if masked else None
    expected = keras.ops.dot_product_attention(
        q[:, :, None],
        k[:, :, None],
        v[:, :, None],
        mask=None if mask is None else mask[:, None],
        scale=scale,
    )  # (B, T, heads=1, d_v)
    out, weights = scaled_dot_product_attention(q, k, v, mask, scale=scale)
    assert out.shape == (B, T, 3) and weights.shape == (B, T, S)
    assert out.dtype == np.float32
    np.testing.assert_allclose(out, _np(expected)[:, :, 0], atol=ATOL)
    np.testing.assert_allclose(weights.sum(axis=-1), 1.0, atol=ATOL)


def test_default_scale_is_one_over_sqrt_dk():
    q, k, v = _normal(T, D), _normal(S, D), _normal(S, 2)
    default, _ = scaled_dot_product_attention(q, k, v)
    explicit, _ = scaled_dot_product_attention(q, k, v, scale=1 / np.sqrt(D))
    np.testing.assert_allclose(default, explicit, atol=1e-7)


def test_causal_mask_matches_keras_use_causal_mask():
    q, k, v = _normal(B, T, D), _normal(B, T, D), _normal(B, T, D)
    expected = keras.ops.dot_product_attention(
        q[:, :, None], k[:, :, None], v[:, :, None], is_causal=True
    )
    out, weights = scaled_dot_product_attention(q, k, v, causal_mask(T))
    np.testing.assert_allclose(out, _np(expected)[:, :, 0], atol=ATOL)
    assert np.all(np.triu(weights[0], k=1) == 0)


def test_fully_masked_query_gets_zero_weights_and_output_not_nan():
    q, k, v = _normal(1, 3, D), _normal(1, 4, D), _normal(1, 4, 2)
    mask = np.ones((1, 3, 4), bool)
    mask[0, 2] = False
    out, weights = scaled_dot_product_attention(q, k, v, mask)
    assert np.all(np.isfinite(out))
    np.testing.assert_array_equal(weights[0, 2], 0.0)
    np.testing.assert_array_equal(out[0, 2], 0.0)


# --------------------------------------------------------------------------- heads, MHA


def test_split_and_merge_heads_are_inverse_reshapes():
    x = _normal(B, T, 12)
    heads = split_heads(x, 3)
    assert heads.shape == (B, 3, T, 4)
    np.testing.assert_array_equal(heads[:, 1], x[:, :, 4:8])
    np.testing.assert_array_equal(merge_heads(heads), x)


def _mha(query, value, key=None, **kwargs):
    keras.utils.set_random_seed(0)
    layer = keras.layers.MultiHeadAttention(**kwargs)
    layer(query, value, key)
    return layer, _randomise(layer)


@pytest.mark.parametrize(
    ("kwargs", "cross"),
    [
        ({"num_heads": 2, "key_dim": 4}, False),
        ({"num_heads": 3, "key_dim": 2, "value_dim": 5}, True),
        ({"num_heads": 2, "key_dim": 3, "output_shape": 7}, True),
        ({"num_heads": 4, "key_dim": 2, "use_bias": False}, False),
    ],
)
def test_multi_head_attention_matches_keras(kwargs, cross):
    query = _normal(B, T, D)
    value = _normal(B, S, 6) if cross else query
    key = _normal(B, S, 4) if cross else None
    layer, weights = _mha(query, value, key, **kwargs)
    assert len(weights) == (4 if kwargs.get("use_bias") is False else 8)
    mask = _random_mask(B, T, value.shape[1])
    expected, expected_weights = layer(
        query, value, key, attention_mask=mask, return_attention_scores=True
    )
    out, attention = multi_head_attention(query, value, weights, key=key, mask=mask)
    assert out.dtype == np.float32
    np.testing.assert_allclose(out, _np(expected), atol=ATOL)
    np.testing.assert_allclose(attention, _np(expected_weights), atol=ATOL)
    fused = layer(query, value, key, attention_mask=mask)  # Keras' dot_product_attention path
    np.testing.assert_allclose(out, _np(fused), atol=ATOL)


def test_multi_head_attention_causal_and_unmasked_match_keras():
    x = _normal(B, T, D)
    layer, weights = _mha(x, x, num_heads=2, key_dim=4)
    np.testing.assert_allclose(
        multi_head_attention(x, x, weights, mask=causal_mask(T))[0],
        _np(layer(x, x, use_causal_mask=True)),
        atol=ATOL,
    )
    np.testing.assert_allclose(multi_head_attention(x, x, weights)[0], _np(layer(x, x)), atol=ATOL)


def test_multi_head_attention_fully_masked_query_matches_keras_scores_path():
    x = _normal(1, 3, D)
    layer, weights = _mha(x, x, num_heads=2, key_dim=4)
    mask = np.ones((1, 3, 3), bool)
    mask[0, 1] = False
    expected, expected_weights = layer(x, x, attention_mask=mask, return_attention_scores=True)
    out, attention = multi_head_attention(x, x, weights, mask=mask)
    np.testing.assert_allclose(attention, _np(expected_weights), atol=ATOL)
    np.testing.assert_allclose(out, _np(expected), atol=ATOL)
    np.testing.assert_allclose(out[0, 1], weights[-1], atol=ATOL)  # only the output bias


# --------------------------------------------------------------------------- additive attention


def test_additive_attention_matches_keras_on_projected_inputs():
    units = 5
    query, keys, values = _normal(B, T, 4), _normal(B, S, 6), _normal(B, S, 3)
    w_query, w_key, v = _normal(4, units), _normal(6, units), _normal(units)
    value_mask = _random_mask(B, S)
    layer = keras.layers.AdditiveAttention()
    q_proj, k_proj = query @ w_query, keys @ w_key
    layer([q_proj, values, k_proj])
    layer.set_weights([v])  # Keras' `scale` is Bahdanau's v
    expected, expected_weights = layer(
        [q_proj, values, k_proj], mask=[None, value_mask], return_attention_scores=True
    )
    out, weights = additive_attention(
        query, keys, values, w_query, w_key, v, mask=value_mask[:, None, :]
    )
    np.testing.assert_allclose(out, _np(expected), atol=ATOL)
    np.testing.assert_allclose(weights, _np(expected_weights), atol=ATOL)


def test_additive_attention_scores_follow_the_formula():
    query, keys = _normal(1, 4), _normal(3, 4)
    w_query, w_key, v = _normal(4, 2), _normal(4, 2), _normal(2)
    _, weights = additive_attention(query, keys, keys, w_query, w_key, v)
    scores = np.array([v @ np.tanh(w_query.T @ query[0] + w_key.T @ k) for k in keys])
    np.testing.assert_allclose(weights[0], np.exp(scores) / np.exp(scores).sum(), atol=ATOL)


# --------------------------------------------------------------------------- Transformer parts


def test_sinusoidal_encoding_values_and_offset_property():
    pe = sinusoidal_positional_encoding(50, 16)
    assert pe.shape == (50, 16)
    np.testing.assert_allclose(pe[0], np.tile([0.0, 1.0], 8))
    np.testing.assert_allclose(pe[3, :2], [np.sin(3), np.cos(3)])
    np.testing.assert_allclose(pe[7, 4], np.sin(7 / 10000 ** (4 / 16)))
    gram = pe @ pe.T
    for offset in (1, 5, 20):
        diagonal = np.diagonal(gram, offset)
        np.testing.assert_allclose(diagonal, diagonal[0], atol=1e-9)


@pytest.mark.parametrize("epsilon", [None, 1e-5])
def test_layer_norm_matches_keras(epsilon):
    x = _normal(B, T, D, scale=3.0) + 2.0
    kwargs = {} if epsilon is None else {"epsilon": epsilon}
    layer = keras.layers.LayerNormalization(**kwargs)
    layer.build(x.shape)
    gamma, beta = _randomise(layer)
    assert layer.epsilon == (1e-3 if epsilon is None else epsilon)
    ours = layer_norm(x, gamma, beta, **kwargs)
    assert ours.dtype == np.float32
    np.testing.assert_allclose(ours, _np(layer(x)), atol=ATOL)


def test_layer_norm_without_gamma_beta_has_zero_mean_unit_variance():
    out = layer_norm(RNG.normal(size=(4, 32)) * 5 + 1, epsilon=0.0)
    np.testing.assert_allclose(out.mean(axis=-1), 0.0, atol=1e-12)
    np.testing.assert_allclose(out.var(axis=-1), 1.0, atol=1e-12)


@pytest.mark.parametrize("activation", FEED_FORWARD_ACTIVATIONS)
def test_feed_forward_matches_two_dense_layers(activation):
    x = _normal(B, T, D)
    first, second = keras.layers.Dense(16, activation=activation), keras.layers.Dense(D)
    second(first(x))  # builds both layers
    weights = _randomise(first) + _randomise(second)
    expected = _np(second(first(x)))
    np.testing.assert_allclose(
        feed_forward(x, *weights, activation=activation), expected, atol=ATOL
    )


def _keras_block(x, heads, d_ff, activation, pre_norm):
    keras.utils.set_random_seed(0)
    mha = keras.layers.MultiHeadAttention(heads, key_dim=x.shape[-1] // heads)
    ln1, ln2 = keras.layers.LayerNormalization(), keras.layers.LayerNormalization()
    dense1 = keras.layers.Dense(d_ff, activation=activation)
    dense2 = keras.layers.Dense(x.shape[-1])

    def block(inputs, mask=None):
        if pre_norm:
            normed = ln1(inputs)
            h = inputs + mha(normed, normed, attention_mask=mask)
            return h + dense2(dense1(ln2(h)))
        h = ln1(inputs + mha(inputs, inputs, attention_mask=mask))
        return ln2(h + dense2(dense1(h)))

    block(x)
    weights = {
        "attention": _randomise(mha),
        "norm1": _randomise(ln1),
        "ffn": _randomise(dense1) + _randomise(dense2),
        "norm2": _randomise(ln2),
    }
    return block, weights


@pytest.mark.parametrize("pre_norm", [False, True])
@pytest.mark.parametrize("activation", ["relu", "gelu"])
def test_encoder_block_matches_keras_layers(pre_norm, activation):
    x = _normal(B, T, D)
    block, weights = _keras_block(x, 2, 16, activation, pre_norm)
    mask = _random_mask(B, T, T)
    ours = transformer_encoder_block(
        x, **weights, pre_norm=pre_norm, activation=activation, mask=mask
    )
    np.testing.assert_allclose(ours, _np(block(x, mask)), atol=ATOL)
    assert ours.dtype == np.float32


# --------------------------------------------------------------------------- bad input


Q, K, V = np.zeros((T, D)), np.zeros((S, D)), np.zeros((S, 3))


@pytest.mark.parametrize(
    ("call", "error", "pattern"),
    [
        (lambda: causal_mask(0), ValueError, "n must be >= 1"),
        (lambda: causal_mask(2.0), TypeError, "n must be an int"),
        (lambda: padding_mask([1.5], 3), TypeError, "lengths must hold integers"),
        (lambda: padding_mask([4], 3), ValueError, r"lengths must lie in \[0, n=3\]"),
        (lambda: padding_mask([[1]], 3), ValueError, "1-D"),
        (lambda: scaled_dot_product_attention(Q, np.zeros((S, 4)), V), ValueError, "d_k"),
        (lambda: scaled_dot_product_attention(Q, K, np.zeros((4, 3))), ValueError, "keys"),
        (lambda: scaled_dot_product_attention(np.zeros(D), K, V), ValueError, "q must have"),
        (lambda: scaled_dot_product_attention(Q, K, V, scale=0.0), ValueError, "scale"),
        (lambda: scaled_dot_product_attention(Q, K, V, np.ones((T, S))), TypeError, "boolean"),
        (
            lambda: scaled_dot_product_attention(Q, K, V, np.ones((S, T), bool)),
            ValueError,
            "does not broadcast",
        ),
        (lambda: scaled_dot_product_attention(Q * np.nan, K, V), ValueError, "NaN"),
        (lambda: masked_softmax(np.zeros((2, 3)), [True, False]), ValueError, "broadcast"),
        (lambda: split_heads(np.zeros((T, 10)), 3), ValueError, "divisible by num_heads=3"),
        (lambda: merge_heads(np.zeros((T, 4))), ValueError, "heads, T, head_dim"),
        (
            lambda: additive_attention(Q, K, K, np.zeros((D, 2)), np.zeros((D, 3)), np.zeros(2)),
            ValueError,
            "w_key must have shape",
        ),
        (lambda: sinusoidal_positional_encoding(4, 7), ValueError, "d_model must be even"),
        (lambda: layer_norm(Q, np.ones(3)), ValueError, "gamma must have shape"),
        (lambda: layer_norm(Q, epsilon=-1.0), ValueError, "epsilon"),
        (
            lambda: feed_forward(
                Q, np.zeros((D, 4)), np.zeros(4), np.zeros((4, D)), np.zeros(D), activation="tanh"
            ),
            ValueError,
            "activation must be one of",
        ),
        (
            lambda: feed_forward(Q, np.zeros((3, 4)), np.zeros(4), np.zeros((4, D)), np.zeros(D)),
            ValueError,
            "kernel1",
        ),
    ],
)
def test_bad_input_raises(call, error, pattern):
    with pytest.raises(error, match=pattern):
        call()


def test_multi_head_attention_rejects_bad_weights():
    x = _normal(1, T, D)
    _, weights = _mha(x, x, num_heads=2, key_dim=4)
    with pytest.raises(TypeError, match="list of arrays"):
        multi_head_attention(x, x, np.zeros(3))
    with pytest.raises(ValueError, match="8 arrays"):
        multi_head_attention(x, x, weights[:6])
    with pytest.raises(ValueError, match="query_kernel must have shape"):
        multi_head_attention(_normal(1, T, 5), x, weights)
    with pytest.raises(ValueError, match="key_bias must have shape"):
        multi_head_attention(x, x, [*weights[:3], np.zeros(4), *weights[4:]])
    with pytest.raises(ValueError, match=r"query must have shape \(batch, T"):
        multi_head_attention(x[0], x[0], weights)
    with pytest.raises(ValueError, match="does not broadcast"):
        multi_head_attention(x, x, weights, mask=np.ones((1, 1, T, T), bool))


def test_encoder_block_rejects_bad_weights():
    x = _normal(B, T, D)
    _, weights = _keras_block(x, 2, 16, "relu", False)
    with pytest.raises(ValueError, match="norm1 must be the pair"):
        transformer_encoder_block(x, **{**weights, "norm1": weights["norm1"][:1]})
    with pytest.raises(ValueError, match="ffn must be"):
        transformer_encoder_block(x, **{**weights, "ffn": weights["ffn"][:2]})
    with pytest.raises(TypeError, match="pre_norm must be a bool"):
        transformer_encoder_block(x, **weights, pre_norm=1)
