import numpy as np
from matplotlib.figure import Figure

from dlref.plot import save_figure
from dlref.rl import grid_world, policy_evaluation, q_values, value_iteration

# 3 x 4 grid, a wall at (1, 1), +1 at the top right, -1 just below it; every step costs 0.04;
# a move slips to one of the two perpendicular directions with probability 0.2.
world = grid_world(
    (3, 4),
    rewards={(0, 3): 1.0, (1, 3): -1.0},
    walls=[(1, 1)],
    step_reward=-0.04,
    slip=0.2,
)
gamma = 0.9
print("states:", len(world.cells), " P:", world.P.shape, " R:", world.R.shape)

result = value_iteration(world.P, world.R, gamma)
print("value iteration sweeps:", result.iterations)
print("V* on the grid (nan = wall):")
print(np.round(world.to_grid(result.V), 3))

arrows = np.array(["↑", "→", "↓", "←"])
for r in range(3):
    row = []
    for c in range(4):
        if (r, c) == (1, 1):
            row.append("#")
        elif world.terminal[world.state((r, c))]:
            row.append("+" if (r, c) == (0, 3) else "-")
        else:
            row.append(arrows[result.policy[world.state((r, c))]])
    print(" ".join(row))

# Check 1: the greedy policy's exact value, from the linear system (I - γ P_π) V = R_π
exact = policy_evaluation(world.P, world.R, result.policy, gamma)
print("max |V_iteration - V_linear solve| < 1e-8:", np.max(np.abs(exact - result.V)) < 1e-8)
# Check 2: V* satisfies the Bellman optimality equation V*(s) = max_a Q*(s, a)
Q = q_values(world.P, world.R, result.V, gamma)
print("Bellman optimality residual < 1e-8:", np.max(np.abs(Q.max(axis=1) - result.V)) < 1e-8)
# For comparison: the uniformly random policy
random_v = policy_evaluation(world.P, world.R, np.full((len(world.cells), 4), 0.25), gamma)
start = world.state((2, 0))
print(f"V(start) optimal: {result.V[start]:.3f}   uniformly random: {random_v[start]:.3f}")

fig = Figure(figsize=(5.6, 3.6), layout="constrained")
ax = fig.subplots()
grid = world.to_grid(result.V)
image = ax.imshow(np.ma.masked_invalid(grid), cmap="RdYlGn", vmin=-1, vmax=1)
fig.colorbar(image, ax=ax, label="V*(s)")
for s, (r, c) in enumerate(world.cells):
    if world.terminal[s]:
        label = "+1" if (r, c) == (0, 3) else "−1"
        ax.text(c, r, label, ha="center", va="center", fontsize=14, weight="bold")
    else:
        ax.text(c, r - 0.22, f"{result.V[s]:.2f}", ha="center", va="center", fontsize=9)
        ax.text(c, r + 0.15, arrows[result.policy[s]], ha="center", va="center", fontsize=16)
ax.fill_between([0.5, 1.5], 0.5, 1.5, color="0.3")
ax.set_xticks(range(4))
ax.set_yticks(range(3))
ax.set_title("optimal values and greedy policy (γ = 0.9)")
save_figure(fig, "rl-basics-gridworld.svg")
