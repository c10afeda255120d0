import keras
import numpy as np

from dlref.math import layer_norm, transformer_encoder_block

rng = np.random.default_rng(0)
keras.utils.set_random_seed(0)
x = (3 * rng.normal(size=(2, 5, 16)) + 1).astype("float32")
ln = keras.layers.LayerNormalization()
ln.build(x.shape)
gamma, beta = (rng.normal(size=16).astype("float32") for _ in range(2))
ln.set_weights([gamma, beta])
print("Keras default epsilon:", ln.epsilon)
error = np.abs(layer_norm(x, gamma, beta) - keras.ops.convert_to_numpy(ln(x))).max()
print("layer norm: max |numpy - keras| < 1e-5:", error < 1e-5)
assert error < 1e-5

# a stack of 12 encoder blocks with Keras' initial weights; RMS of the residual stream by depth
d, heads, d_ff, depth = 64, 4, 256, 12
blocks = []
for _ in range(depth):
    mha = keras.layers.MultiHeadAttention(heads, key_dim=d // heads)
    mha.build((None, None, d), (None, None, d))
    dense1, dense2 = keras.layers.Dense(d_ff), keras.layers.Dense(d)
    dense1.build((None, d))
    dense2.build((None, d_ff))
    blocks.append(
        {
            "attention": mha.get_weights(),
            "norm1": [np.ones(d), np.zeros(d)],  # LayerNormalization's initial gamma, beta
            "ffn": dense1.get_weights() + dense2.get_weights(),
            "norm2": [np.ones(d), np.zeros(d)],
        }
    )
tokens = rng.normal(size=(8, 32, d))  # 8 sequences of 32 tokens with unit-RMS features


def rms(h):
    return float(np.sqrt(np.mean(h**2)))


print("depth:          " + " ".join(f"{i:>5}" for i in range(0, depth + 1, 2)))
stream = {}
for pre_norm in (False, True):
    h, norms = tokens, [rms(tokens)]
    for weights in blocks:
        h = transformer_encoder_block(h, **weights, pre_norm=pre_norm)
        norms.append(rms(h))
    stream[pre_norm] = np.array(norms)
    name = "pre-norm " if pre_norm else "post-norm"
    print(f"{name} RMS:  " + " ".join(f"{r:5.2f}" for r in norms[::2]))
assert np.allclose(stream[False][1:], 1.0, atol=1e-3)  # post-norm: every block ends in a LN
assert np.all(np.diff(stream[True]) > 0) and stream[True][-1] > 2  # pre-norm: it keeps growing
