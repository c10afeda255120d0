import numpy as np
from matplotlib.figure import Figure

from dlref.plot import save_figure

rng = np.random.default_rng(0)
x = rng.uniform(0, 2, size=100)
y = 1.0 + 2.0 * x + rng.normal(scale=0.5, size=100)
X = np.c_[np.ones_like(x), x]


def run(batch_size, eta, epochs=30, seed=0):
    """Mini-batch gradient descent; returns the full-data loss after every update."""
    order_rng = np.random.default_rng(seed)
    theta, losses = np.zeros(2), []
    for _ in range(epochs):
        order = order_rng.permutation(len(y))  # reshuffle every epoch
        for start in range(0, len(y), batch_size):
            idx = order[start : start + batch_size]
            theta -= eta * X[idx].T @ (X[idx] @ theta - y[idx]) / len(idx)
            losses.append(0.5 * np.mean((X @ theta - y) ** 2))
    return theta, np.array(losses)


runs = {
    "batch (100)": run(100, 0.3),
    "mini-batch (10)": run(10, 0.1),
    "stochastic (1)": run(1, 0.02),
}
fig = Figure(figsize=(6.4, 3.4), layout="constrained")
ax = fig.subplots()
for name, (theta, losses) in runs.items():
    updates_per_epoch = len(losses) // 30
    print(
        f"{name:<16} {updates_per_epoch:>3} updates/epoch, θ = {theta.round(2)}, "
        f"final J = {losses[-1]:.4f}"
    )
    ax.plot(np.arange(1, len(losses) + 1) / updates_per_epoch, losses, label=name, linewidth=1)
ax.set(
    xlabel="epoch",
    ylabel="J(θ) on all data",
    yscale="log",
    title="same 30 epochs, three batch sizes",
)
ax.grid(alpha=0.3, which="both")
ax.legend(fontsize="small")
save_figure(fig, "basics-gradient-descent-batch-sizes.svg")
