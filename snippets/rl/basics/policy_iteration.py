import itertools

import numpy as np

from dlref.rl import grid_world, policy_evaluation, policy_iteration, value_iteration

world = grid_world(
    (3, 4),
    rewards={(0, 3): 1.0, (1, 3): -1.0},
    walls=[(1, 1)],
    step_reward=-0.04,
    slip=0.2,
)
gamma = 0.9
arrows = np.array(["↑", "→", "↓", "←"])
start = world.state((2, 0))
live = ~world.terminal

# Policy iteration from "up" everywhere: evaluate exactly (a linear solve), improve greedily.
result = policy_iteration(world.P, world.R, gamma)
values = []
for k, policy in enumerate(result.policies):
    V = policy_evaluation(world.P, world.R, policy, gamma)
    values.append(V)
    print(f"policy {k}: {''.join(arrows[policy[live]])}  V(start) = {V[start]:.3f}")

best = value_iteration(world.P, world.R, gamma)
same_policy = np.array_equal(result.policy, best.policy)
same_values = np.max(np.abs(result.V - best.V)) < 1e-8
print("same policy as value iteration:", same_policy, "  same values (1e-8):", same_values)
assert same_policy and same_values
# every improvement step raises the value of the start and lowers no state's value
assert all(np.all(b >= a - 1e-12) and b[start] > a[start] for a, b in itertools.pairwise(values))
