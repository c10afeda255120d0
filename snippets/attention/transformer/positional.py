import keras
import numpy as np
from matplotlib.figure import Figure

from dlref.math import multi_head_attention, sinusoidal_positional_encoding
from dlref.plot import save_figure

n, d_model = 128, 64
pe = sinusoidal_positional_encoding(n, d_model)  # (positions, dimensions)
gram = pe @ pe.T  # dot products between all pairs of positions
dots = []
for offset in (0, 1, 5, 20):
    diagonal = np.diagonal(gram, offset)  # PE[p] · PE[p + offset] for every p
    same = np.allclose(diagonal, diagonal[0], atol=1e-9)
    print(f"offset {offset:>2}: PE[p]·PE[p+{offset}] = {diagonal[0]:6.2f} for every p: {same}")
    assert same
    dots.append(diagonal[0])
assert np.all(np.diff(dots) < 0)  # smaller for these larger offsets

# without positions, self-attention cannot tell the order: permuting the tokens permutes the output
rng = np.random.default_rng(0)
weights = [
    rng.normal(scale=0.3, size=shape)
    for shape in [
        (64, 4, 16),
        (4, 16),
        (64, 4, 16),
        (4, 16),
        (64, 4, 16),
        (4, 16),
        (4, 16, 64),
        (64,),
    ]
]
x = rng.normal(size=(1, 10, d_model))
perm = rng.permutation(10)
out, _ = multi_head_attention(x, x, weights)
out_perm, _ = multi_head_attention(x[:, perm], x[:, perm], weights)
equivariant = np.allclose(out_perm, out[:, perm])
print("no positions:   permuted input gives permuted output:", equivariant)
x_pos = x + pe[:10]
out, _ = multi_head_attention(x_pos, x_pos, weights)
x_perm = x[:, perm] + pe[:10]  # the same tokens in another order, each with its new position
out_perm, _ = multi_head_attention(x_perm, x_perm, weights)
still_equivariant = np.allclose(out_perm, out[:, perm])
print("with positions: permuted input gives permuted output:", still_equivariant)
assert equivariant and not still_equivariant

learned = keras.layers.Embedding(input_dim=n, output_dim=d_model)  # one trained row per position
learned.build((None,))
print(f"learned positions: {learned.count_params():,} parameters for {n} positions; sinusoidal: 0")

fig = Figure(figsize=(9, 3.2), layout="constrained")
axes = fig.subplots(1, 2, sharey=True)
for ax, columns, name in zip(axes, (pe[:, 0::2], pe[:, 1::2]), ("sin", "cos"), strict=True):
    image = ax.imshow(
        columns.T, cmap="RdBu_r", vmin=-1, vmax=1, aspect="auto", interpolation="none"
    )
    ax.set_xlabel("position p")
    ax.set_title(f"{name}(p ω_i): dimensions {'2i' if name == 'sin' else '2i + 1'}")
axes[0].set_ylabel("frequency index i")
fig.colorbar(image, ax=axes, label="PE value")
save_figure(fig, "attention-transformer-positional.svg")
