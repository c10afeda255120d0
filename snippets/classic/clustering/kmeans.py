import numpy as np
from sklearn.cluster import KMeans as SkKMeans
from sklearn.datasets import make_blobs
from sklearn.metrics import adjusted_rand_score

from dlref.classic import KMeans
from dlref.plot import plot_clusters, save_figure

X, truth = make_blobs(400, centers=4, cluster_std=1.0, random_state=2)

# Lloyd's algorithm from the same random seeds, stopped after 1, 2, ... iterations
inertias = [
    KMeans(4, init="random", n_init=1, max_iter=t, random_state=3).fit(X).inertia_
    for t in range(1, 7)
]
print("inertia after 1..6 iterations:", np.round(inertias, 1))
print("never increases:", bool(np.all(np.diff(inertias) <= 1e-9)))

ours = KMeans(4, n_init=10, random_state=0).fit(X)
theirs = SkKMeans(4, n_init=10, random_state=0).fit(X)
print(f"inertia: dlref {ours.inertia_:.3f}, sklearn {theirs.inertia_:.3f}")
print("ARI(dlref, sklearn) =", adjusted_rand_score(ours.labels_, theirs.labels_))
print("ARI(dlref, truth)   =", round(adjusted_rand_score(ours.labels_, truth), 3))
print("labels equal as numbers:", np.array_equal(ours.labels_, theirs.labels_))
centres = theirs.cluster_centers_[
    np.argmin(((ours.cluster_centers_[:, None] - theirs.cluster_centers_[None]) ** 2).sum(2), 1)
]
print("same centres (atol=1e-8):", np.allclose(ours.cluster_centers_, centres, atol=1e-8))

fig = plot_clusters(X, ours.labels_, ours.cluster_centers_)
fig.axes[0].set_title(f"dlref KMeans, k = 4, inertia = {ours.inertia_:.0f}")
save_figure(fig, "classic-clustering-kmeans.svg")
