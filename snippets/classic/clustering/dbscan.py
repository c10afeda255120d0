import numpy as np
from sklearn.cluster import DBSCAN as SkDBSCAN
from sklearn.metrics import adjusted_rand_score

from dlref.classic import DBSCAN, AgglomerativeClustering
from dlref.data import make_moons

scores = {}
for noise, eps, min_samples in [(0.05, 0.2, 5), (0.12, 0.25, 10)]:
    X, truth = make_moons(300, noise=noise, seed=0)
    X = X.astype(np.float64)
    ours = DBSCAN(eps, min_samples=min_samples).fit(X)
    theirs = SkDBSCAN(eps=eps, min_samples=min_samples).fit(X)
    assert np.array_equal(ours.labels_, theirs.labels_)  # the same numbers, noise included
    assert np.array_equal(ours.core_sample_indices_, theirs.core_sample_indices_)
    n_core = len(ours.core_sample_indices_)
    n_noise = int(np.sum(ours.labels_ == -1))
    scores[noise] = adjusted_rand_score(truth, ours.labels_)
    print(
        f"noise {noise} (eps {eps}, min_samples {min_samples:>2}): "
        f"{ours.labels_.max() + 1} clusters, {n_core} core, {len(X) - n_core - n_noise} border, "
        f"{n_noise} noise; ARI {scores[noise]:.3f}"
    )
print("labels and core points equal to scikit-learn's: True")

single = AgglomerativeClustering(2, linkage="single").fit(X).labels_  # X: the noisier moons
print(f"single linkage on the noisier moons: ARI {adjusted_rand_score(truth, single):.3f}")
assert scores[0.05] > 0.99 and scores[0.12] > 0.9 > adjusted_rand_score(truth, single) + 0.5
