import keras


def decoder_only_params(vocab: int, context: int, d: int, layers: int, tied: bool) -> int:
    """Parameters of a GPT-style decoder: pre-norm blocks, a 4d feed-forward layer, biases."""
    attention = 4 * (d * d + d)  # query, key, value and output projections
    feed_forward = (d * 4 * d + 4 * d) + (4 * d * d + d)
    norms = 2 * (2 * d)  # two layer normalisations per block, a scale and a shift each
    total = vocab * d + context * d + layers * (attention + feed_forward + norms) + 2 * d
    return total if tied else total + d * vocab + vocab  # untied: an output layer of its own


class PositionEmbedding(keras.layers.Layer):
    """Adds a learnt vector for each position 0 .. context - 1."""

    def build(self, input_shape):
        self.table = self.add_weight(shape=tuple(input_shape[1:]), name="positions")

    def call(self, x):
        return x + self.table


def keras_decoder_only(vocab: int, context: int, d: int, heads: int, layers: int):
    tokens = keras.Input((context,), dtype="int32")
    x = PositionEmbedding()(keras.layers.Embedding(vocab, d)(tokens))
    for _ in range(layers):
        h = keras.layers.LayerNormalization()(x)
        h = keras.layers.MultiHeadAttention(heads, d // heads)(h, h, use_causal_mask=True)
        x = keras.layers.Add()([x, h])
        h = keras.layers.LayerNormalization()(x)
        h = keras.layers.Dense(4 * d, activation="gelu")(h)
        x = keras.layers.Add()([x, keras.layers.Dense(d)(h)])
    logits = keras.layers.Dense(vocab)(keras.layers.LayerNormalization()(x))
    return keras.Model(tokens, logits)


small = {"vocab": 1000, "context": 64, "d": 64, "layers": 2}
model = keras_decoder_only(heads=4, **small)
formula = decoder_only_params(tied=False, **small)
print(f"small decoder: formula {formula:,}, Keras count_params() {model.count_params():,}")
assert formula == model.count_params()

# The configuration of the smallest GPT-2 (Radford et al., 2019): output layer tied to the
# token embedding.
gpt2 = {"vocab": 50257, "context": 1024, "d": 768, "layers": 12}
total = decoder_only_params(tied=True, **gpt2)
blocks = total - (gpt2["vocab"] + gpt2["context"]) * gpt2["d"]  # all but the two embeddings
approximation = 12 * gpt2["layers"] * gpt2["d"] ** 2
print(
    f"GPT-2 small configuration: {total:,} parameters, {1 - blocks / total:.0%} in the embeddings"
)
print(f"outside the embeddings: {blocks:,}; 12 * layers * d^2 = {approximation:,}")
assert abs(blocks - approximation) < 0.01 * blocks
