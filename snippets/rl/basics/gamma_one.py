import numpy as np

from dlref.rl import grid_world, policy_iteration, value_iteration

# Russell & Norvig's 4 x 3 world: the page's grid world with no discounting (γ = 1). The task is
# episodic: both terminal cells are absorbing, and every state can reach one of them.
world = grid_world(
    (3, 4),
    rewards={(0, 3): 1.0, (1, 3): -1.0},
    walls=[(1, 1)],
    step_reward=-0.04,
    slip=0.2,
)
result = value_iteration(world.P, world.R, 1.0)
grid = np.round(world.to_grid(result.V), 3)
for r in range(3):  # the +1 / -1 cells are terminal: value 0, their reward is paid on entry
    print("  ".join("  #  " if np.isnan(v) else f"{v:5.3f}" for v in grid[r]))
textbook = [[0.812, 0.868, 0.918], [0.762, np.nan, 0.660], [0.705, 0.655, 0.611]]
assert np.allclose(grid[:, :3], textbook, equal_nan=True) and grid[2, 3] == 0.388

arrows = np.array(["↑", "→", "↓", "←"])
rows = [["#"] * 4 for _ in range(3)]
for s, (r, c) in enumerate(world.cells):
    rows[r][c] = arrows[result.policy[s]]
rows[0][3], rows[1][3] = "+", "-"
print(" | ".join(" ".join(row) for row in rows))
assert rows[2] == ["↑", "←", "←", "←"]  # the long way round, away from -1 (γ = 0.9: ↑ → ↑ ←)
same = np.array_equal(policy_iteration(world.P, world.R, 1.0).policy, result.policy)
print("policy iteration agrees:", same)
assert same

# γ = 1 without a terminal state: the return of a cost-per-step task that never ends is -∞.
loop = grid_world((1, 2), rewards={(0, 1): 0.0}, step_reward=-1.0)
P = loop.P.copy()
P[1] = P[0, :, ::-1]  # the "terminal" cell now leads back instead of absorbing
try:
    value_iteration(P, loop.R, 1.0)
except ValueError as error:
    print("ValueError:", str(error)[:59], "...")
