import numpy as np
from matplotlib.figure import Figure

from dlref.plot import save_figure

rng = np.random.default_rng(0)
x = rng.uniform(0, 2, size=100)
y = 1.0 + 2.0 * x + rng.normal(scale=0.5, size=100)
X = np.c_[np.ones_like(x), x]
EPOCHS, BATCH_SIZES, RATES = 30, (100, 10, 1), (0.02, 0.1, 0.3)
theta_best = np.linalg.lstsq(X, y, rcond=None)[0]
J_best = 0.5 * np.mean((X @ theta_best - y) ** 2)


def run(batch_size, eta, seed=0):
    """Mini-batch gradient descent from θ = 0; returns the full-data loss after every update."""
    order_rng = np.random.default_rng(seed)
    theta, losses = np.zeros(2), []
    for _ in range(EPOCHS):
        order = order_rng.permutation(len(y))  # reshuffle every epoch
        for start in range(0, len(y), batch_size):
            idx = order[start : start + batch_size]
            theta -= eta * X[idx].T @ (X[idx] @ theta - y[idx]) / len(idx)
            losses.append(0.5 * np.mean((X @ theta - y) ** 2))
    return np.array(losses)


curves = {(b, eta): run(b, eta) for b in BATCH_SIZES for eta in RATES}
final = {key: losses[-1] for key, losses in curves.items()}
print(f"lowest possible J = {J_best:.4f}; final J after {EPOCHS} epochs:")
print("updates", "".join(f"{len(curves[b, RATES[0]]):>10}" for b in BATCH_SIZES))
print("η      " + "".join(f"{f'B = {b}':>10}" for b in BATCH_SIZES))
for eta in RATES:
    print(f"{eta:<7}" + "".join(f"{final[b, eta]:>10.4f}" for b in BATCH_SIZES))
best_rate = {b: min(RATES, key=lambda eta, b=b: final[b, eta]) for b in BATCH_SIZES}
print("best η of the three:", {f"B = {b}": eta for b, eta in best_rate.items()})

# small steps: more updates per epoch win; large steps: the full batch wins, single samples lose
assert final[1, 0.02] < final[10, 0.02] < final[100, 0.02]
assert final[100, 0.3] < final[10, 0.3] < final[1, 0.3]
assert best_rate == {100: 0.3, 10: 0.1, 1: 0.02}

fig = Figure(figsize=(6.4, 3.4), layout="constrained")
ax = fig.subplots()
for b in BATCH_SIZES:
    losses = curves[b, best_rate[b]]
    epochs = np.arange(1, len(losses) + 1) / (len(losses) // EPOCHS)
    ax.plot(epochs, losses - J_best, label=f"B = {b}, η = {best_rate[b]}", linewidth=1)
ax.set(
    xlabel="epoch",
    ylabel="J(θ) − lowest J, all data",
    yscale="log",
    title=f"{EPOCHS} epochs, each batch size at its best η",
)
ax.grid(alpha=0.3, which="both")
ax.legend(fontsize="small")
save_figure(fig, "basics-gradient-descent-batch-sizes.svg")
