import keras
import numpy as np

from dlref.math import merge_heads, scaled_dot_product_attention, split_heads

rng = np.random.default_rng(0)
batch, n, d_model, h = 2, 6, 16, 4
d_k = d_model // h  # key_dim: each head works in d_model / h dimensions
x = rng.normal(size=(batch, n, d_model)).astype("float32")
layer = keras.layers.MultiHeadAttention(num_heads=h, key_dim=d_k)
layer(x, x)
weights = [rng.normal(scale=0.3, size=w.shape).astype("float32") for w in layer.get_weights()]
layer.set_weights(weights)
Wq, bq, Wk, bk, Wv, bv, Wo, bo = weights  # kernels (16, 4, 4), (16, 4, 4), (16, 4, 4), (4, 4, 16)

# one (d_model, h * d_k) matrix product, then a reshape: columns i*d_k .. (i+1)*d_k go to head i
Q = split_heads(x @ Wq.reshape(d_model, h * d_k) + bq.reshape(-1), h)
K = split_heads(x @ Wk.reshape(d_model, h * d_k) + bk.reshape(-1), h)
V = split_heads(x @ Wv.reshape(d_model, h * d_k) + bv.reshape(-1), h)
print("x", x.shape, "-> Q", Q.shape, "(batch, heads, n, d_k)")
keras_q = keras.ops.convert_to_numpy(layer.query_dense(x))  # (batch, n, heads, d_k)
same_as_keras = np.allclose(Q, keras_q.transpose(0, 2, 1, 3), atol=1e-5)
print("split heads equal Keras' query projection:", same_as_keras)
# a reshape straight to (batch, h, n, d_k), without the transpose, mixes positions into the heads
plain = (x @ Wq.reshape(d_model, h * d_k) + bq.reshape(-1)).reshape(batch, h, n, d_k)
print("reshape without the transpose equals split heads:", np.allclose(plain, Q, atol=1e-5))
assert same_as_keras and not np.allclose(plain, Q, atol=1e-5)

context, _ = scaled_dot_product_attention(Q, K, V)  # all heads at once, (batch, h, n, d_k)
head_2 = scaled_dot_product_attention(Q[:, 2], K[:, 2], V[:, 2])[0]
one_at_a_time = np.allclose(context[:, 2], head_2, atol=1e-6)
print("batched heads equal one head at a time:", one_at_a_time)
merged = merge_heads(context)  # concatenate the heads: (batch, n, h * d_k)
output = merged @ Wo.reshape(h * d_k, d_model) + bo
equals_keras = np.allclose(output, keras.ops.convert_to_numpy(layer(x, x)), atol=1e-5)
print("merge heads", merged.shape, "then W_O: equals Keras:", equals_keras)
assert one_at_a_time and equals_keras
assert np.array_equal(merge_heads(split_heads(x, h)), x)  # merging undoes splitting
