from dlref.models import decoder_only_transformer, sequence_classifier

V, n, d, h, d_ff, L = 17, 64, 16, 2, 32, 1  # vocabulary, length, width, heads, FFN width, blocks
model = decoder_only_transformer(V, n, d_model=d, num_heads=h, ff_dim=d_ff, num_layers=L)
block = 4 * (d * d + d) + (2 * d * d_ff + d_ff + d) + 4 * d  # attention, FFN, two layer norms
formula = (V + n) * d + L * block + 2 * d + (d * V + V)
print(f"Transformer: formula {formula}, count_params() {model.count_params()}")
print(f"  embeddings (V + n)·d = {(V + n) * d}, of which positions n·d = {n * d}")

u, classes = 27, 8  # GRU units; the GRU reads one-hot tokens, V features per step
gru = sequence_classifier("gru", (n, V), u, num_classes=classes, output_activation=None)
formula_gru = 3 * u * (V + u + 1) + 3 * u + (u * classes + classes)
print(f"GRU:         formula {formula_gru}, count_params() {gru.count_params()}")
assert model.count_params() == formula and gru.count_params() == formula_gru
