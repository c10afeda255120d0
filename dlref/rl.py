r"""Tabular RL in NumPy: finite MDPs, a grid world, value and policy iteration, Q-learning, bandits.

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


def terminal_states(P: ArrayLike, R: ArrayLike) -> NDArray[np.bool_]:
    """Which states are terminal: absorbing under every action (``P[s, a, s] = 1``), reward 0."""
    P, R = check_mdp(P, R)
    stays = np.isclose(np.diagonal(P, axis1=0, axis2=2), 1.0)  # (A, S)
    return np.all(stays, axis=0) & np.all(R == 0.0, axis=1)


def _reaches(successor: NDArray[np.bool_], targets: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """States from which some path along ``successor[s, s2]`` edges reaches a ``targets`` state."""
    reached = targets.copy()
    while True:
        grown = reached | np.any(successor & reached[None, :], axis=1)
        if np.array_equal(grown, reached):
            return reached
        reached = grown


def _check_gamma(gamma: Any, P: FloatArray, R: FloatArray) -> float:
    r"""``gamma`` in $[0, 1]$; $\gamma = 1$ only for an episodic MDP (see `value_iteration`)."""
    gamma = check_finite_scalar(gamma, "gamma", minimum=0.0, maximum=1.0)
    if gamma == 1.0:
        terminal = terminal_states(P, R)
        if not terminal.any():
            raise ValueError(
                "gamma=1.0 needs an episodic MDP, with at least one terminal state (absorbing "
                "under every action, reward 0) so that returns are finite; this MDP has none: "
                "use gamma < 1"
            )
        stuck = ~_reaches(np.any(P > 0, axis=1), terminal)
        if stuck.any():
            raise ValueError(
                "gamma=1.0 needs an episodic MDP: every state must be able to reach a terminal "
                f"state; states {np.flatnonzero(stuck)[:5].tolist()} cannot: use gamma < 1"
            )
    return gamma


def q_values(P: ArrayLike, R: ArrayLike, V: ArrayLike, gamma: float) -> FloatArray:
    r"""One Bellman backup: $Q(s,a) = R(s,a) + \gamma \sum_{s'} P(s'|s,a) V(s')$."""
    P, R = check_mdp(P, R)
    gamma = _check_gamma(gamma, P, R)
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

    Ties between actions go to the first one in the action order. ``gamma`` may be 1 in an
    episodic MDP: one with terminal states (absorbing under every action, reward 0, see
    `terminal_states`) that every state can reach; otherwise ``gamma = 1`` is a ``ValueError``.
    Convergence at $\gamma = 1$ also needs every policy that never ends to have return
    $-\infty$ (a cost on every step does that), else ``RuntimeError`` at ``max_iter``.
    """
    P, R = check_mdp(P, R)
    gamma = _check_gamma(gamma, P, R)
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
    $\pi(a|s)$ (shape ``(S, A)``, rows summing to 1). With $\gamma = 1$ terminal states get
    $V = 0$ and the system is solved on the other states; the policy must then reach a terminal
    state from every state (be *proper*), else ``ValueError``.
    """
    P, R = check_mdp(P, R)
    gamma = _check_gamma(gamma, P, R)
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
    if gamma < 1.0:
        return np.linalg.solve(np.eye(n_states) - gamma * P_pi, R_pi)
    # gamma = 1: terminal states are worth 0; the others solve (I - P_NN) V_N = R_N, which has a
    # unique solution exactly when the policy reaches a terminal state from every state.
    terminal = terminal_states(P, R)
    improper = ~_reaches(P_pi > 0, terminal)
    if improper.any():
        raise ValueError(
            "with gamma=1.0 the policy must reach a terminal state from every state (a proper "
            f"policy); from states {np.flatnonzero(improper)[:5].tolist()} it never does"
        )
    V = np.zeros(n_states)
    keep = ~terminal
    V[keep] = np.linalg.solve(np.eye(keep.sum()) - P_pi[np.ix_(keep, keep)], R_pi[keep])
    return V


def _toward_terminal(P: FloatArray, terminal: NDArray[np.bool_]) -> NDArray[np.int64]:
    """A proper policy: in each state, an action that may step closer to a terminal state."""
    successor = P > 0  # (S, A, S)
    distance = np.where(terminal, 0, -1)
    level = 0
    while np.any(distance < 0):
        frontier = distance == level
        new = (distance < 0) & np.any(successor[:, :, frontier], axis=(1, 2))
        if not new.any():
            break
        level += 1
        distance[new] = level
    policy = np.zeros(P.shape[0], dtype=np.int64)
    for s in np.flatnonzero(distance > 0):
        closer = successor[s][:, distance == distance[s] - 1].any(axis=1)
        policy[s] = int(np.argmax(closer))
    return policy


class PolicyIterationResult(NamedTuple):
    """Optimal values, the optimal policy and the policies visited, the first one included."""

    V: FloatArray
    policy: NDArray[np.int64]
    policies: tuple[NDArray[np.int64], ...]


def policy_iteration(
    P: ArrayLike,
    R: ArrayLike,
    gamma: float,
    *,
    policy: ArrayLike | None = None,
    max_iter: int = 1000,
) -> PolicyIterationResult:
    r"""Alternate exact policy evaluation and greedy improvement until the policy is stable.

    Evaluation solves $(I - \gamma P_\pi) V^\pi = R_\pi$ (`policy_evaluation`); improvement sets
    $\pi'(s) = \arg\max_a Q^\pi(s, a)$ with $Q^\pi(s,a) = R(s,a) + \gamma \sum_{s'} P(s'|s,a)
    V^\pi(s')$, keeping the current action unless another is better by more than $10^{-12}$ (so
    ties cannot make it cycle; other ties go to the first action). A finite MDP has finitely many
    deterministic policies and each step improves, so the loop ends with $\pi^*$ and $V^*$.

    Args:
        P: transition probabilities, shape ``(S, A, S)``.
        R: expected rewards, shape ``(S, A)``.
        gamma: discount factor in $[0, 1]$; 1 only in an episodic MDP, as in `value_iteration`.
        policy: the first policy, one action per state. Default: action 0 everywhere, or with
            ``gamma = 1`` a policy that reaches a terminal state from every state, since
            evaluation needs a proper policy.
        max_iter: most improvement steps before ``RuntimeError``.
    """
    P, R = check_mdp(P, R)
    gamma = _check_gamma(gamma, P, R)
    max_iter = check_int(max_iter, "max_iter", minimum=1)
    n_states, n_actions = R.shape
    if policy is None:
        if gamma < 1.0:
            current = np.zeros(n_states, dtype=np.int64)
        else:
            current = _toward_terminal(P, terminal_states(P, R))
    else:
        current = np.asarray(policy)
        if current.shape != (n_states,) or current.dtype.kind not in "iu":
            raise ValueError(
                f"policy must be {n_states} action indices (ints); got shape {current.shape}, "
                f"dtype {current.dtype}"
            )
        if np.any(current < 0) or np.any(current >= n_actions):
            raise ValueError(f"policy actions must be in 0..{n_actions - 1}")
        current = current.astype(np.int64)
    policies = [current]
    for _ in range(max_iter):
        V = policy_evaluation(P, R, current, gamma)
        Q = R + gamma * P @ V
        best = np.argmax(np.round(Q, 12), axis=1)
        keep = Q[np.arange(n_states), current] >= Q.max(axis=1) - 1e-12
        improved = np.where(keep, current, best).astype(np.int64)
        if np.array_equal(improved, current):
            return PolicyIterationResult(V, current, tuple(policies))
        current = improved
        policies.append(current)
    raise RuntimeError(f"policy iteration did not stabilise in {max_iter} improvement steps")


def q_learning(
    P: ArrayLike,
    R: ArrayLike,
    gamma: float,
    *,
    episodes: int = 5000,
    epsilon: float = 0.2,
    alpha_power: float = 0.8,
    max_steps: int = 200,
    seed: int = 0,
) -> FloatArray:
    r"""Tabular Q-learning with $\varepsilon$-greedy exploration, simulated on the MDP ``(P, R)``.

    The agent does not use ``P`` and ``R`` directly: each step samples the next state from
    $P(\cdot \mid s, a)$ and receives $R(s, a)$, then updates

    $Q(s,a) \leftarrow Q(s,a) + \alpha \bigl[r + \gamma \max_{a'} Q(s',a') - Q(s,a)\bigr]$,

    with $\max_{a'} Q(s', a') = 0$ when $s'$ is terminal (`terminal_states`), which ends the
    episode. The step size of the $n$-th update of a pair is $\alpha = n^{-\text{alpha\_power}}$,
    which meets the Robbins–Monro conditions for ``alpha_power`` in $(0.5, 1]$. Actions are
    $\varepsilon$-greedy in the current $Q$ (ties: the first action). Each episode starts in a
    non-terminal state drawn uniformly and lasts at most ``max_steps`` steps. Returns $Q$,
    shape ``(S, A)``, with rows of terminal states 0.
    """
    P, R = check_mdp(P, R)
    gamma = check_finite_scalar(gamma, "gamma", minimum=0.0, maximum=1.0)
    episodes = check_int(episodes, "episodes", minimum=1)
    epsilon = check_finite_scalar(epsilon, "epsilon", minimum=0.0, maximum=1.0)
    alpha_power = check_finite_scalar(
        alpha_power, "alpha_power", minimum=0.5, maximum=1.0, include_boundaries="right"
    )
    max_steps = check_int(max_steps, "max_steps", minimum=1)
    seed = check_int(seed, "seed", minimum=0)
    terminal = terminal_states(P, R)
    starts = np.flatnonzero(~terminal)
    if starts.size == 0:
        raise ValueError("P, R must have at least one non-terminal state to start episodes in")
    n_states, n_actions = R.shape
    cumulative = np.cumsum(P, axis=2)
    cumulative[:, :, -1] = 1.0  # guard against rounding in the last bin
    Q = np.zeros((n_states, n_actions))
    N = np.zeros((n_states, n_actions))
    rng = np.random.default_rng(seed)
    for _ in range(episodes):
        s = int(starts[rng.integers(starts.size)])
        for _ in range(max_steps):
            explore = rng.random() < epsilon
            a = int(rng.integers(n_actions)) if explore else int(np.argmax(Q[s]))
            s2 = int(np.searchsorted(cumulative[s, a], rng.random(), side="right"))
            target = R[s, a] + (0.0 if terminal[s2] else gamma * Q[s2].max())
            N[s, a] += 1
            Q[s, a] += (target - Q[s, a]) / N[s, a] ** alpha_power
            if terminal[s2]:
                break
            s = s2
    return Q


def run_bandit(
    means: ArrayLike,
    epsilon: float,
    *,
    steps: int = 1000,
    runs: int = 200,
    seed: int = 0,
    initial: float = 0.0,
    ucb: float | None = None,
) -> FloatArray:
    r"""Average reward per step of an agent on a Gaussian multi-armed bandit.

    Arm ``k`` pays a reward drawn from $\mathcal{N}(\text{means}[k], 1)$. Each run starts
    with every estimate $Q(a)$ equal to ``initial`` (a value above every mean is
    *optimistic*: each arm disappoints once it is tried, so even the greedy agent tries them
    all) and updates the chosen
    arm's sample average $Q \leftarrow Q + (r - Q)/n$. With probability ``epsilon`` the agent
    picks an arm uniformly at random; otherwise the arm with the highest score (ties: the
    first). The score is $Q(a)$, or with ``ucb = c`` the upper confidence bound
    $Q(a) + c\sqrt{\ln t / N(a)}$ at step $t = 1, 2, \dots$, where an arm not yet tried
    ($N(a) = 0$) scores $+\infty$. ``epsilon = 0`` without ``ucb`` is the greedy agent.
    Returns the reward at each step averaged over ``runs`` independent runs, shape
    ``(steps,)``.
    """
    means = as_float_array(means, "means").astype(np.float64)
    if means.ndim != 1 or means.size < 2:
        raise ValueError(f"means must be a 1-D array of at least 2 arms; got shape {means.shape}")
    check_all_finite(means, "means")
    epsilon = check_finite_scalar(epsilon, "epsilon", minimum=0.0, maximum=1.0)
    steps = check_int(steps, "steps", minimum=1)
    runs = check_int(runs, "runs", minimum=1)
    seed = check_int(seed, "seed", minimum=0)
    initial = check_finite_scalar(initial, "initial")
    if ucb is not None:
        ucb = check_finite_scalar(ucb, "ucb", minimum=0.0)
    rng = np.random.default_rng(seed)
    k = means.size
    # All runs advance together: one row per run.
    Q = np.full((runs, k), initial)
    N = np.zeros((runs, k))
    rows = np.arange(runs)
    rewards = np.empty((steps, runs))
    for t in range(steps):
        explore = rng.random(runs) < epsilon
        random_arm = rng.integers(0, k, size=runs)
        score = Q
        if ucb is not None:
            tried = N > 0
            bonus = ucb * np.sqrt(np.log(t + 1) / np.where(tried, N, 1.0))
            score = np.where(tried, Q + bonus, np.inf)
        arm = np.where(explore, random_arm, np.argmax(score, axis=1))
        reward = means[arm] + rng.standard_normal(runs)
        N[rows, arm] += 1
        Q[rows, arm] += (reward - Q[rows, arm]) / N[rows, arm]
        rewards[t] = reward
    return rewards.mean(axis=1)


__all__ = [
    "ACTIONS",
    "GridWorld",
    "PolicyIterationResult",
    "ValueIterationResult",
    "check_mdp",
    "grid_world",
    "policy_evaluation",
    "policy_iteration",
    "q_learning",
    "q_values",
    "run_bandit",
    "terminal_states",
    "value_iteration",
]
