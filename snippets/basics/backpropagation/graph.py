from matplotlib.figure import Figure

from dlref.math.activations import sigmoid
from dlref.plot import save_figure

# The worked example above again: forward values, then the backward pass
x, y = 1.5, 1.0
w1, b1, w2, b2 = 0.8, -0.2, 1.5, 0.3
z1 = w1 * x + b1
h = sigmoid(z1)
y_hat = w2 * h + b2
loss = (y_hat - y) ** 2
g_yhat = 2 * (y_hat - y)
g_w2, g_b2, g_h = g_yhat * h, g_yhat, g_yhat * w2
g_z1 = g_h * h * (1 - h)
g_w1, g_b1 = g_z1 * x, g_z1

nodes = {  # name: (position, label, forward value, gradient ∂ℓ/∂node or None)
    "x": ((0.0, 2.0), "x", x, None),
    "w1": ((0.0, 1.0), "w1", w1, g_w1),
    "b1": ((0.0, 0.0), "b1", b1, g_b1),
    "z1": ((2.3, 1.0), "z1 = w1·x + b1", z1, g_z1),
    "h": ((4.6, 1.0), "h = σ(z1)", h, g_h),
    "w2": ((4.6, 2.4), "w2", w2, g_w2),
    "b2": ((4.6, -0.4), "b2", b2, g_b2),
    "ŷ": ((6.9, 1.0), "ŷ = w2·h + b2", y_hat, g_yhat),
    "y": ((6.9, 2.4), "y", y, None),
    "ℓ": ((9.2, 1.0), "ℓ = (ŷ − y)²", loss, 1.0),
}
edges = [("x", "z1"), ("w1", "z1"), ("b1", "z1"), ("z1", "h"), ("h", "ŷ")]
edges += [("w2", "ŷ"), ("b2", "ŷ"), ("ŷ", "ℓ"), ("y", "ℓ")]

fig = Figure(figsize=(10, 4.2), layout="constrained")
ax = fig.subplots()
boxes = {}
for name, ((px, py), label, value, grad) in nodes.items():
    leaf = "=" not in label  # inputs and parameters
    text = f"{label} = {value:g}" if leaf else f"{label}\n= {value:.4f}"
    style = {"boxstyle": "round,pad=0.4", "facecolor": "#e8ecff" if leaf else "#fff6d8"}
    boxes[name] = ax.text(px, py, text, ha="center", va="center", fontsize=10, bbox=style)
    if grad is not None:
        ax.text(px, py - 0.45, f"∂ℓ/∂{name} = {grad:.4f}", ha="center", va="top",
                fontsize=9, color="#c00000")  # fmt: skip
for start, end in edges:  # arrow from the right edge of one box to the left edge of the next
    ax.annotate(
        "",
        xy=(0, 0.5),
        xycoords=boxes[end],
        xytext=(1, 0.5),
        textcoords=boxes[start],
        arrowprops={"arrowstyle": "->", "color": "0.35", "shrinkA": 4, "shrinkB": 4},
    )
ax.set(xlim=(-0.8, 10.2), ylim=(-1.3, 3.0))
ax.set_title("forward values in the boxes, backward gradients ∂ℓ/∂· in red")
ax.axis("off")
save_figure(fig, "basics-backpropagation-graph.svg")
print("saved basics-backpropagation-graph.svg")
