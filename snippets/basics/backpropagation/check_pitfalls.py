import numpy as np
from matplotlib.figure import Figure

from dlref.math.activations import relu
from dlref.math.gradcheck import gradient_check, numerical_gradient
from dlref.plot import save_figure

rng = np.random.default_rng(0)
A64, w64 = rng.normal(size=(20, 20)), rng.normal(size=20)
A32, w32 = A64.astype(np.float32), w64.astype(np.float32)


# A smooth function f(w) = Σ sqrt(1 + (Aw)²) and its gradient Aᵀ(Aw / sqrt(1 + (Aw)²)).
# Written with elementwise operations and sums, not `A @ v` or np.tanh, whose last bits depend
# on the CPU's BLAS and SIMD kernels: the rounding errors below are then the same everywhere.
def f(v, A):
    return np.sum(np.sqrt(1 + np.sum(A * v, axis=1) ** 2))


def grad_f(v, A):
    u = np.sum(A * v, axis=1)
    return np.sum(A * (u / np.sqrt(1 + u**2))[:, None], axis=0)


def error(A, w, h):  # relative error of the check with step h
    return gradient_check(lambda v: f(v, A), lambda v: grad_f(v, A), w, eps=h).relative_error


# The same check, default step h = 1e-6, in two precisions
# (the exact errors are rounding noise and vary across CPUs: print the bounds they meet)
assert error(A64, w64, 1e-6) < 1e-8
print("float64, h = 1e-6: relative error < 1e-8")
assert error(A32, w32, 1e-6) > 1e-3
print("float32, h = 1e-6: relative error > 1e-3")

# The error as a function of the step (in float32, steps below 1e-5 are lost to rounding)
steps = np.logspace(-10, -1, 19)
errors = {
    "float64": [error(A64, w64, h) for h in steps],
    "float32": [error(A32, w32, h) for h in steps[steps >= 1e-5]],
}
best = steps[np.argmin(errors["float64"])]
assert min(errors["float64"]) < 1e-9 and 1e-6 <= best <= 1e-4
print("float64: smallest error < 1e-9, at a step h between 1e-6 and 1e-4")
cube_root_eps = np.finfo(np.float64).eps ** (1 / 3)  # the usual rule for central differences
assert 1e-6 <= cube_root_eps <= 1e-4
print(f"float64: machine epsilon^(1/3) = {cube_root_eps:.1e}")
assert min(errors["float32"]) > 1e-7
print("float32: smallest error > 1e-7 at every step")

# A kink: at u = 1e-7, within the step h = 1e-6, the two evaluations straddle ReLU's corner
numerical = numerical_gradient(lambda u: relu(u).sum(), [1e-7])[0]
print(f"ReLU′(1e-7): analytic 1.0, numerical {numerical:.2f}")

fig = Figure(figsize=(6.4, 3.6), layout="constrained")
ax = fig.subplots()
ax.loglog(steps, errors["float64"], marker="o", markersize=3, label="float64")
ax.loglog(steps[steps >= 1e-5], errors["float32"], marker="s", markersize=3, label="float32")
ax.axvline(1e-6, color="0.6", linestyle="--", linewidth=0.8, label="default h = 1e-6")
ax.set(xlabel="step h", ylabel="relative error of the gradient check")
ax.grid(alpha=0.3, which="both")
ax.legend()
save_figure(fig, "basics-backpropagation-gradcheck-step.svg")
