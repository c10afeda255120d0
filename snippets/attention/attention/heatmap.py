import numpy as np
from matplotlib.figure import Figure

from dlref.math import causal_mask, scaled_dot_product_attention
from dlref.plot import save_figure

rng = np.random.default_rng(0)
tokens = ["the", "cat", "sat", "on", "a", "mat"]
d_k = 16
keys = rng.normal(size=(len(tokens), d_k))  # one random key per token,
keys *= np.sqrt(d_k) / np.linalg.norm(keys, axis=1, keepdims=True)  # all of length √d_k
index = {t: i for i, t in enumerate(tokens)}
queries = np.stack(
    [
        3 * keys[index["cat"]],  # points at "cat"
        3 * keys[index["mat"]],  # points at "mat"
        2 * (keys[index["cat"]] + keys[index["sat"]]),  # between "cat" and "sat"
    ]
)
_, weights = scaled_dot_product_attention(queries, keys, keys)
for name, row in zip(["→ cat", "→ mat", "→ cat+sat"], weights, strict=True):
    print(f"query {name:<10}", " ".join(f"{t}:{w:.2f}" for t, w in zip(tokens, row, strict=True)))
assert list(weights[:2].argmax(axis=1)) == [index["cat"], index["mat"]]
assert weights[:2].max(axis=1).min() > 0.9
# the third query splits its weight equally between "cat" and "sat"
assert np.isclose(weights[2, index["cat"]], weights[2, index["sat"]])
assert weights[2, index["cat"]] + weights[2, index["sat"]] > 0.8

q, k = rng.normal(size=(2, len(tokens), d_k))  # random queries and keys, causal mask
_, causal = scaled_dot_product_attention(q, k, k, causal_mask(len(tokens)))
assert np.all(causal[np.triu_indices(len(tokens), 1)] == 0)  # nothing above the diagonal

fig = Figure(figsize=(9, 3.4), layout="constrained")
axes = fig.subplots(1, 2)
panels = [
    (weights, ["→ cat", "→ mat", "→ cat+sat"], "queries that match keys"),
    (causal, tokens, "causal self-attention"),
]
for ax, (matrix, rows, title) in zip(axes, panels, strict=True):
    image = ax.imshow(np.round(matrix, 3), cmap="Blues", vmin=0, vmax=1, interpolation="none")
    for (i, j), w in np.ndenumerate(matrix):
        ax.text(
            j,
            i,
            f"{w:.2f}",
            ha="center",
            va="center",
            fontsize=7,
            color="white" if w > 0.6 else "black",
        )
    ax.set_xticks(range(len(tokens)), tokens)
    ax.set_yticks(range(len(rows)), rows)
    ax.set_xlabel("key")
    ax.set_title(title)
axes[0].set_ylabel("query")
fig.colorbar(image, ax=axes, shrink=0.8, label="attention weight")
save_figure(fig, "attention-attention-weights.svg")
