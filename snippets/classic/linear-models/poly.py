import math

import numpy as np
from matplotlib.figure import Figure
from sklearn.linear_model import LinearRegression as SkLinearRegression
from sklearn.preprocessing import PolynomialFeatures as SkPolynomialFeatures

from dlref.classic.linear import LinearRegression, Ridge
from dlref.classic.preprocessing import PolynomialFeatures, StandardScaler
from dlref.plot import save_figure

rng = np.random.default_rng(0)
x_train = np.linspace(-1, 1, 20)
y_train = np.sin(np.pi * x_train) + rng.normal(scale=0.2, size=20)
x_test = rng.uniform(-1, 1, 500)
y_test = np.sin(np.pi * x_test) + rng.normal(scale=0.2, size=500)


def mse(model, features, x, y):
    return np.mean((model.predict(features.transform(x[:, None])) - y) ** 2)


grid = np.linspace(-1, 1, 400)
fig = Figure(figsize=(10, 3.2), layout="constrained")
for ax, degree in zip(fig.subplots(1, 3, sharey=True), (1, 3, 15), strict=True):
    features = PolynomialFeatures(degree, include_bias=False).fit(x_train[:, None])
    A = features.transform(x_train[:, None])
    model = LinearRegression().fit(A, y_train)
    reference = SkLinearRegression().fit(
        SkPolynomialFeatures(degree, include_bias=False).fit_transform(x_train[:, None]), y_train
    )
    same = np.allclose(model.coef_, reference.coef_, atol=1e-6)
    train, test = mse(model, features, x_train, y_train), mse(model, features, x_test, y_test)
    print(f"degree {degree:>2}: train MSE {train:.4f}, test MSE {test:.4f}, scikit-learn: {same}")
    ax.plot(grid, np.sin(np.pi * grid), color="0.6", linestyle="--", label="sin(πx)")
    ax.plot(grid, model.predict(features.transform(grid[:, None])), color="C3", label="fit")
    ax.scatter(x_train, y_train, s=12, color="C0", label="training data")
    ax.set(title=f"degree {degree}: test MSE {test:.3f}", xlabel="x", ylim=(-1.8, 1.8))
fig.axes[0].legend(fontsize="small", loc="upper left")
save_figure(fig, "classic-linear-models-poly.svg")

# the same 15 features, standardised, with a small ridge penalty
features = PolynomialFeatures(15, include_bias=False).fit(x_train[:, None])
scaler = StandardScaler().fit(features.transform(x_train[:, None]))
ridge = Ridge(alpha=1e-2).fit(scaler.transform(features.transform(x_train[:, None])), y_train)
prediction = ridge.predict(scaler.transform(features.transform(x_test[:, None])))
print(f"degree 15 + ridge (α = 0.01): test MSE {np.mean((prediction - y_test) ** 2):.4f}")

# several inputs: the columns and their order, compared with scikit-learn's
x3 = rng.normal(size=(5, 3))
ours3 = PolynomialFeatures(3).fit(x3)
theirs3 = SkPolynomialFeatures(3).fit(x3)
same_order = np.array_equal(ours3.powers_, theirs3.powers_) and np.allclose(
    ours3.transform(x3), theirs3.transform(x3)
)
n_columns = ours3.n_output_features_
print(f"3 features, degree 3: {n_columns} columns, same as scikit-learn: {same_order}")
assert same_order and n_columns == math.comb(3 + 3, 3)
