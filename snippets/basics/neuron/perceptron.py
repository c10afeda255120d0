import numpy as np
from matplotlib.figure import Figure
from sklearn.datasets import make_blobs

from dlref.math.perceptron import Perceptron
from dlref.plot import save_figure

X, y = make_blobs(n_samples=100, centers=[[-2, -2], [2, 2]], cluster_std=1.2, random_state=8)
model = Perceptron(learning_rate=1.0, max_epochs=100).fit(X, y)
print("mistakes per epoch:", model.errors_per_epoch_)
print("converged:", model.converged_, "| training accuracy:", model.score(X, y))
print("w =", model.coef_.round(3), " b =", round(model.intercept_, 3))

fig = Figure(figsize=(9, 3.6), layout="constrained")
ax_data, ax_err = fig.subplots(1, 2)
for label, marker in ((0, "o"), (1, "^")):
    ax_data.scatter(*X[y == label].T, marker=marker, s=18, label=f"class {label}")
xs = np.linspace(X[:, 0].min(), X[:, 0].max(), 2)
w1, w2 = model.coef_
ax_data.plot(xs, -(w1 * xs + model.intercept_) / w2, "k-", label="w·x + b = 0")
ax_data.set(xlabel="x₁", ylabel="x₂", title="learned decision boundary")
ax_data.legend(fontsize="small")
epochs = np.arange(1, len(model.errors_per_epoch_) + 1)
ax_err.plot(epochs, model.errors_per_epoch_, marker="o")
ax_err.set(xlabel="epoch", ylabel="mistakes", title="perceptron rule: mistakes per epoch")
ax_err.grid(alpha=0.3)
save_figure(fig, "basics-neuron-perceptron.svg")
