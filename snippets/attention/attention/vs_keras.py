import keras
import numpy as np

from dlref.math import multi_head_attention, padding_mask, scaled_dot_product_attention

rng = np.random.default_rng(0)
batch, n, d_model, heads = 2, 5, 32, 4
x = rng.normal(size=(batch, n, d_model)).astype("float32")
mask = padding_mask([5, 3], n)[:, None, :]  # (batch, 1, keys): the second sequence has 3 tokens

# one head: keras.ops.dot_product_attention takes (batch, length, heads, head_dim)
q, k, v = rng.normal(size=(3, batch, n, 8)).astype("float32")
ours, _ = scaled_dot_product_attention(q, k, v, mask)
theirs = keras.ops.dot_product_attention(
    q[:, :, None], k[:, :, None], v[:, :, None], mask=mask[:, None]
)
error = np.abs(ours - keras.ops.convert_to_numpy(theirs)[:, :, 0]).max()
print("one head,   max |numpy - keras| < 1e-5:", error < 1e-5)

# four heads: the same weights in both, in the layout get_weights() returns
layer = keras.layers.MultiHeadAttention(num_heads=heads, key_dim=d_model // heads)
layer(x, x)  # builds the layer
weights = [rng.normal(scale=0.3, size=w.shape).astype("float32") for w in layer.get_weights()]
layer.set_weights(weights)
print("weight shapes:", [w.shape for w in weights])
theirs, theirs_weights = layer(x, x, attention_mask=mask, return_attention_scores=True)
ours, ours_weights = multi_head_attention(x, x, weights, mask=mask)
error = max(
    np.abs(ours - keras.ops.convert_to_numpy(theirs)).max(),
    np.abs(ours_weights - keras.ops.convert_to_numpy(theirs_weights)).max(),
)
print("four heads, max |numpy - keras| < 1e-5:", error < 1e-5)
print(
    "weights",
    ours_weights.shape,
    "| padded keys get weight 0:",
    bool(np.all(ours_weights[1, ..., 3:] == 0)),
)
