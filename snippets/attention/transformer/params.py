import keras


def encoder_block(d, heads, d_ff):
    """A post-norm encoder block from Keras layers, as a model over sequences of any length."""
    x = keras.Input(shape=(None, d))
    mha = keras.layers.MultiHeadAttention(num_heads=heads, key_dim=d // heads)
    h = keras.layers.LayerNormalization()(x + mha(x, x))
    f = keras.layers.Dense(d)(keras.layers.Dense(d_ff, activation="relu")(h))
    return keras.Model(x, keras.layers.LayerNormalization()(h + f)), mha


print(f"{'d':>4} {'h':>2} {'d_ff':>5} {'MHA 4(d²+d)':>12} {'Keras':>9} {'block':>9} {'Keras':>9}")
for d, heads, d_ff in [(64, 1, 256), (64, 4, 256), (64, 8, 256), (512, 8, 2048)]:
    model, mha = encoder_block(d, heads, d_ff)
    attention = 4 * (d * d + d)  # W_Q, W_K, W_V, W_O and their biases
    ffn = (d * d_ff + d_ff) + (d_ff * d + d)  # two Dense layers
    norms = 2 * (2 * d)  # gamma and beta of two layer norms
    total = attention + ffn + norms
    print(
        f"{d:>4} {heads:>2} {d_ff:>5} {attention:>12,} {mha.count_params():>9,} "
        f"{total:>9,} {model.count_params():>9,}"
    )
    assert attention == mha.count_params() and total == model.count_params()
print(f"d = 512: the feed-forward sublayer holds {ffn / total:.0%} of the block's parameters")

# key_dim is the size of each head, not d_model: key_dim=512 with 8 heads is 8 heads of 512
wrong = keras.layers.MultiHeadAttention(num_heads=8, key_dim=512)
wrong.build((None, None, 512), (None, None, 512))
right = 4 * (512 * 512 + 512)
print(
    f"key_dim=512 instead of 64 with 8 heads: {wrong.count_params():,} parameters, "
    f"{wrong.count_params() / right:.1f} times as many"
)
