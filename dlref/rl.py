r"""Tabular reinforcement learning in NumPy: finite MDPs, a grid world, value iteration, bandits.

A finite Markov decision process is stored as two arrays:

- ``P`` of shape ``(S, A, S)``: ``P[s, a, s2]`` is the probability of moving to ``s2`` after
  taking action ``a`` in state ``s`` (each ``P[s, a]`` sums to 1);
- ``R`` of shape ``(S, A)``: the expected immediate reward $R(s, a)$ of that step.

A terminal state is absorbing with reward 0, so the same formulas hold in every state. Only NumPy
is imported.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validate import as_float_array, check_all_finite, check_finite_scalar, check_int

FloatArray = NDArray[np.float64]

#: Grid-world actions, in the order of the action axis: row/column offsets.
ACTIONS = ("up", "right", "down", "left")
_MOVES = ((-1, 0), (0, 1), (1, 0), (0, -1))


class GridWorld(NamedTuple):
    """A grid world as a finite MDP, with what is needed to draw it.

    ``cells[i]`` is the ``(row, col)`` of state ``i``; walls are not states.
    """

    P: FloatArray
    R: FloatArray
    shape: tuple[int, int]
    cells: tuple[tuple[int, int], ...]
    terminal: NDArray[np.bool_]

    def state(self, cell: tuple[int, int]) -> int:
        """The state index of ``cell`` (row, col)."""
        if cell not in self.cells:
            raise ValueError(f"cell must be a non-wall cell of the grid; got {cell!r}")
        return self.cells.index(cell)

    def to_grid(self, values: ArrayLike) -> FloatArray:
        """Per-state values laid out on the grid, with NaN on walls."""
        v = as_float_array(values, "values")
        if v.shape != (len(self.cells),):
            raise ValueError(f"values must have shape ({len(self.cells)},); got shape {v.shape}")
        grid = np.full(self.shape, np.nan)
        for (r, c), value in zip(self.cells, v, strict=True):
            grid[r, c] = value
        return grid


def _cell(value: Any, name: str, shape: tuple[int, int]) -> tuple[int, int]:
    if not (isinstance(value, tuple) and len(value) == 2):
        raise TypeError(f"{name} must be a (row, col) tuple; got {value!r}")
    r = check_int(value[0], f"{name}[0]", minimum=0, maximum=shape[0] - 1)
    c = check_int(value[1], f"{name}[1]", minimum=0, maximum=shape[1] - 1)
    return r, c


def grid_world(
    shape: tuple[int, int] = (3, 4),
    *,
    rewards: dict[tuple[int, int], float] | None = None,
    walls: Sequence[tuple[int, int]] = (),
    step_reward: float = 0.0,
    slip: float = 0.0,
) -> GridWorld:
    """A grid world: four actions, moving off the grid or into a wall leaves the agent in place.

    Args:
        shape: ``(rows, cols)``.
        rewards: terminal cells and the reward for entering each, e.g. ``{(0, 3): 1.0}``.
            Default: ``{(0, cols - 1): 1.0}``.
        walls: cells that are not states and cannot be entered.
        step_reward: reward of every step (added to the terminal reward when entering one).
        slip: probability that the move goes to one of the two perpendicular directions instead
            (half each); ``0`` gives deterministic moves.
    """
    if not (isinstance(shape, tuple) and len(shape) == 2):
        raise TypeError(f"shape must be a (rows, cols) tuple; got {shape!r}")
    rows = check_int(shape[0], "shape[0]", minimum=1)
    cols = check_int(shape[1], "shape[1]", minimum=1)
    shape = (rows, cols)
    if rewards is None:
        rewards = {(0, cols - 1): 1.0}
    if not isinstance(rewards, dict) or not rewards:
        raise ValueError("rewards must be a non-empty dict of (row, col) -> terminal reward")
    goals = {
        _cell(k, "rewards key", shape): check_finite_scalar(v, f"rewards[{k!r}]")
        for k, v in rewards.items()
    }
    wall_set = {_cell(w, "walls entry", shape) for w in walls}
    if wall_set & goals.keys():
        raise ValueError("a cell cannot be both a wall and a terminal cell (rewards key)")
    step_reward = check_finite_scalar(step_reward, "step_reward")
    slip = check_finite_scalar(slip, "slip", minimum=0.0, maximum=1.0)

    cells = tuple((r, c) for r in range(rows) for c in range(cols) if (r, c) not in wall_set)
    index = {cell: i for i, cell in enumerate(cells)}
    n = len(cells)
    P = np.zeros((n, len(ACTIONS), n))
    R = np.zeros((n, len(ACTIONS)))
    terminal = np.array([cell in goals for cell in cells])

    def target(cell: tuple[int, int], move: int) -> tuple[int, int]:
        dr, dc = _MOVES[move]
        nxt = (cell[0] + dr, cell[1] + dc)
        inside = 0 <= nxt[0] < rows and 0 <= nxt[1] < cols
        return nxt if inside and nxt not in wall_set else cell

    for s, cell in enumerate(cells):
        for a in range(len(ACTIONS)):
            if terminal[s]:
                P[s, a, s] = 1.0
                continue
            outcomes = [(a, 1.0 - slip), ((a + 1) % 4, slip / 2), ((a + 3) % 4, slip / 2)]
            for move, prob in outcomes:
                if prob == 0.0:
                    continue
                s2 = index[target(cell, move)]
                P[s, a, s2] += prob
                R[s, a] += prob * (step_reward + goals.get(cells[s2], 0.0))
    return GridWorld(P, R, shape, cells, terminal)


def check_mdp(P: ArrayLike, R: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Validate ``P`` ``(S, A, S)`` with rows summing to 1 and ``R`` ``(S, A)``; return both."""
    P = as_float_array(P, "P").astype(np.float64)
    R = as_float_array(R, "R").astype(np.float64)
    if P.ndim != 3 or P.shape[0] != P.shape[2] or P.shape[0] == 0 or P.shape[1] == 0:
        raise ValueError(f"P must have shape (S, A, S) with S, A >= 1; got shape {P.shape}")
    if R.shape != P.shape[:2]:
        raise ValueError(f"R must have shape {P.shape[:2]} (S, A), like P; got shape {R.shape}")
    check_all_finite(P, "P")
    check_all_finite(R, "R")
    if np.any(P < 0) or not np.allclose(P.sum(axis=2), 1.0):
        raise ValueError("P must hold probabilities: P[s, a] non-negative and summing to 1")
    return P, R


