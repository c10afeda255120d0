import numpy as np
from matplotlib.figure import Figure
from sklearn.cluster import DBSCAN as SkDBSCAN
from sklearn.metrics import adjusted_rand_score

from dlref.classic import DBSCAN
from dlref.data import make_moons
from dlref.plot import save_figure

X, truth = make_moons(300, noise=0.12, seed=0)
X = X.astype(np.float64)
min_samples = 10
distances = np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=2))
# distance to the min_samples-th nearest point, the point itself counted (at distance 0)
k_distance = np.sort(distances, axis=1)[:, min_samples - 1]
curve = np.sort(k_distance)
# the knee: the point of the curve farthest below the straight line from its first to its last point
along = np.arange(len(curve)) / (len(curve) - 1)
height = (curve - curve[0]) / (curve[-1] - curve[0])
knee = int(np.argmax(along - height))
eps = round(float(curve[knee]), 2)
print(f"10-distance: median {np.median(curve):.3f}, largest {curve[-1]:.3f}")
print(f"knee at point {knee + 1} of {len(curve)}: 10-distance {curve[knee]:.3f}, eps = {eps}")

model = DBSCAN(eps, min_samples=min_samples).fit(X)
assert np.array_equal(model.labels_, SkDBSCAN(eps=eps, min_samples=min_samples).fit(X).labels_)
assert len(model.core_sample_indices_) == np.sum(k_distance <= eps)  # core: k-distance <= eps
print(
    f"eps = {eps}: {model.labels_.max() + 1} clusters, {np.sum(model.labels_ == -1)} noise, "
    f"ARI {adjusted_rand_score(truth, model.labels_):.3f}"
)
grid = np.round(np.arange(0.10, 0.41, 0.01), 2)
scores = [
    adjusted_rand_score(truth, DBSCAN(e, min_samples=min_samples).fit(X).labels_) for e in grid
]
good = grid[np.array(scores) > 0.9]
print(f"eps on the grid 0.10, 0.11, ..., 0.40 with ARI > 0.9: {good[0]} to {good[-1]}")
assert np.array_equal(good, grid[(grid >= good[0]) & (grid <= good[-1])])  # one interval
assert good[0] <= eps <= good[-1]

fig = Figure(figsize=(8.4, 3.4), layout="constrained")
left, right = fig.subplots(1, 2)
left.plot(np.arange(1, len(curve) + 1), curve)
left.axhspan(good[0], good[-1], color="C2", alpha=0.2, label="eps with ARI > 0.9")
left.axhline(eps, color="C3", linestyle="--", label=f"knee: eps = {eps}")
left.set(xlabel="points, sorted", ylabel="distance to the 10th nearest point", title="k-distance")
left.legend(fontsize="small")
noise = model.labels_ == -1
right.scatter(*X[noise].T, c="0.6", marker="x", s=20, label="noise")
right.scatter(*X[~noise].T, c=model.labels_[~noise], cmap="tab10", vmin=0, vmax=9, s=12)
right.set(title=f"DBSCAN, eps = {eps}, min_samples = {min_samples}", xlabel="$x_1$", ylabel="$x_2$")
right.legend(fontsize="small")
save_figure(fig, "classic-clustering-k-distance.svg")
