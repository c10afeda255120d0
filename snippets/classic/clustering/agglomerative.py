import numpy as np
from sklearn.cluster import AgglomerativeClustering as SkAgglomerative
from sklearn.datasets import make_blobs
from sklearn.metrics import adjusted_rand_score

from dlref.classic import AgglomerativeClustering

X, truth = make_blobs(150, centers=3, cluster_std=1.0, random_state=2)
for linkage in ["single", "complete", "average", "ward"]:
    ours = AgglomerativeClustering(3, linkage=linkage).fit(X)
    theirs = SkAgglomerative(3, linkage=linkage, compute_distances=True).fit(X)
    merges = len(X) - 3  # scikit-learn builds the whole tree, dlref stops at 3 clusters
    same_tree = np.array_equal(
        np.sort(ours.children_, axis=1), np.sort(theirs.children_, axis=1)[:merges]
    )
    same_heights = np.allclose(ours.distances_, theirs.distances_[:merges], atol=1e-10)
    print(
        f"{linkage:>8}: ARI(dlref, sklearn) = {adjusted_rand_score(ours.labels_, theirs.labels_)}"
        f", same merges: {same_tree}, same heights: {same_heights}"
        f", ARI(truth) = {adjusted_rand_score(ours.labels_, truth):.3f}"
    )
