import numpy as np
from matplotlib.figure import Figure

from dlref.math import SGD, Adam, optimize
from dlref.plot import plot_optimizer_paths, save_figure


# A double well in x with a tilt, and a plain bowl in y.
def loss(p):
    x, y = p[..., 0], p[..., 1]
    return x**4 / 4 - x**3 / 3 - x**2 + y**2 / 2


def gradient(p):
    x, y = p
    return np.array([x**3 - x**2 - 2 * x, y])  # x (x + 1) (x - 2), y


def hessian(p):
    x, _ = p
    return np.array([[3 * x**2 - 2 * x - 2, 0.0], [0.0, 1.0]])


critical = {"shallow minimum": (-1.0, 0.0), "saddle": (0.0, 0.0), "deep minimum": (2.0, 0.0)}
print("critical point  loss    Hessian eigenvalues  kind")
for name, point in critical.items():
    point = np.array(point)
    assert np.all(gradient(point) == 0)  # exactly 0: a critical point
    low, high = np.linalg.eigvalsh(hessian(point))  # in increasing order
    kind = "minimum" if low > 0 else "saddle point" if high > 0 else "maximum"
    print(f"({point[0]:2.0f}, 0)        {loss(point):6.3f}  {low:5.2f}, {high:5.2f}", " " * 8, kind)
    assert kind.startswith(name.split()[-1])  # the names above say what the eigenvalues show

starts = {
    "(0, 1.5), on the stable manifold": (0.0, 1.5),
    "(0.001, 1.5), 1e-3 off it": (1e-3, 1.5),
    "(-2.3, 1.5), in the shallow basin": (-2.3, 1.5),
}
optimizers = {
    "GD η=0.1": SGD(0.1),
    "momentum η=0.01, μ=0.9": SGD(0.01, momentum=0.9),
    "Adam η=0.1": Adam(0.1),
}
steps = 400
paths = {}
ends = {}
for opt_name, opt in optimizers.items():
    for start_name, start in starts.items():
        path = optimize(gradient, start, opt, steps=steps)
        paths[opt_name, start_name] = path
        # converged: the gradient has vanished and the end lies on one of the critical points
        assert np.linalg.norm(gradient(path[-1])) < 1e-5
        (ends[opt_name, start_name],) = [
            name for name, point in critical.items() if np.linalg.norm(path[-1] - point) < 1e-5
        ]

print(f"\nwhere each run ends after {steps} steps")
for start_name in starts:
    print(f"from {start_name}:")
    for opt_name in optimizers:
        end = paths[opt_name, start_name][-1].round(2) + 0.0  # + 0.0 turns -0.0 into 0.0
        print(f"  {opt_name:<23} ({end[0]:.2f}, {end[1]:.2f})  {ends[opt_name, start_name]}")

on, off, basin = starts
assert all(ends[opt_name, on] == "saddle" for opt_name in optimizers)
assert all(np.all(paths[opt_name, on][:, 0] == 0) for opt_name in optimizers)  # never leave x = 0
assert all(ends[opt_name, off] == "deep minimum" for opt_name in optimizers)
assert ends["GD η=0.1", basin] == ends["Adam η=0.1", basin] == "shallow minimum"
assert ends["momentum η=0.01, μ=0.9", basin] == "deep minimum"

# how long each optimiser needs to get away from the saddle: the first step with |x| > 0.5
escape = {}
for opt_name in optimizers:
    x = paths[opt_name, off][:, 0]
    escape[opt_name] = int(np.argmax(np.abs(x) > 0.5))
    assert abs(x[escape[opt_name]]) > 0.501 and np.all(np.abs(x[: escape[opt_name]]) < 0.499)
print("\nsteps until |x| > 0.5 from (0.001, 1.5):")
for opt_name, n in escape.items():
    print(f"  {opt_name:<23} {n}")
assert escape["Adam η=0.1"] < escape["GD η=0.1"] / 3
# Adam's first step along x is about η, although the gradient there is only about -2e-3
first_step = paths["Adam η=0.1", off][1] - paths["Adam η=0.1", off][0]
assert abs(first_step[0] - 0.1) < 1e-3

fig = Figure(figsize=(10, 3.6), layout="constrained")
for ax, opt_name in zip(fig.subplots(1, 3, sharey=True), optimizers, strict=True):
    plot_optimizer_paths(
        lambda x, y: loss(np.stack([x, y], axis=-1)),
        {start_name: paths[opt_name, start_name][:101] for start_name in starts},
        xlim=(-2.6, 2.6),
        ylim=(-0.7, 1.8),
        levels=[-2.5, -1.5, -0.35, 0, 1, 2, 4, 7],
        labels=("x", "y" if ax is fig.axes[0] else ""),
        title=opt_name,
        resolution=100,
        ax=ax,
    )
    ax.plot([-1, 2], [0, 0], "k*", markersize=10)  # the two minima
    ax.plot(0, 0, "kP", markersize=8)  # the saddle
    if ax is not fig.axes[0]:
        ax.get_legend().remove()
fig.suptitle(f"the first 100 of the {steps} steps")
save_figure(fig, "basics-optimizers-saddle.svg")
