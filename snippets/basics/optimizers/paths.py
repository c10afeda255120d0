import numpy as np
from matplotlib.figure import Figure

from dlref.math import SGD, AdaGrad, Adam, RMSProp, optimize
from dlref.plot import save_figure

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

fig = Figure(figsize=(8, 4), layout="constrained")
ax = fig.subplots()
gx, gy = np.meshgrid(np.linspace(-5, 1.5, 200), np.linspace(-1.6, 1.6, 200))
ax.contour(
    gx,
    gy,
    loss(np.stack([gx, gy], axis=-1)),
    levels=np.geomspace(0.01, 40, 14),
    colors="0.75",
    linewidths=0.7,
)
for name, path in paths.items():
    ax.plot(*path.T, marker=".", markersize=3, linewidth=1, label=name)
ax.plot(0, 0, "k*", markersize=10)
ax.set(xlabel="θ₁ (curvature 1)", ylabel="θ₂ (curvature 100)", title="60 steps from (-4.5, 1)")
ax.legend(fontsize="small", loc="lower right")
save_figure(fig, "basics-optimizers-paths.svg")
