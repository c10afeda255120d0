import numpy as np

from dlref.math import causal_mask, padding_mask, scaled_dot_product_attention

np.set_printoptions(precision=3, suppress=True)
n = 4
q = k = np.zeros((n, 2))  # all scores equal, so the mask alone shapes the weights
v = np.arange(n, dtype=float)[:, None]  # value j is the number j

print("causal mask (1 = may attend):")
print(causal_mask(n).astype(int))
out, weights = scaled_dot_product_attention(q, k, v, causal_mask(n))
print("weights:")
print(weights)
print("outputs (running mean of the values):", out[:, 0])

ids = np.array([[5, 7, 2, 9], [4, 8, 0, 0]])  # two sequences, 0 = padding
lengths = np.array([4, 2])
pad = padding_mask(lengths, n)  # (batch, keys)
print("padding mask equals ids != 0:", np.array_equal(pad, ids != 0))
_, weights = scaled_dot_product_attention(
    np.zeros((2, n, 2)), np.zeros((2, n, 2)), np.zeros((2, n, 1)), pad[:, None, :]
)
print("weights of sequence 2, every query:", weights[1, 0])
assert np.all(weights[1] == weights[1, 0])  # the same row for all 4 queries

no_key = np.zeros((1, n), dtype=bool)  # a query that may attend to nothing
out, empty = scaled_dot_product_attention(q[:1], k, v, no_key)
print(
    "fully masked query: weights", empty[0], "output", out[0], "| NaN:", bool(np.isnan(out).any())
)
