import keras
import numpy as np
from matplotlib.figure import Figure

from dlref.plot import save_figure

keras.config.set_floatx("float64")  # float32 kernels differ between CPUs; training amplifies it
V, T, START = 8, 5, 8  # symbols 0..7, sequence length, the decoder's start token
rng = np.random.default_rng(0)
codes = rng.choice(V**T, size=2500, replace=False)  # 2500 different sequences
sources = codes[:, None] // V ** np.arange(T - 1, -1, -1) % V  # their T digits in base 8
targets = sources[:, ::-1]  # the task: reverse the sequence
train, test = slice(0, 2000), slice(2000, None)  # no held-out sequence occurs in training


def shifted(y):
    """Teacher forcing: the decoder reads START and the true target, shifted right by one."""
    return np.concatenate([np.full((len(y), 1), START), y[:, :-1]], axis=1)


def encoder_decoder(units=32):
    source = keras.Input((T,), dtype="int32")
    decoder_input = keras.Input((T,), dtype="int32")
    embedded = keras.layers.Embedding(V, 16)(source)
    _, state = keras.layers.GRU(units, return_state=True)(embedded)  # encoder: its last state
    read = keras.layers.Embedding(V + 1, 16)(decoder_input)
    states = keras.layers.GRU(units, return_sequences=True)(read, initial_state=state)
    probabilities = keras.layers.Dense(V, activation="softmax")(states)
    return keras.Model([source, decoder_input], probabilities)


def free_running(model, source):
    """Greedy decoding: the decoder reads its own previous outputs instead of the truth."""
    decoder_input = np.full_like(source, START)
    output = np.zeros_like(source)
    for t in range(T):  # the decoder is causal, so step t only sees decoder inputs 1..t
        p = keras.ops.convert_to_numpy(model([source, decoder_input]))
        output[:, t] = p[:, t].argmax(axis=-1)
        if t + 1 < T:
            decoder_input[:, t + 1] = output[:, t]
    return output


per_step = {}
for seed in (0, 1):  # the initial weights and the order of the mini-batches
    keras.utils.set_random_seed(seed)
    model = encoder_decoder()
    model.compile(optimizer=keras.optimizers.Adam(0.03), loss="sparse_categorical_crossentropy")
    model.optimizer.build(model.trainable_variables)  # fit then traces its step once, not twice
    inputs = [sources[train], shifted(targets[train])]
    model.fit(inputs, targets[train], epochs=12, batch_size=250, verbose=0)
    y = targets[test]
    forced = keras.ops.convert_to_numpy(model([sources[test], shifted(y)])).argmax(axis=-1) == y
    decoded = free_running(model, sources[test])
    free = decoded == y
    per_step[seed] = forced.mean(axis=0), free.mean(axis=0)
    print(
        f"seed {seed}: {free.all(axis=1).sum()} of {len(y)} held-out sequences reversed exactly;"
        f" token accuracy teacher-forced {forced.mean():.2f}, free-running {free.mean():.2f}"
    )
    # a free-running output is entirely right exactly when every teacher-forced step is right
    assert np.array_equal(free.all(axis=1), forced.all(axis=1))
    assert free.all(axis=1).mean() > 0.6 and forced.mean() > free.mean() + 0.02
    for accuracy in per_step[seed]:  # step 1 is the easiest, the last steps are the hardest
        assert accuracy[0] == accuracy.max() and accuracy[3:].max() < accuracy[:2].min() - 0.05
    gap = per_step[seed][0] - per_step[seed][1]  # teacher-forced minus free-running, per step
    assert gap[0] == 0 and gap[-1] > gap[2] + 0.05  # the gap grows towards the last steps
    if seed == 0:
        print("  sources:", sources[test][:3].tolist(), "-> outputs:", decoded[:3].tolist())
        assert np.array_equal(decoded[:3], y[:3])

fig = Figure(figsize=(5.5, 3.4), layout="constrained")
ax = fig.subplots()
steps = np.arange(1, T + 1)
for seed, accuracies in per_step.items():
    for values, name, color in zip(
        accuracies, ("teacher-forced", "free-running"), ("tab:blue", "tab:orange"), strict=True
    ):
        line = "-" if seed == 0 else ":"
        ax.plot(steps, values, line, marker="o", color=color, label=f"{name}, seed {seed}")
ax.set_xticks(steps)
ax.set_xlabel("output step t (step 1 is the last source symbol)")
ax.set_ylabel("held-out token accuracy")
ax.set_title(f"reversing {T} symbols: GRU encoder-decoder")
ax.grid(alpha=0.3)
ax.legend(fontsize="small")
save_figure(fig, "rnn-sequence-models-exposure.svg")
