import numpy as np
from matplotlib.figure import Figure

from dlref.math import cosine_decay, exponential_decay, one_cycle, piecewise_constant
from dlref.plot import save_figure

steps = np.arange(1000)
curves = {
    "piecewise constant": piecewise_constant(steps, [300, 600], [0.1, 0.01, 0.001]),
    "exponential (staircase)": exponential_decay(steps, 0.1, 100, 0.7, staircase=True),
    "cosine, α = 0.05": cosine_decay(steps, 0.1, 1000, alpha=0.05),
    "warm-up 100 + cosine": cosine_decay(steps, 0.0, 900, warmup_target=0.1, warmup_steps=100),
    "1cycle": one_cycle(steps, 0.1, 1000),
}
fig = Figure(figsize=(8, 4))
ax = fig.subplots()
for name, rates in curves.items():
    ax.plot(steps, rates, label=name)
ax.set(xlabel="step", ylabel="learning rate", title="Five schedules, peak rate 0.1, 1000 steps")
ax.legend()
save_figure(fig, "basics-schedules-all.svg")
print(f"plotted {len(curves)} schedules")
