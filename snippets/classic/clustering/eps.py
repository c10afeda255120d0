import numpy as np
from sklearn.cluster import DBSCAN as SkDBSCAN
from sklearn.metrics import adjusted_rand_score

from dlref.classic import DBSCAN
from dlref.data import make_moons

X, truth = make_moons(300, noise=0.05, seed=0)
X = X.astype(np.float64)
print(" eps  clusters  noise    ARI")
noise_counts = []
for eps in [0.05, 0.08, 0.1, 0.15, 0.2, 0.3, 0.4]:
    labels = DBSCAN(eps, min_samples=5).fit(X).labels_
    assert np.array_equal(labels, SkDBSCAN(eps=eps, min_samples=5).fit(X).labels_)
    noise_counts.append(int(np.sum(labels == -1)))
    ari = adjusted_rand_score(truth, labels)
    print(f"{eps:4.2f}  {labels.max() + 1:8d}  {noise_counts[-1]:5d}  {ari:5.3f}")
assert noise_counts == sorted(noise_counts, reverse=True)  # a larger eps never adds noise
