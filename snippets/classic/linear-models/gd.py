import numpy as np
from matplotlib.figure import Figure
from sklearn.datasets import load_diabetes

from dlref.classic.linear import LinearRegression
from dlref.plot import save_figure

X, y = load_diabetes(return_X_y=True)
exact = LinearRegression().fit(X, y)


def objective(model):  # J = MSE / 2, the function gradient descent minimises
    return 0.5 * np.mean((model.predict(X) - y) ** 2)


# gradient descent works on standardised columns plus a column of ones for b
Z = np.column_stack([(X - X.mean(axis=0)) / X.std(axis=0), np.ones(len(X))])
eigenvalues = np.linalg.eigvalsh(Z.T @ Z / len(Z))
kappa = eigenvalues[-1] / eigenvalues[0]
print(f"λ_max = {eigenvalues[-1]:.2f} (stable for η < {2 / eigenvalues[-1]:.2f}), κ = {kappa:.0f}")

checkpoints = (10, 100, 1000, 2000, 8000)
errors = []
for epochs in checkpoints:
    gd = LinearRegression(method="gd", learning_rate=0.4, epochs=epochs).fit(X, y)
    errors.append(np.linalg.norm(gd.coef_ - exact.coef_) / np.linalg.norm(exact.coef_))
    if epochs < 8000:
        gap = objective(gd) - objective(exact)
        error = np.max(np.abs(gd.coef_ - exact.coef_))
        print(f"{epochs:>4} epochs: J - J* = {gap:.1e}, max |w - w*| = {error:.1e}")
print("8000 epochs == least squares (atol=1e-6):", np.allclose(gd.coef_, exact.coef_, atol=1e-6))

# loss_history_[t] is J before step t: the loss curve of the longest run, and w at checkpoints,
# drawn only down to 1e-10: below that the gaps are rounding noise, different on every CPU
loss_gap = gd.loss_history_[:2500] / objective(exact) - 1
assert loss_gap.min() > 1e-10
fig = Figure(figsize=(6.4, 3.4), layout="constrained")
ax = fig.subplots()
ax.loglog(np.arange(1, 2501), loss_gap, label="(J − J*) / J*")
ax.loglog(checkpoints[:-1], errors[:-1], "s-", markersize=4, label="‖w − w*‖ / ‖w*‖")
ax.set(xlabel="epochs of gradient descent (η = 0.4)", ylabel="relative distance to optimum")
ax.set_ylim(1e-10, 10)
ax.grid(alpha=0.3, which="both")
ax.legend(fontsize="small")
save_figure(fig, "classic-linear-models-gd.svg")
