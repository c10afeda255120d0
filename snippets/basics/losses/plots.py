import numpy as np
from matplotlib.figure import Figure

from dlref.math.activations import sigmoid
from dlref.math.losses import binary_cross_entropy, huber, huber_grad, mae, mae_grad, mse, mse_grad
from dlref.plot import save_figure

# Left and middle: each regression loss as a function of the residual e = ŷ - y (one sample)
e = np.linspace(-3, 3, 601)
zero = np.zeros(1)
regression = {
    "MSE": (mse, mse_grad),
    "MAE": (mae, mae_grad),
    "Huber δ=1": (huber, huber_grad),
}
fig = Figure(figsize=(11, 3.4), layout="constrained")
ax_loss, ax_grad, ax_cls = fig.subplots(1, 3)
for name, (loss, grad) in regression.items():
    ax_loss.plot(e, [loss(zero, [r]) for r in e], label=name)
    ax_grad.plot(e, [grad(zero, [r])[0] for r in e], label=name)
ax_loss.set(title="loss ℓ(e)", xlabel="residual e = ŷ − y", ylim=(-0.2, 4))
ax_grad.set(title="derivative ∂ℓ/∂ŷ", xlabel="residual e = ŷ − y")

# Right: classification losses of one sample as a function of the margin m = (2y - 1) z
m = np.linspace(-6, 6, 601)
ax_cls.plot(m, [binary_cross_entropy([1.0], [z], from_logits=True) for z in m], label="BCE")
ax_cls.plot(m, (1 - sigmoid(m)) ** 2, label="MSE on σ(z)")
ax_cls.plot(m, (m <= 0).astype(float), label="0-1 loss", linestyle="--")
ax_cls.set(title="classification, by margin", xlabel="margin m = (2y − 1) z", ylim=(-0.2, 4))
for ax in (ax_loss, ax_grad, ax_cls):
    ax.axhline(0, color="0.6", linewidth=0.8)
    ax.axvline(0, color="0.6", linewidth=0.8)
    ax.grid(alpha=0.3)
    ax.legend(fontsize="small")
save_figure(fig, "basics-losses-curves.svg")
print("saved basics-losses-curves.svg")
