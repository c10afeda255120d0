import numpy as np
from matplotlib.figure import Figure

from dlref.math.rnn import run_rnn
from dlref.plot import save_figure

rng = np.random.default_rng(0)
units, features, T = 32, 4, 60
base = rng.normal(size=(units, units))
base /= np.abs(np.linalg.eigvals(base)).max()  # spectral radius 1
W_x = rng.normal(scale=0.5, size=(units, features))
x = rng.normal(size=(1, T, features))  # one sequence of T steps
h0 = rng.normal(scale=0.5, size=(1, units))
# the bound uses the spectral norm (largest singular value), the experiment sets the radius
print(f"W_h at ρ=1: spectral radius 1.00, spectral norm ‖W_h‖₂ {np.linalg.norm(base, 2):.2f}")


def jacobian_norms(W_h, activation):
    """‖∂h_t/∂h_0‖ for t = 1..T: the product of the step Jacobians diag(f'(a_t)) W_h."""
    # run_rnn takes Keras' row-vector layout: kernel = W_x^T, recurrent_kernel = W_h^T
    h, _ = run_rnn(x, W_x.T, W_h.T, activation=activation, initial_state=h0)
    J, norms = np.eye(units), []
    for t in range(T):
        slope = 1 - h[0, t] ** 2 if activation == "tanh" else np.ones(units)
        J = (slope[:, None] * W_h) @ J  # diag(f'(a_t)) W_h @ (product so far)
        norms.append(np.linalg.norm(J, 2))  # spectral norm
    return np.array(norms)


fig = Figure(figsize=(9, 3.4), layout="constrained")
axes = fig.subplots(1, 2, sharey=True)
results = {}
for ax, activation in zip(axes, ("linear", "tanh"), strict=True):
    for rho in (0.5, 1.0, 1.5, 3.0):
        norms = results[activation, rho] = jacobian_norms(rho * base, activation)
        ax.plot(np.arange(1, T + 1), norms, label=f"ρ = {rho}")
        at = "  ".join(f"t={t}: {norms[t - 1]:.0e}" for t in (10, 30, 60))
        print(f"{activation:<6} ρ={rho}:  {at}")
    ax.set_yscale("log")
    ax.set_title(f"{activation} RNN")
    ax.set_xlabel("steps t")
    ax.grid(alpha=0.3, which="both")
axes[0].set_ylabel("‖∂h_t / ∂h_0‖")
axes[0].legend(fontsize="small")
save_figure(fig, "rnn-rnn-gradient-norms.svg")

# ρ = 1: the linear RNN's factor stays of order 1, far below the bound ‖W_h‖₂^t
assert np.all((results["linear", 1.0] > 1) & (results["linear", 1.0] < 3))
# ρ = 1.5 gives ‖W_h‖₂ > 1, yet with tanh the factor vanishes; ρ = 3 still explodes
assert results["tanh", 1.5][-1] < 1e-3 and results["tanh", 3.0][-1] > 1e3