def q_values(P: ArrayLike, R: ArrayLike, V: ArrayLike, gamma: float) -> FloatArray:
    r"""One Bellman backup: $Q(s,a) = R(s,a) + \gamma \sum_{s'} P(s'|s,a) V(s')$."""
    P, R = check_mdp(P, R)
    gamma = check_finite_scalar(
        gamma,
        "gamma",
        minimum=0.0,
        maximum=1.0,
        include_boundaries="left",
        hint=" so that returns are finite",
    )
    V = as_float_array(V, "V").astype(np.float64)
    if V.shape != (P.shape[0],):
        raise ValueError(f"V must have shape ({P.shape[0]},); got shape {V.shape}")
    return R + gamma * P @ V


class ValueIterationResult(NamedTuple):
    """Optimal values, a greedy policy (one action per state) and the sweeps it took."""

    V: FloatArray
    policy: NDArray[np.int64]
    iterations: int


def value_iteration(
    P: ArrayLike, R: ArrayLike, gamma: float, *, tol: float = 1e-10, max_iter: int = 10_000
) -> ValueIterationResult:
    r"""Iterate $V \leftarrow \max_a Q(s, a)$ from $V = 0$ until the largest change
    is below ``tol``; return $V^*$, a greedy policy and the number of sweeps.

    Ties between actions go to the first one in the action order.
    """
    P, R = check_mdp(P, R)
    gamma = check_finite_scalar(
        gamma,
        "gamma",
        minimum=0.0,
        maximum=1.0,
        include_boundaries="left",
        hint=" so that returns are finite",
    )
    tol = check_finite_scalar(tol, "tol", minimum=0.0)
    max_iter = check_int(max_iter, "max_iter", minimum=1)
    V = np.zeros(P.shape[0])
    iteration = 0
    while True:
        iteration += 1
        Q = R + gamma * P @ V
        new = Q.max(axis=1)
        delta = float(np.max(np.abs(new - V)))
        V = new
        if delta < tol:
            break
        if iteration == max_iter:
            raise RuntimeError(
                f"value iteration did not converge to tol={tol} in {max_iter} sweeps"
            )
    policy = np.argmax(np.round(R + gamma * P @ V, 12), axis=1).astype(np.int64)
    return ValueIterationResult(V, policy, iteration)


