import keras
from matplotlib.figure import Figure

from dlref.data import adding_problem
from dlref.models import sequence_regressor
from dlref.plot import save_figure

keras.config.set_floatx("float64")  # float32 kernels differ between CPUs; training amplifies it
T = 30  # each target needs a value seen up to 29 steps earlier
x_train, y_train = adding_problem(600, T, seed=0)
x_val, y_val = adding_problem(500, T, seed=1)

curves = {}
for cell in ("rnn", "gru"):
    for seed in (0, 1):  # the initial weights and the order of the mini-batches
        keras.utils.set_random_seed(seed)
        model = sequence_regressor(cell, (T, 2), units=8)
        model.compile(optimizer=keras.optimizers.Adam(0.03), loss="mse")
        history = model.fit(
            x_train,
            y_train,
            validation_data=(x_val, y_val),
            epochs=9,
            batch_size=30,
            validation_batch_size=500,
            verbose=0,
        )
        curves[cell, seed] = history.history["val_loss"]
        print(
            f"{cell:<4} seed {seed} {model.count_params():>3} params, validation MSE by epoch:",
            " ".join(f"{v:.3f}" for v in curves[cell, seed]),
        )
print(f"always predicting 1 gives MSE {1 / 6:.3f}")
for seed in (0, 1):  # with either seed: the GRU learns the task, the simple RNN does not
    assert curves["gru", seed][-1] < 0.05 and curves["rnn", seed][-1] > 0.15

fig = Figure(figsize=(5.5, 3.4), layout="constrained")
ax = fig.subplots()
for (cell, seed), curve in curves.items():
    ax.plot(
        range(1, len(curve) + 1),
        curve,
        marker="o",
        color="tab:blue" if cell == "rnn" else "tab:orange",
        linestyle="-" if seed == 0 else ":",
        label=f"{'SimpleRNN' if cell == 'rnn' else 'GRU'}, seed {seed}",
    )
ax.axhline(1 / 6, color="gray", linestyle="--", label="predict 1 (MSE 1/6)")
ax.set_yscale("log")
ax.set_xlabel("epoch")
ax.set_ylabel("validation MSE")
ax.set_title(f"adding problem, T = {T}")
ax.grid(alpha=0.3, which="both")
ax.legend(fontsize="small")
save_figure(fig, "rnn-lstm-gru-adding.svg")
