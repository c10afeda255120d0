import keras
from matplotlib.figure import Figure

from dlref.data import adding_problem
from dlref.models import sequence_regressor
from dlref.plot import save_figure

T = 30  # each target needs a value seen up to 29 steps earlier
x_train, y_train = adding_problem(600, T, seed=0)
x_val, y_val = adding_problem(500, T, seed=1)

curves = {}
for cell in ("rnn", "gru"):
    keras.utils.set_random_seed(0)
    model = sequence_regressor(cell, (T, 2), units=8)
    model.compile(optimizer=keras.optimizers.Adam(0.03), loss="mse")
    history = model.fit(
        x_train,
        y_train,
        validation_data=(x_val, y_val),
        epochs=7,
        batch_size=30,
        validation_batch_size=500,
        verbose=0,
    )
    curves[cell] = history.history["val_loss"]
    print(
        f"{cell:<4} {model.count_params():>3} parameters, validation MSE by epoch:",
        " ".join(f"{v:.3f}" for v in curves[cell]),
    )
print(f"always predicting 1 gives MSE {1 / 6:.3f}")

fig = Figure(figsize=(5.5, 3.4), layout="constrained")
ax = fig.subplots()
for cell, label in (("rnn", "SimpleRNN"), ("gru", "GRU")):
    ax.plot(range(1, len(curves[cell]) + 1), curves[cell], marker="o", label=label)
ax.axhline(1 / 6, color="gray", linestyle="--", label="predict 1 (MSE 1/6)")
ax.set_yscale("log")
ax.set_xlabel("epoch")
ax.set_ylabel("validation MSE")
ax.set_title(f"adding problem, T = {T}")
ax.grid(alpha=0.3, which="both")
ax.legend(fontsize="small")
save_figure(fig, "rnn-lstm-gru-adding.svg")
