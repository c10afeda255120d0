import numpy as np
from matplotlib.figure import Figure
from sklearn.metrics import adjusted_rand_score

from dlref.classic import AgglomerativeClustering, KMeans
from dlref.data import make_moons
from dlref.plot import save_figure

X, truth = make_moons(300, noise=0.05, seed=0)
X = X.astype(np.float64)
results = {
    "k-means": KMeans(2, n_init=10, random_state=0).fit(X).labels_,
    "ward linkage": AgglomerativeClustering(2, linkage="ward").fit(X).labels_,
    "single linkage": AgglomerativeClustering(2, linkage="single").fit(X).labels_,
}
for name, labels in results.items():
    print(f"{name:>14}: ARI with the two moons = {adjusted_rand_score(truth, labels):.3f}")

noisy, noisy_truth = make_moons(300, noise=0.12, seed=0)
chained = AgglomerativeClustering(2, linkage="single").fit(noisy).labels_
print(
    f"single linkage, noise 0.12: ARI = {adjusted_rand_score(noisy_truth, chained):.3f}, "
    f"cluster sizes {np.bincount(chained)}"
)

fig = Figure(figsize=(8.4, 3.4), layout="constrained")
for ax, name in zip(fig.subplots(1, 2, sharey=True), ["k-means", "single linkage"], strict=True):
    ax.scatter(*X.T, c=results[name], cmap="tab10", vmin=0, vmax=9, s=12)
    ax.set(title=f"{name}: ARI = {adjusted_rand_score(truth, results[name]):.2f}", xlabel="$x_1$")
fig.axes[0].set_ylabel("$x_2$")
save_figure(fig, "classic-clustering-moons.svg")
