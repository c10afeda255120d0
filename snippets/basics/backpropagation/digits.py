import numpy as np
from matplotlib.figure import Figure

from dlref.data import load_digits
from dlref.math.layers import MLP
from dlref.plot import save_figure

data = load_digits(seed=0)  # 8×8 images flattened to 64 pixels in [0, 1]; 70/15/15 split
print("train / validation / test:", data.sizes())

mlp = MLP((64, 32, 10), activation="relu", seed=0)
mlp.fit(data.x_train, data.y_train, epochs=30, batch_size=32, learning_rate=0.003)  # Adam
print(f"test accuracy: {mlp.score(data.x_test, data.y_test):.2f}")
print(f"training loss: epoch 1 {mlp.loss_history[0]:.3f}, epoch 30 {mlp.loss_history[-1]:.3f}")

fig = Figure(figsize=(6.4, 3.4), layout="constrained")
ax = fig.subplots()
ax.plot(np.arange(1, 31), mlp.loss_history, marker="o", markersize=3)
ax.set(xlabel="epoch", ylabel="mean training loss (cross-entropy)", yscale="log")
ax.grid(alpha=0.3, which="both")
save_figure(fig, "basics-backpropagation-digits-loss.svg")
