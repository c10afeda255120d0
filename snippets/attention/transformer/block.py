import keras
import numpy as np

from dlref.math import padding_mask, transformer_encoder_block

rng = np.random.default_rng(0)
keras.utils.set_random_seed(0)
batch, n, d, heads, d_ff = 2, 7, 32, 4, 128
x = rng.normal(size=(batch, n, d)).astype("float32")
mask = padding_mask([7, 4], n)[:, None, :]  # the second sequence has 4 tokens and 3 pads


def randomise(layer):
    """Random weights (biases, gamma and beta too), so that every term is exercised."""
    weights = [rng.normal(scale=0.2, size=w.shape).astype("float32") for w in layer.get_weights()]
    layer.set_weights(weights)
    return weights


def keras_encoder_block(pre_norm, activation):
    """An encoder block from Keras layers; returns it and its weights, layer by layer."""
    mha = keras.layers.MultiHeadAttention(num_heads=heads, key_dim=d // heads)
    norm1, norm2 = keras.layers.LayerNormalization(), keras.layers.LayerNormalization()
    dense1, dense2 = keras.layers.Dense(d_ff, activation=activation), keras.layers.Dense(d)

    def block(h):
        if pre_norm:  # h + MHA(LN(h)), then h + FFN(LN(h))
            normed = norm1(h)
            h = h + mha(normed, normed, attention_mask=mask)
            return h + dense2(dense1(norm2(h)))
        h = norm1(h + mha(h, h, attention_mask=mask))  # LN(h + MHA(h)), then LN(h + FFN(h))
        return norm2(h + dense2(dense1(h)))

    block(x)  # builds the layers
    weights = {
        "attention": randomise(mha),
        "norm1": randomise(norm1),
        "ffn": randomise(dense1) + randomise(dense2),
        "norm2": randomise(norm2),
    }
    return block, weights


for pre_norm, activation in [(False, "relu"), (True, "gelu")]:
    block, weights = keras_encoder_block(pre_norm, activation)
    ours = transformer_encoder_block(
        x, **weights, pre_norm=pre_norm, activation=activation, mask=mask
    )
    error = np.abs(ours - keras.ops.convert_to_numpy(block(x))).max()
    name = "pre-norm, GELU " if pre_norm else "post-norm, ReLU"
    print(f"{name} block: max |numpy - keras| < 1e-5:", error < 1e-5)
    assert error < 1e-5
