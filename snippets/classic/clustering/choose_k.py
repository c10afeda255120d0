import numpy as np
from matplotlib.figure import Figure
from sklearn.datasets import make_blobs
from sklearn.metrics import silhouette_score

from dlref.classic import KMeans
from dlref.plot import save_figure


def silhouette(X, labels):
    """Mean of s(i) = (b_i - a_i) / max(a_i, b_i) over all points."""
    D = np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=2))
    clusters = np.unique(labels)
    # mean distance from every point to every cluster (its own: without itself)
    mean_to = np.column_stack([D[:, labels == c].sum(axis=1) for c in clusters])
    sizes = np.array([np.sum(labels == c) for c in clusters])
    own = np.searchsorted(clusters, labels)
    a = mean_to[np.arange(len(X)), own] / np.maximum(sizes[own] - 1, 1)
    mean_to = mean_to / sizes
    mean_to[np.arange(len(X)), own] = np.inf
    b = mean_to.min(axis=1)
    s = np.where(sizes[own] > 1, (b - a) / np.maximum(a, b), 0.0)
    return s.mean()


X, _ = make_blobs(400, centers=4, cluster_std=1.0, random_state=2)
ks, inertias, scores = range(2, 9), [], []
for k in ks:
    model = KMeans(k, n_init=10, random_state=0).fit(X)
    s = silhouette(X, model.labels_)
    assert np.isclose(s, silhouette_score(X, model.labels_))  # same as scikit-learn
    inertias.append(model.inertia_)
    scores.append(s)
    print(f"k = {k}: inertia {model.inertia_:7.1f}, silhouette {s:.3f}")
print("k with the highest silhouette:", ks[int(np.argmax(scores))])

fig = Figure(figsize=(8.4, 3.2), layout="constrained")
left, right = fig.subplots(1, 2)
left.plot(ks, inertias, "o-")
left.set(xlabel="k", ylabel="inertia", title="elbow: inertia always falls with k")
right.plot(ks, scores, "o-", color="C1")
right.set(xlabel="k", ylabel="mean silhouette", title="silhouette: higher is better")
for ax in (left, right):
    ax.grid(alpha=0.3)
save_figure(fig, "classic-clustering-choose-k.svg")
