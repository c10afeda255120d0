"""Tests for dlref.models.transformer: shapes, parameter counts, the causal mask, bad inputs."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from dlref.models import TokenAndPositionEmbedding, decoder_only_transformer, transformer_block


def transformer_params(
    vocab: int, seq_len: int, d: int, heads: int, k: int, ff: int, layers: int, **options
) -> int:
    """Parameter count by hand (see the module docstring)."""
    positions = seq_len * d if options.get("positions", True) else 0
    attention = 3 * (d * heads * k + heads * k) + heads * k * d + d
    feed_forward = d * ff + ff + ff * d + d
    block = attention + feed_forward + 2 * (2 * d)
    final_norm = 2 * d if options.get("pre_norm", True) else 0
    return vocab * d + positions + layers * block + final_norm + d * vocab + vocab


def tokens(n: int, seq_len: int, vocab: int, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, vocab, (n, seq_len)).astype("int32")


@pytest.mark.parametrize(
    ("options", "key_dim"),
    [
        ({}, 4),
        ({"pre_norm": False}, 4),
        ({"positions": False}, 4),
        ({"key_dim": 6}, 6),
        ({"causal": False, "dropout": 0.1}, 4),
    ],
)
def test_parameter_count_by_formula(options, key_dim):
    model = decoder_only_transformer(11, 9, 16, 4, 24, 2, **options)
    assert model.count_params() == transformer_params(11, 9, 16, 4, key_dim, 24, 2, **options)


def test_shapes_and_attention_outputs():
    model = decoder_only_transformer(13, 7, 8, 2, 16, 3, return_attention_scores=True)
    logits, *scores = model(tokens(5, 7, 13))
    assert logits.shape == (5, 7, 13)
    assert len(scores) == 3
    for weights in scores:
        weights = keras.ops.convert_to_numpy(weights)
        assert weights.shape == (5, 2, 7, 7)
        np.testing.assert_allclose(weights.sum(axis=-1), 1.0, rtol=1e-5)
        # causal: query t puts no weight on keys after t
        assert np.all(weights[..., np.triu_indices(7, k=1)[0], np.triu_indices(7, k=1)[1]] == 0)
    plain = decoder_only_transformer(13, 7, 8, 2, 16, 3)
    assert plain.output.shape == (None, 7, 13)
    plain.set_weights(model.get_weights())
    np.testing.assert_allclose(plain(tokens(5, 7, 13)), logits, atol=1e-6)


@pytest.mark.parametrize("pre_norm", [True, False])
def test_causal_mask_hides_later_tokens(pre_norm):
    keras.utils.set_random_seed(0)
    model = decoder_only_transformer(10, 12, 16, 2, 32, 2, pre_norm=pre_norm)
    x = tokens(4, 12, 10)
    changed = x.copy()
    t = 5
    changed[:, t + 1 :] = (changed[:, t + 1 :] + 3) % 10
    before, after = keras.ops.convert_to_numpy(model(x)), keras.ops.convert_to_numpy(model(changed))
    assert np.max(np.abs(before[:, : t + 1] - after[:, : t + 1])) < 1e-6
    assert np.max(np.abs(before[:, t + 1 :] - after[:, t + 1 :])) > 1e-3


def test_without_causal_mask_early_outputs_see_later_tokens():
    keras.utils.set_random_seed(0)
    model = decoder_only_transformer(10, 12, 16, 2, 32, 1, causal=False)
    x = tokens(4, 12, 10)
    changed = x.copy()
    changed[:, -1] = (changed[:, -1] + 1) % 10
    before, after = keras.ops.convert_to_numpy(model(x)), keras.ops.convert_to_numpy(model(changed))
    assert np.max(np.abs(before[:, 0] - after[:, 0])) > 1e-4


def test_block_without_positions_is_permutation_equivariant():
    keras.utils.set_random_seed(0)
    inputs = keras.Input((6, 8))
    block = keras.Model(inputs, transformer_block(inputs, 2, 4, 16, causal=False))
    x = np.random.default_rng(0).normal(size=(3, 6, 8))
    order = np.array([3, 0, 5, 1, 4, 2])
    np.testing.assert_allclose(
        block(x[:, order]), keras.ops.take(block(x), order, axis=1), atol=1e-5
    )
    assert block.output.shape == (None, 6, 8)


def test_embedding_adds_token_and_position_vectors():
    layer = TokenAndPositionEmbedding(5, 4, 3)
    x = np.array([[1, 0, 4]], dtype="int32")  # shorter than seq_len is allowed
    out = keras.ops.convert_to_numpy(layer(x))
    table = keras.ops.convert_to_numpy(layer.token_embedding.embeddings)
    position = keras.ops.convert_to_numpy(layer.position_embedding.embeddings)
    np.testing.assert_allclose(out[0], table[[1, 0, 4]] + position[:3], rtol=1e-6)
    assert layer.count_params() == 5 * 3 + 4 * 3
    assert TokenAndPositionEmbedding.from_config(layer.get_config()).get_config() == (
        layer.get_config()
    )
    with pytest.raises(ValueError, match=r"seq_len=4; build the layer with seq_len >= 6"):
        layer(np.zeros((1, 6), dtype="int32"))
    assert TokenAndPositionEmbedding(5, 4, 3, positions=False).position_embedding is None


def test_save_and_load_round_trip(tmp_path):
    model = decoder_only_transformer(9, 5, 8, 2, 8, 1)
    path = tmp_path / "model.keras"
    model.save(path)
    loaded = keras.saving.load_model(path)
    x = tokens(2, 5, 9)
    np.testing.assert_allclose(loaded(x), model(x), atol=1e-6)


def test_trains_on_last_position():
    keras.utils.set_random_seed(0)
    base = decoder_only_transformer(6, 5, 8, 2, 16, 1)
    model = keras.Model(base.input, base.output[:, -1])
    # running eagerly skips tracing a tf.function, which costs more than these few steps
    model.compile(
        keras.optimizers.Adam(1e-2),
        keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        run_eagerly=True,
    )
    x = tokens(64, 5, 6)
    losses = [float(model.train_on_batch(x, x[:, 0])) for _ in range(5)]
    assert losses[-1] < losses[0]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"vocab_size": 1}, ValueError, "vocab_size must be >= 2; got 1"),
        ({"seq_len": 0}, ValueError, "seq_len must be >= 1; got 0"),
        ({"d_model": 2.0}, TypeError, "d_model must be an int; got float"),
        ({"num_heads": 3}, ValueError, "d_model=16, num_heads=3"),
        ({"num_layers": 0}, ValueError, "num_layers must be >= 1; got 0"),
        ({"key_dim": 0}, ValueError, "key_dim must be >= 1; got 0"),
        ({"causal": 1}, TypeError, "causal must be a bool; got int"),
        ({"dropout": 1.0}, ValueError, "dropout must be in"),
        ({"activation": "nope"}, ValueError, "activation='nope' is not a Keras activation"),
        ({"positions": "yes"}, TypeError, "positions must be a bool; got str"),
    ],
)
def test_bad_arguments_name_the_argument(kwargs, error, message):
    arguments = {
        "vocab_size": 10,
        "seq_len": 8,
        "d_model": 16,
        "num_heads": 2,
        "ff_dim": 32,
        "num_layers": 1,
    }
    with pytest.raises(error, match=message.replace("(", r"\(").replace("[", r"\[")):
        decoder_only_transformer(**{**arguments, **kwargs})


def test_block_bad_arguments():
    with pytest.raises(ValueError, match=r"x must be a 3-D \(batch, timesteps, features\) tensor"):
        transformer_block(keras.Input((8,)), 2, 4, 8, causal=True)
    with pytest.raises(ValueError, match="x must have a known number of features"):
        transformer_block(keras.Input((8, None)), 2, 4, 8, causal=True)
    x = keras.Input((6, 8))
    with pytest.raises(TypeError, match="causal must be a bool; got NoneType"):
        transformer_block(x, 2, 4, 8, causal=None)
    with pytest.raises(ValueError, match="ff_dim must be >= 1; got 0"):
        transformer_block(x, 2, 4, 0, causal=True)
    with pytest.raises(TypeError, match="name must be a str or None; got int"):
        transformer_block(x, 2, 4, 8, causal=True, name=3)
    with pytest.raises(ValueError, match="d_model must be >= 1; got 0"):
        TokenAndPositionEmbedding(5, 4, 0)
