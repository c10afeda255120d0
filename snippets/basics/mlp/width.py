import keras
import numpy as np
from matplotlib.figure import Figure
from sklearn.datasets import make_moons

from dlref.plot import save_figure

X, y = make_moons(n_samples=300, noise=0.2, random_state=0)
grid_x, grid_y = np.meshgrid(np.linspace(-1.6, 2.6, 120), np.linspace(-1.2, 1.7, 90))
grid = np.c_[grid_x.ravel(), grid_y.ravel()].astype("float32")

fig = Figure(figsize=(10, 3.2), layout="constrained")
for ax, hidden in zip(fig.subplots(1, 3), [None, 3, 32], strict=True):
    keras.utils.set_random_seed(0)
    layers = [keras.Input((2,))]
    if hidden:
        layers.append(keras.layers.Dense(hidden, activation="tanh"))
    model = keras.Sequential([*layers, keras.layers.Dense(1, activation="sigmoid")])
    model.compile(
        optimizer=keras.optimizers.Adam(0.05), loss="binary_crossentropy", metrics=["accuracy"]
    )
    steps = 200  # 200 full-batch steps, run as one epoch over 200 copies of the data
    model.fit(
        np.tile(X, (steps, 1)), np.tile(y, steps), batch_size=len(X), shuffle=False, verbose=0
    )
    accuracy = model.evaluate(X, y, verbose=0)[1]
    name = "no hidden layer" if hidden is None else f"{hidden} hidden units"
    print(f"{name:<16} training accuracy {accuracy:.2f}")
    probability = model.predict(grid, verbose=0, batch_size=4096).reshape(grid_x.shape)
    ax.contourf(grid_x, grid_y, probability, levels=[0, 0.5, 1], alpha=0.3, colors=["C0", "C1"])
    ax.scatter(*X.T, c=y, cmap="coolwarm", s=8)
    ax.set_title(f"{name}: accuracy {accuracy:.2f}")
    ax.set_xticks([])
    ax.set_yticks([])
save_figure(fig, "basics-mlp-moons.svg")
