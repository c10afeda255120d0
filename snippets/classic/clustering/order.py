import numpy as np
from sklearn.cluster import DBSCAN as SkDBSCAN

from dlref.classic import DBSCAN

# Points on a line, eps = 1, min_samples = 5. Only x = 0 and x = 2 have 5 neighbours (core);
# they are 2 apart, so they start two clusters. p at x = 1 has 3 neighbours (border) and lies
# within eps of both cores.
left, p, right = [-1, -1, -1, 0], [1], [2, 3, 3, 3]
for name, order in [("left, p, right", left + p + right), ("right, p, left", right + p + left)]:
    X = np.array(order, dtype=float)[:, None]
    model = DBSCAN(1.0, min_samples=5).fit(X)
    assert np.array_equal(model.labels_, SkDBSCAN(eps=1.0, min_samples=5).fit(X).labels_)
    cores = X[model.core_sample_indices_, 0]
    with_p = X[model.labels_ == model.labels_[order.index(1)], 0]
    print(f"rows {name}: cores at x = {cores}, p is in the cluster {np.sort(with_p)}")
