import numpy as np
from matplotlib.figure import Figure

from dlref.plot import save_figure
from dlref.rl import run_bandit

# A 10-armed bandit: arm k pays N(means[k], 1); the agent does not know the means.
means = np.random.default_rng(0).normal(size=10)
print("best arm:", int(np.argmax(means)), " its mean reward:", round(float(means.max()), 3))

fig = Figure(figsize=(6.4, 3.4), layout="constrained")
ax = fig.subplots()
late = {}
for epsilon in (0.0, 0.01, 0.1):
    rewards = run_bandit(means, epsilon, steps=1000, runs=200, seed=1)
    late[epsilon] = rewards[-100:].mean()
    label = "greedy (ε = 0)" if epsilon == 0 else f"ε-greedy, ε = {epsilon}"
    print(f"{label:<18} mean reward over steps 901-1000: {rewards[-100:].mean():.3f}")
    window = np.convolve(rewards, np.ones(20) / 20, mode="valid")  # smooth for the plot
    ax.plot(np.arange(20, 1001), window, label=label)
# the comparison the page draws, at this seed: more exploration did better here, yet below the best
assert late[0.0] < late[0.01] < late[0.1] < means.max()
ax.axhline(means.max(), color="0.4", linestyle="--", linewidth=1, label="best arm's mean")
ax.set_xlabel("step")
ax.set_ylabel("average reward (200 runs)")
ax.grid(alpha=0.3)
ax.legend(fontsize="small", loc="lower right")
save_figure(fig, "rl-basics-bandit.svg")