def policy_evaluation(P: ArrayLike, R: ArrayLike, policy: ArrayLike, gamma: float) -> FloatArray:
    r"""Exact $V^\pi$ by solving $(I - \gamma P_\pi) V = R_\pi$.

    ``policy`` is either one action per state (ints, shape ``(S,)``) or action probabilities
    $\pi(a|s)$ (shape ``(S, A)``, rows summing to 1).
    """
    P, R = check_mdp(P, R)
    gamma = check_finite_scalar(
        gamma,
        "gamma",
        minimum=0.0,
        maximum=1.0,
        include_boundaries="left",
        hint=" so that returns are finite",
    )
    n_states, n_actions = R.shape
    pi = np.asarray(policy)
    if pi.ndim == 1:
        if pi.shape != (n_states,) or pi.dtype.kind not in "iu":
            raise ValueError(
                f"policy must be {n_states} action indices (ints) or an ({n_states}, "
                f"{n_actions}) probability array; got shape {pi.shape}, dtype {pi.dtype}"
            )
        if np.any(pi < 0) or np.any(pi >= n_actions):
            raise ValueError(f"policy actions must be in 0..{n_actions - 1}")
        pi = np.eye(n_actions)[pi]
    else:
        pi = as_float_array(pi, "policy").astype(np.float64)
        if pi.shape != (n_states, n_actions):
            raise ValueError(
                f"policy must have shape ({n_states},) or ({n_states}, {n_actions}); "
                f"got shape {pi.shape}"
            )
        if np.any(pi < 0) or not np.allclose(pi.sum(axis=1), 1.0):
            raise ValueError("policy probabilities must be non-negative and sum to 1 per state")
    P_pi = np.einsum("sa,sat->st", pi, P)
    R_pi = np.einsum("sa,sa->s", pi, R)
    return np.linalg.solve(np.eye(n_states) - gamma * P_pi, R_pi)


def run_bandit(
    means: ArrayLike,
    epsilon: float,
    *,
    steps: int = 1000,
    runs: int = 200,
    seed: int = 0,
) -> FloatArray:
    r"""Average reward per step of $\varepsilon$-greedy on a Gaussian multi-armed bandit.

    Arm ``k`` pays a reward drawn from $\mathcal{N}(\text{means}[k], 1)$. Each run starts
    with estimates $Q = 0$ and updates the chosen arm's sample average
    $Q \leftarrow Q + (r - Q)/n$. With probability ``epsilon`` the agent picks an arm
    uniformly at random, otherwise the arm with the highest estimate (ties: the first).
    ``epsilon = 0`` is the greedy agent. Returns the reward at each step averaged over ``runs``
    independent runs, shape ``(steps,)``.
    """
    means = as_float_array(means, "means").astype(np.float64)
    if means.ndim != 1 or means.size < 2:
        raise ValueError(f"means must be a 1-D array of at least 2 arms; got shape {means.shape}")
    check_all_finite(means, "means")
    epsilon = check_finite_scalar(epsilon, "epsilon", minimum=0.0, maximum=1.0)
    steps = check_int(steps, "steps", minimum=1)
    runs = check_int(runs, "runs", minimum=1)
    seed = check_int(seed, "seed", minimum=0)
    rng = np.random.default_rng(seed)
    k = means.size
    # All runs advance together: one row per run.
    Q = np.zeros((runs, k))
    N = np.zeros((runs, k))
    rows = np.arange(runs)
    rewards = np.empty((steps, runs))
    for t in range(steps):
        explore = rng.random(runs) < epsilon
        random_arm = rng.integers(0, k, size=runs)
        arm = np.where(explore, random_arm, np.argmax(Q, axis=1))
        reward = means[arm] + rng.standard_normal(runs)
        N[rows, arm] += 1
        Q[rows, arm] += (reward - Q[rows, arm]) / N[rows, arm]
        rewards[t] = reward
    return rewards.mean(axis=1)


__all__ = [
    "ACTIONS",
    "GridWorld",
    "ValueIterationResult",
    "check_mdp",
    "grid_world",
    "policy_evaluation",
    "q_values",
    "run_bandit",
    "value_iteration",
]
