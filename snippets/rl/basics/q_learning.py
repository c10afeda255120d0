import numpy as np

from dlref.rl import grid_world, q_learning, q_values, value_iteration

world = grid_world(
    (3, 4),
    rewards={(0, 3): 1.0, (1, 3): -1.0},
    walls=[(1, 1)],
    step_reward=-0.04,
    slip=0.2,
)
gamma = 0.9
live = ~world.terminal

# The exact Q* from the model, for reference only: the learner samples transitions.
Q_star = q_values(world.P, world.R, value_iteration(world.P, world.R, gamma).V, gamma)
Q = q_learning(world.P, world.R, gamma, episodes=10_000, epsilon=0.2, alpha_power=0.8, seed=0)

print("state   Q(s, ↑)  Q(s, →)  Q(s, ↓)  Q(s, ←)   learned greedy  optimal")
arrows = np.array(["↑", "→", "↓", "←"])
for s in np.flatnonzero(live):
    q = " ".join(f"{v:8.2f}" for v in Q[s])
    greedy, optimal = arrows[Q[s].argmax()], arrows[Q_star[s].argmax()]
    print(f"{world.cells[s]}  {q}   {greedy:>14}  {optimal:>7}")

same_policy = np.array_equal(Q.argmax(axis=1)[live], Q_star.argmax(axis=1)[live])
close = np.max(np.abs(Q - Q_star)) < 0.03
print("greedy policy of the learned Q is optimal:", same_policy)
print("every learned Q(s, a) within 0.03 of Q*:", close)
assert same_policy and close
