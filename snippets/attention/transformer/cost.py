import time

import numpy as np
from matplotlib.figure import Figure
from threadpoolctl import threadpool_limits

from dlref.math import scaled_dot_product_attention
from dlref.plot import save_figure

rng = np.random.default_rng(0)
d_k = 64
lengths = np.array([64, 128, 256, 512, 1024])
bytes_per_float = 4  # float32

print("    n   weights n×n per head      Q, K, V (3·n·d_k)")
weights_bytes, qkv_bytes = lengths**2 * bytes_per_float, 3 * lengths * d_k * bytes_per_float
for n, w, qkv in zip(lengths, weights_bytes, qkv_bytes, strict=True):
    print(f"{n:>5} {w:>11,} B = {w / 2**20:5.3f} MiB {qkv:>12,} B")
assert np.all(np.diff(np.log2(weights_bytes)) == 2)  # doubling n multiplies the memory by 4
# n² > 3 n d_k exactly when n > 3 d_k: from there on the weights need more memory than Q, K, V
print(f"the weights outgrow Q, K and V together beyond n = 3·d_k = {3 * d_k}")
assert np.array_equal(weights_bytes > qkv_bytes, lengths > 3 * d_k)
total = 32 * 8 * weights_bytes[-1]  # batch 32, 8 heads, n = 1024
print(f"batch 32, 8 heads, n = 1024: {total / 2**30:.0f} GiB of attention weights per layer")


def attention_in_place(q, k, v, scores, out):
    """softmax(q kᵀ / √d_k) v written into preallocated arrays, so that no memory is allocated."""
    np.matmul(q / np.sqrt(d_k), k.T, out=scores)
    scores -= scores.max(axis=1, keepdims=True)
    np.exp(scores, out=scores)
    scores /= scores.sum(axis=1, keepdims=True)
    return np.matmul(scores, v, out=out)


seconds = []
with threadpool_limits(1):  # one thread: less disturbed by other programs on the machine
    for n in lengths:
        q, k, v = rng.normal(size=(3, n, d_k)).astype("float32")
        scores, out = np.empty((n, n), "float32"), np.empty((n, d_k), "float32")
        reference, _ = scaled_dot_product_attention(q, k, v)
        assert np.allclose(attention_in_place(q, k, v, scores, out), reference, atol=1e-5)
        runs = []
        for _ in range(7):  # keep the fastest run, the one least disturbed
            start = time.perf_counter()
            attention_in_place(q, k, v, scores, out)
            runs.append(time.perf_counter() - start)
        seconds.append(min(runs))
slope = np.polyfit(np.log(lengths), np.log(seconds), 1)[0]  # time ∝ n^slope
print("time grows about quadratically (fitted exponent between 1.5 and 2.5):", 1.5 < slope < 2.5)
assert 1.5 < slope < 2.5

fig = Figure(figsize=(5.5, 3.4), layout="constrained")
ax = fig.subplots()
ax.loglog(lengths, weights_bytes / 2**20, "o-", base=2, label="attention weights, n × n")
ax.loglog(lengths, qkv_bytes / 2**20, "s-", base=2, label="Q, K, V, 3 · n · d_k")
ax.set_xticks(lengths, [str(n) for n in lengths])
ax.set_xlabel("sequence length n")
ax.set_ylabel("MiB per head (float32)")
ax.set_title(f"memory of one attention head, d_k = {d_k}")
ax.grid(alpha=0.3, which="both")
ax.legend()
save_figure(fig, "attention-transformer-memory.svg")
