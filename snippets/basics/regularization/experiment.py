import numpy as np
from matplotlib.figure import Figure

from dlref.data import load_digits
from dlref.math import MLP, Adam, categorical_cross_entropy_grad, dropout, l2_grad
from dlref.plot import save_figure

# 359 training and 539 validation digits: few enough for a 64-64-64-10 MLP to overfit
data = load_digits((0.2, 0.3, 0.5), seed=0)
x_train, y_train, x_val, y_val = data.x_train, data.y_train, data.x_val, data.y_val
EPOCHS, BATCH, L2, RATE, PATIENCE, ETA = 30, 60, 3e-3, 0.3, 5, 0.01
WEIGHT_DECAY = 2 * L2  # decoupled decay of the same nominal strength as the L2 term


def shift_half(images, rng):
    """Move a random half of the 8x8 images by -1, 0 or +1 pixel in each direction."""
    padded = np.pad(images.reshape(-1, 8, 8), ((0, 0), (1, 1), (1, 1)))
    dy, dx = rng.integers(0, 3, size=(2, len(images)))
    rows, cols = dy[:, None] + np.arange(8), dx[:, None] + np.arange(8)
    n = np.arange(len(images))[:, None, None]
    shifted = padded[n, rows[:, :, None], cols[:, None, :]].reshape(-1, 64)
    return np.where(rng.random((len(images), 1)) < 0.5, shifted, images)


def train_step(model, optimizer, x, y, variant, rng):
    h, masks = x, []
    for layer in model.layers[:-1]:  # hidden layers; in training, dropout after each
        h = layer.forward(h)
        if variant == "dropout":
            h, keep = dropout(h, RATE, training=True, rng=rng)
            masks.append(keep)
    grad = categorical_cross_entropy_grad(y, model.layers[-1].forward(h), from_logits=True)
    grad = model.layers[-1].backward(grad)
    for layer in reversed(model.layers[:-1]):
        if variant == "dropout":
            grad = grad * masks.pop() / (1 - RATE)  # gradient flows only through kept units
        grad = layer.backward(grad)
    grads = [g for layer in model.layers for g in layer.grads]
    if variant == "L2":  # d(λ Σ w²)/dw = 2λw, on the kernels W (ndim 2), not on the biases
        grads = [
            g + l2_grad(p, L2) if p.ndim == 2 else g
            for p, g in zip(model.params, grads, strict=True)
        ]
    if variant == "weight decay":  # AdamW: shrink the kernels by ηλ_wd, outside Adam's scaling
        for p in model.params:
            if p.ndim == 2:
                p *= 1 - ETA * WEIGHT_DECAY
    optimizer.step(model.params, grads)


def train(variant):
    rng = np.random.default_rng(0)
    model, optimizer = MLP((64, 64, 64, 10), seed=0), Adam(ETA)  # same start for every variant
    curves = {"loss": [], "val_loss": []}
    best_loss, best_epoch, best_params = np.inf, 0, None
    for epoch in range(EPOCHS):
        order = rng.permutation(len(x_train))
        for start in range(0, len(order), BATCH):
            batch = order[start : start + BATCH]
            x = shift_half(x_train[batch], rng) if variant == "augmentation" else x_train[batch]
            train_step(model, optimizer, x, y_train[batch], variant, rng)
        # measured with a plain forward pass: no dropout, no shifts, no penalty
        curves["loss"].append(model.loss(x_train, y_train))
        curves["val_loss"].append(model.loss(x_val, y_val))
        if curves["val_loss"][-1] < best_loss:
            best_loss, best_epoch = curves["val_loss"][-1], epoch
            best_params = [p.copy() for p in model.params]
        elif variant == "early stopping" and epoch - best_epoch >= PATIENCE:
            for p, saved in zip(model.params, best_params, strict=True):
                p[...] = saved  # restore the best weights, as restore_best_weights=True does
            break
    curves["val_acc"] = model.score(x_val, y_val)
    curves["weight_norm"] = sum(float(np.sum(p**2)) for p in model.params if p.ndim == 2)
    print(
        f"{variant:<14} epochs {len(curves['loss']):>2}  "
        f"train acc {model.score(x_train, y_train):.3f}  val acc {model.score(x_val, y_val):.3f}  "
        f"val loss {model.loss(x_val, y_val):.3f} (lowest {best_loss:.3f}, epoch {best_epoch + 1}) "
        f" Σw² {curves['weight_norm']:.0f}"
    )
    return curves


VARIANTS = ("none", "L2", "weight decay", "dropout", "augmentation", "early stopping")
curves = {v: train(v) for v in VARIANTS}
norm = {v: c["weight_norm"] for v, c in curves.items()}
# L2 under Adam shrinks the kernels several times; decoupled decay of the same strength hardly does
assert norm["L2"] < norm["none"] / 3
assert 0.95 * norm["none"] < norm["weight decay"] < norm["none"]
steps = EPOCHS * -(-len(x_train) // BATCH)
decay = 1 - ETA * WEIGHT_DECAY
print(f"weight decay: factor {decay:.5f} per step, {decay**steps:.3f} over {steps} steps")
# dropout and augmentation: validation loss still falling at the last epoch
assert all(np.argmin(curves[v]["val_loss"]) == EPOCHS - 1 for v in ("dropout", "augmentation"))
accuracy = {v: c["val_acc"] for v, c in curves.items()}
assert max(accuracy, key=accuracy.get) == "augmentation"
others = [a for v, a in accuracy.items() if v != "augmentation"]
assert max(others) - min(others) <= 0.011  # within about one percentage point

fig = Figure(figsize=(9.5, 3.6), layout="constrained")
ax_none, ax_all = fig.subplots(1, 2)
for key, style, label in (("loss", ":", "training"), ("val_loss", "-", "validation")):
    ax_none.plot(np.arange(1, EPOCHS + 1), curves["none"][key], style, label=label)
ax_none.axvline(len(curves["early stopping"]["loss"]), color="0.5", linewidth=1)
ax_none.set(title="no regularisation", xlabel="epoch", ylabel="cross-entropy", yscale="log")
for i, (variant, c) in enumerate(curves.items()):
    epochs = np.arange(1, len(c["val_loss"]) + 1)
    ax_all.plot(epochs, c["val_loss"], color=f"C{i}", label=variant)
ax_all.set(
    title="validation loss (zoomed in)", xlabel="epoch", ylabel="cross-entropy", ylim=(0.1, 0.4)
)
for ax in (ax_none, ax_all):
    ax.grid(alpha=0.3)
    ax.legend(fontsize="small")
save_figure(fig, "basics-regularization-curves.svg")
