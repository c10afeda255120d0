import numpy as np

from dlref.math import SGD, AdaGrad, Adam, RMSProp, optimize
from dlref.plot import plot_optimizer_paths, save_figure

# An ill-conditioned bowl: curvature 1 along θ₁ and 100 along θ₂ (condition number 100).
scales = np.array([1.0, 100.0])


def loss(p):
    return 0.5 * np.sum(scales * p**2, axis=-1)


def gradient(p):
    return scales * p


start = np.array([-4.5, 1.0])
optimizers = {
    "SGD η=0.019": SGD(0.019),
    "momentum η=0.01, μ=0.9": SGD(0.01, momentum=0.9),
    "AdaGrad η=0.5": AdaGrad(0.5),
    "RMSProp η=0.1": RMSProp(0.1),
    "Adam η=0.3": Adam(0.3),
}
paths = {name: optimize(gradient, start, opt, steps=60) for name, opt in optimizers.items()}
for name, path in paths.items():
    print(f"{name:<24} loss after 20 steps {loss(path[20]):9.2e}, after 60 {loss(path[60]):9.2e}")

fig = plot_optimizer_paths(
    lambda t1, t2: loss(np.stack([t1, t2], axis=-1)),
    paths,
    xlim=(-5, 1.5),
    ylim=(-1.6, 1.6),
    levels=np.geomspace(0.01, 40, 14),
    minimum=(0, 0),
    labels=("θ₁ (curvature 1)", "θ₂ (curvature 100)"),
    title="60 steps from (-4.5, 1)",
    figsize=(8, 4),
)
save_figure(fig, "basics-optimizers-paths.svg")
