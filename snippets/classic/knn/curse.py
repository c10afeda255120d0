import numpy as np
from matplotlib.figure import Figure

from dlref.classic.neighbors import KNeighborsRegressor
from dlref.plot import save_figure

rng = np.random.default_rng(0)
n = 1000
dims = (1, 2, 10, 100, 1000)
contrast = {}
for d in dims:
    X = rng.uniform(size=(n, d))  # n points in the unit cube [0, 1]^d
    queries = rng.uniform(size=(100, d))
    search = KNeighborsRegressor(n).fit(X, np.zeros(n))  # k = n: distances to every point
    distances, _ = search.kneighbors(queries)  # sorted per query
    nearest, farthest = distances[:, 0], distances[:, -1]
    contrast[d] = np.mean(nearest / farthest)
    # edge of a sub-cube that holds 1% of the volume (and so about 1% of the points)
    print(
        f"d = {d:4d}: nearest / farthest distance {contrast[d]:.3f}, "
        f"edge of a cube holding 1% of the data {0.01 ** (1 / d):.3f}"
    )

fig = Figure(figsize=(6.4, 3.6), layout="constrained")
ax = fig.subplots()
ax.semilogx(dims, [contrast[d] for d in dims], "o-")
ax.set(xlabel="dimension d", ylabel="mean nearest / farthest distance", ylim=(0, 1))
ax.set_title("1000 uniform points: in high dimensions all points are about equally far")
ax.grid(alpha=0.3)
save_figure(fig, "classic-knn-curse.svg")
