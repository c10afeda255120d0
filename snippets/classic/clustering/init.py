import numpy as np
from sklearn.datasets import make_blobs

from dlref.classic import KMeans

X, _ = make_blobs(600, centers=10, cluster_std=0.5, center_box=(-15, 15), random_state=4)
best = KMeans(10, n_init=20, random_state=0).fit(X).inertia_
for init in ["random", "k-means++"]:
    runs = [KMeans(10, init=init, n_init=1, random_state=s).fit(X).inertia_ for s in range(30)]
    runs = np.array(runs)
    print(
        f"{init:>9}, one start: best inertia in {np.sum(runs < best * 1.001):2d} of 30 runs, "
        f"worst {runs.max() / best:.2f} x best"
    )
