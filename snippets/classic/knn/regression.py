import numpy as np
from sklearn.neighbors import KNeighborsRegressor as SkKNeighborsRegressor

from dlref.classic.neighbors import KNeighborsRegressor

rng = np.random.default_rng(0)
x = rng.uniform(0, 5, 60)
y = np.sin(x) + rng.normal(scale=0.2, size=60)
X, grid = x[:, None], np.linspace(0, 5, 201)[:, None]
truth = np.sin(grid[:, 0])

for weights in ("uniform", "distance"):
    ours = KNeighborsRegressor(5, weights=weights).fit(X, y)
    theirs = SkKNeighborsRegressor(5, weights=weights, algorithm="brute").fit(X, y)
    prediction = ours.predict(grid)
    print(
        f"{weights:<8}: same as scikit-learn {np.allclose(prediction, theirs.predict(grid))}, "
        f"error against sin(x) {np.sqrt(np.mean((prediction - truth) ** 2)):.3f}, "
        f"at a training point: {ours.predict(X[:1])[0]:.3f} (its y: {y[0]:.3f})"
    )

# the prediction by hand: mean of the 5 nearest targets, or weighted by 1 / distance
query = 2.5
distance = np.abs(x - query)
nearest = np.argsort(distance)[:5]
w = 1 / distance[nearest]
weighted = w @ y[nearest] / w.sum()
print(f"x = {query}: uniform {y[nearest].mean():.4f}, distance-weighted {weighted:.4f}")
print(
    "dlref:",
    np.round(
        [
            KNeighborsRegressor(5, weights=wt).fit(X, y).predict([[query]])[0]
            for wt in ("uniform", "distance")
        ],
        4,
    ),
)
