import numpy as np

from dlref.rl import run_bandit

# The same 10-armed bandit as above: arm k pays N(means[k], 1).
means = np.random.default_rng(0).normal(size=10)
agents = {
    "ε-greedy, ε = 0.1": {"epsilon": 0.1},
    "optimistic greedy, Q0 = 5": {"epsilon": 0.0, "initial": 5.0},
    "UCB, c = 2": {"epsilon": 0.0, "ucb": 2.0},
}
# mean reward over all 1000 steps and over the last 100, for three independent sets of 200 runs
results = {
    name: [run_bandit(means, steps=1000, runs=200, seed=seed, **kwargs) for seed in (1, 2, 3)]
    for name, kwargs in agents.items()
}
print(f"{'agent (200 runs, seed 1)':<27}{'steps 1-1000':>13}{'steps 901-1000':>16}")
for name, rewards in results.items():
    print(f"{name:<27}{rewards[0].mean():>13.2f}{rewards[0][-100:].mean():>16.2f}")

eps, optimistic, ucb = results.values()
for seed in range(3):
    # optimism: more reward over the whole run than ε-greedy (it explores early, then exploits)
    assert optimistic[seed].mean() > eps[seed].mean() + 0.02
    # UCB: more reward late in the run than ε-greedy (it stops exploring arms it knows are poor)
    assert ucb[seed][-100:].mean() > eps[seed][-100:].mean() + 0.05
    # and every agent stays below the best arm's mean
    assert max(r[seed][-100:].mean() for r in results.values()) < means.max()
    # late in the run optimism is no better than ε-greedy: it has stopped exploring
    assert abs(optimistic[seed][-100:].mean() - eps[seed][-100:].mean()) < 0.05
