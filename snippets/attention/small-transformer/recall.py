import keras
import numpy as np
from matplotlib.figure import Figure

from dlref.models import decoder_only_transformer, sequence_classifier
from dlref.plot import save_figure

# float64: float32 kernels differ between CPUs in their last bits, and training amplifies them
keras.config.set_floatx("float64")

SYMBOLS, SEQ_LEN = 8, 64
QUERY = 2 * SYMBOLS  # token ids: symbols 0-7, marked symbols 8-15, the query token 16
VOCAB = QUERY + 1


def marked_recall(n, seed):
    """n sequences, one marked symbol in the first half, the query last; target: that symbol."""
    rng = np.random.default_rng(seed)
    x = rng.integers(0, SYMBOLS, size=(n, SEQ_LEN))
    where = rng.integers(0, SEQ_LEN // 2, size=n)
    y = x[np.arange(n), where]
    x[np.arange(n), where] += SYMBOLS
    x[:, -1] = QUERY
    return x.astype("int32"), y, where


x_train, y_train, _ = marked_recall(1024, seed=0)
x_test, y_test, where_test = marked_recall(500, seed=1)

keras.utils.set_random_seed(0)
lm = decoder_only_transformer(
    VOCAB, SEQ_LEN, d_model=16, num_heads=2, ff_dim=32, num_layers=1, return_attention_scores=True
)  # outputs [logits at every position, attention weights]
transformer = keras.Model(lm.input, lm.output[0][:, -1])  # the logits at the last position
keras.utils.set_random_seed(0)
gru = sequence_classifier("gru", (SEQ_LEN, VOCAB), 27, num_classes=SYMBOLS, output_activation=None)
one_hot = np.eye(VOCAB)  # the GRU reads one-hot tokens: the same information

BATCH, EPOCHS = 32, 3  # the same optimiser, batches and number of steps for both
history = {}
for name, model, x in (("transformer", transformer, x_train), ("gru", gru, one_hot[x_train])):
    model.compile(
        optimizer=keras.optimizers.Adam(0.01),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        metrics=["accuracy"],
    )
    fitted = model.fit(x, y_train, batch_size=BATCH, epochs=EPOCHS, verbose=0)
    history[name] = fitted.history["accuracy"]

logits, weights = lm.predict(x_test, verbose=0)  # (n, SEQ_LEN, VOCAB), (n, heads, query, key)
test_accuracy = {
    "transformer": np.mean(logits[:, -1].argmax(-1) == y_test),
    "gru": np.mean(gru.predict(one_hot[x_test], verbose=0).argmax(-1) == y_test),
}
for name, model in (("transformer", transformer), ("gru", gru)):
    print(
        f"{name:<11} {model.count_params()} parameters, training accuracy by epoch",
        " ".join(f"{a:.2f}" for a in history[name]),
        f"| test accuracy {test_accuracy[name]:.2f}",
    )
ratio = transformer.count_params() / gru.count_params()
steps = EPOCHS * len(x_train) // BATCH
print(f"parameter ratio {ratio:.2f}, {steps} steps each; guessing gives accuracy {1 / SYMBOLS:.3f}")
assert abs(ratio - 1) < 0.1
assert test_accuracy["transformer"] > 0.95 and test_accuracy["gru"] < 0.25
assert history["transformer"][1] > 0.99 and max(history["gru"]) < 0.25  # by the second epoch

# causal mask: change every token after position t; the outputs up to t must not move
t = 40
changed = x_test.copy()
changed[:, t + 1 :] = (changed[:, t + 1 :] + 1) % VOCAB
changed_logits, _ = lm.predict(changed, verbose=0)
difference = np.abs(logits - changed_logits).max(axis=(0, 2))  # largest change per position
unchanged, moved = difference[: t + 1].max() < 1e-9, difference[t + 1 :].min() > 1e-3
print(
    f"outputs at positions 0-{t} unchanged: {unchanged}; at every later position changed: {moved}"
)
assert unchanged and moved

# attention of the last position, where the answer is read, over the SEQ_LEN keys
answer_row = weights[:, :, -1, :]  # (n, heads, key)
on_mark = answer_row[np.arange(len(x_test)), :, where_test]  # (n, heads)
largest = answer_row.max(-1)  # (n, heads)
on_top = answer_row.argmax(-1) == where_test[:, None]
print("mean weight on the marked token per head:", on_mark.mean(0).round(2))
print("mean of each head's largest weight:      ", largest.mean(0).round(2))
print("share of sequences with the largest weight on the mark:", on_top.mean(0).round(2))
assert on_mark.mean(0).max() > 0.9 and on_top.mean(0).max() > 0.95
assert largest.mean(0).min() < 0.5  # the other head spreads its weight

examples = np.argsort(where_test, kind="stable")[[0, 250, 499]]  # early, middle, late marks
fig = Figure(figsize=(8, 3.2), layout="constrained")
axes = fig.subplots(1, 2, sharey=True)
for head, ax in enumerate(axes):
    for i, color in zip(examples, ("C0", "C1", "C2"), strict=True):
        ax.plot(answer_row[i, head], color=color, label=f"mark at position {where_test[i]}")
        ax.axvline(where_test[i], color=color, linestyle=":", linewidth=1)
    ax.set_title(f"head {head + 1}: mean weight on the mark {on_mark[:, head].mean():.2f}")
    ax.set_xlabel("key position (dotted: the marked token)")
    ax.grid(alpha=0.3)
axes[0].set_ylabel("attention weight of the last position")
axes[0].legend(fontsize="small")
save_figure(fig, "attention-small-transformer-attention.svg")
