"""dlref.rl: grid world, value iteration vs exact policy evaluation, bandits, argument errors."""

import itertools
import math

import numpy as np
import pytest

from dlref import rl


def russell_norvig():
    return rl.grid_world(
        (3, 4),
        rewards={(0, 3): 1.0, (1, 3): -1.0},
        walls=[(1, 1)],
        step_reward=-0.04,
        slip=0.2,
    )


def _small():
    P = np.zeros((2, 2, 2))
    P[:, :, 1] = 1.0
    return P, np.array([[-1.0, -1.0], [0.0, 0.0]])


def test_grid_world_is_a_valid_mdp():
    g = russell_norvig()
    assert g.P.shape == (11, 4, 11) and g.R.shape == (11, 4)
    assert np.allclose(g.P.sum(axis=2), 1.0)
    assert g.terminal.sum() == 2
    # bumping into the top edge from (0, 0) stays put with probability 1 - slip/2 (up or left)
    s = g.state((0, 0))
    assert g.P[s, 0, s] == pytest.approx(0.9)
    assert np.all(g.R[g.terminal] == 0.0)


def test_two_state_chain_matches_closed_form():
    # state 0 loops on itself with reward 1: V = 1 / (1 - gamma)
    P = np.array([[[1.0, 0.0], [0.0, 1.0]], [[0.0, 1.0], [0.0, 1.0]]])
    R = np.array([[1.0, 0.0], [0.0, 0.0]])
    result = rl.value_iteration(P, R, 0.9)
    assert pytest.approx([10.0, 0.0], abs=1e-8) == result.V
    assert list(result.policy) == [0, 0]
    assert rl.policy_evaluation(P, R, np.array([1, 0]), 0.9) == pytest.approx([0.0, 0.0])


def test_value_iteration_agrees_with_linear_solve_and_bellman():
    g = russell_norvig()
    for gamma in (0.5, 0.9, 0.99):
        result = rl.value_iteration(g.P, g.R, gamma)
        exact = rl.policy_evaluation(g.P, g.R, result.policy, gamma)
        assert np.max(np.abs(exact - result.V)) < 1e-8
        Q = rl.q_values(g.P, g.R, result.V, gamma)
        assert np.max(np.abs(Q.max(axis=1) - result.V)) < 1e-8  # Bellman optimality


def test_optimal_policy_beats_every_deterministic_alternative_sampled():
    g = russell_norvig()
    best = rl.value_iteration(g.P, g.R, 0.9)
    rng = np.random.default_rng(0)
    for _ in range(200):
        other = rng.integers(0, 4, size=len(g.cells))
        assert np.all(rl.policy_evaluation(g.P, g.R, other, 0.9) <= best.V + 1e-9)


def test_stochastic_policy_equals_iterative_evaluation():
    g = russell_norvig()
    pi = np.full((len(g.cells), 4), 0.25)
    exact = rl.policy_evaluation(g.P, g.R, pi, 0.9)
    V = np.zeros(len(g.cells))
    for _ in range(2000):
        V = np.einsum("sa,sa->s", pi, g.R + 0.9 * g.P @ V)
    assert np.max(np.abs(V - exact)) < 1e-10


def test_bandit_is_reproducible_and_exploration_helps():
    means = np.random.default_rng(0).normal(size=10)
    a = rl.run_bandit(means, 0.1, steps=300, runs=100, seed=1)
    b = rl.run_bandit(means, 0.1, steps=300, runs=100, seed=1)
    assert a.shape == (300,) and np.array_equal(a, b)
    greedy = rl.run_bandit(means, 0.0, steps=1000, runs=200)
    eps = rl.run_bandit(means, 0.1, steps=1000, runs=200)
    assert eps[-200:].mean() > greedy[-200:].mean()
    # epsilon = 1 picks uniformly: the average reward is the mean of the arms
    uniform = rl.run_bandit(means, 1.0, steps=200, runs=500)
    assert uniform.mean() == pytest.approx(means.mean(), abs=0.05)


def _bandit_reference(means, epsilon, steps, runs, seed, initial, ucb):
    """run_bandit written one run at a time, from the formulas, with the same random draws."""
    rng = np.random.default_rng(seed)
    k = len(means)
    Q = [[initial] * k for _ in range(runs)]
    N = [[0] * k for _ in range(runs)]
    out = np.empty(steps)
    for t in range(1, steps + 1):
        explore, random_arm = rng.random(runs) < epsilon, rng.integers(0, k, size=runs)
        arms = []
        for r in range(runs):
            if ucb is None:
                scores = Q[r]
            else:
                scores = [
                    Q[r][a] + ucb * math.sqrt(math.log(t) / N[r][a]) if N[r][a] else math.inf
                    for a in range(k)
                ]
            greedy = max(range(k), key=lambda a: (scores[a], -a))  # ties: the first arm
            arms.append(int(random_arm[r]) if explore[r] else greedy)
        rewards = np.asarray(means)[arms] + rng.standard_normal(runs)
        for r, (a, reward) in enumerate(zip(arms, rewards, strict=True)):
            N[r][a] += 1
            Q[r][a] += (reward - Q[r][a]) / N[r][a]
        out[t - 1] = rewards.mean()
    return out


@pytest.mark.parametrize(
    ("epsilon", "initial", "ucb"),
    [(0.0, 0.0, None), (0.1, 0.0, None), (0.0, 5.0, None), (0.0, 0.0, 2.0), (0.05, 1.0, 0.5)],
)
def test_bandit_equals_reference(epsilon, initial, ucb):
    means = np.random.default_rng(3).normal(size=5)
    got = rl.run_bandit(means, epsilon, steps=60, runs=7, seed=2, initial=initial, ucb=ucb)
    want = _bandit_reference(means, epsilon, 60, 7, 2, initial, ucb)
    assert np.allclose(got, want, rtol=0, atol=1e-12)


def test_ucb_and_optimism_try_every_arm_first():
    means = np.array([0.3, -1.0, 2.0, 0.5])
    # with every arm untried the UCB score is infinite: arms 0, 1, 2, 3 in turn, in every run;
    # an optimistic start (50, far above every reward here) makes the greedy agent do the same
    for kwargs in ({"ucb": 1.0}, {"initial": 50.0}):
        first = rl.run_bandit(means, 0.0, steps=4, runs=4000, seed=0, **kwargs)
        assert np.allclose(first, means, atol=0.06)


def test_policy_iteration_equals_value_iteration():
    g = russell_norvig()
    for gamma in (0.5, 0.9, 0.99, 1.0):
        vi = rl.value_iteration(g.P, g.R, gamma)
        pi = rl.policy_iteration(g.P, g.R, gamma)
        assert isinstance(pi, rl.PolicyIterationResult)
        assert np.array_equal(pi.policy, vi.policy)
        assert np.max(np.abs(pi.V - vi.V)) < 1e-8
        assert np.array_equal(pi.policies[-1], pi.policy)
        # each improvement step does not lower the value of any state
        values = [rl.policy_evaluation(g.P, g.R, p, gamma) for p in pi.policies]
        assert all(np.all(b >= a - 1e-12) for a, b in itertools.pairwise(values))


def test_russell_norvig_4x3_world_with_gamma_one():
    g = russell_norvig()
    V = rl.value_iteration(g.P, g.R, 1.0).V
    textbook = [
        [0.812, 0.868, 0.918, 0.0],
        [0.762, np.nan, 0.660, 0.0],
        [0.705, 0.655, 0.611, 0.388],
    ]
    assert np.allclose(np.round(g.to_grid(V), 3), textbook, equal_nan=True)
    assert np.array_equal(rl.terminal_states(g.P, g.R), g.terminal)


def test_gamma_one_with_exact_geometric_episode():
    # state 0 stays with probability 0.75 (reward -1) or ends: V = -1 / 0.25 = -4
    P = np.array([[[0.75, 0.25]], [[0.0, 1.0]]])
    R = np.array([[-1.0], [0.0]])
    assert rl.policy_evaluation(P, R, np.array([0, 0]), 1.0) == pytest.approx([-4.0, 0.0])
    assert pytest.approx([-4.0, 0.0], abs=1e-8) == rl.value_iteration(P, R, 1.0).V


def test_gamma_one_needs_an_episodic_mdp_and_a_proper_policy():
    loop = np.array([[[1.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 1.0]]])
    with pytest.raises(ValueError, match=r"gamma=1.0 needs an episodic MDP.*has none"):
        rl.value_iteration(loop, -np.ones((2, 2)), 1.0)
    # state 2 is terminal, but state 1 only loops on itself
    P = np.zeros((3, 1, 3))
    P[0, 0, 2] = P[1, 0, 1] = P[2, 0, 2] = 1.0
    with pytest.raises(ValueError, match=r"every state must be able to reach.*\[1\]"):
        rl.policy_iteration(P, np.array([[-1.0], [-1.0], [0.0]]), 1.0)
    g = rl.grid_world((2, 2), step_reward=-1.0)  # no slips: "up" forever bumps into the edge
    with pytest.raises(ValueError, match="proper policy"):
        rl.policy_evaluation(g.P, g.R, np.zeros(len(g.cells), dtype=int), 1.0)


def test_q_learning_finds_q_star_and_the_optimal_policy():
    g = russell_norvig()
    Q_star = rl.q_values(g.P, g.R, rl.value_iteration(g.P, g.R, 0.9).V, 0.9)
    Q = rl.q_learning(g.P, g.R, 0.9, episodes=10_000, seed=0)
    assert np.array_equal(Q, rl.q_learning(g.P, g.R, 0.9, episodes=10_000, seed=0))
    assert np.max(np.abs(Q - Q_star)) < 0.03
    live = ~g.terminal
    assert np.array_equal(Q.argmax(axis=1)[live], Q_star.argmax(axis=1)[live])
    assert np.all(Q[g.terminal] == 0.0)


@pytest.mark.parametrize(
    ("call", "error", "name"),
    [
        (lambda: rl.grid_world((3,)), TypeError, "shape"),
        (lambda: rl.grid_world((3, 4), slip=1.5), ValueError, "slip"),
        (lambda: rl.grid_world((3, 4), rewards={(5, 0): 1.0}), ValueError, r"rewards key\[0\]"),
        (lambda: rl.grid_world((3, 4), walls=[(0, 3)]), ValueError, "wall"),
        (lambda: rl.value_iteration(np.ones((2, 1, 2)), np.zeros((2, 1)), 0.9), ValueError, "P"),
        (
            lambda: rl.value_iteration(np.ones((2, 1, 2)) / 2, np.zeros((2, 2)), 0.9),
            ValueError,
            "R",
        ),
        (
            lambda: rl.value_iteration(np.ones((2, 1, 2)) / 2, np.zeros((2, 1)), 1.0),
            ValueError,
            "gamma",
        ),
        (
            lambda: rl.policy_evaluation(
                np.ones((2, 1, 2)) / 2, np.zeros((2, 1)), np.array([0, 3]), 0.5
            ),
            ValueError,
            "policy",
        ),
        (lambda: rl.policy_iteration(*_small(), 0.9, policy=[0, 5]), ValueError, "policy"),
        (lambda: rl.q_learning(*_small(), 0.9, episodes=0), ValueError, "episodes"),
        (lambda: rl.q_learning(*_small(), 0.9, epsilon=2.0), ValueError, "epsilon"),
        (lambda: rl.q_learning(*_small(), 0.9, alpha_power=0.5), ValueError, "alpha_power"),
        (lambda: rl.q_learning(*_small(), 1.5), ValueError, "gamma"),
        (lambda: rl.run_bandit([1.0], 0.1), ValueError, "means"),
        (lambda: rl.run_bandit([1.0, 2.0], -0.1), ValueError, "epsilon"),
        (lambda: rl.run_bandit([1.0, 2.0], 0.1, steps=0), ValueError, "steps"),
        (lambda: rl.run_bandit([1.0, 2.0], 0.1, ucb=-1.0), ValueError, "ucb"),
        (lambda: rl.run_bandit([1.0, 2.0], 0.1, initial=float("nan")), ValueError, "initial"),
        (lambda: rl.run_bandit([1.0, 2.0], 0.1, ucb="2"), TypeError, "ucb"),
        (lambda: russell_norvig().to_grid(np.zeros(3)), ValueError, "values"),
    ],
)
def test_argument_errors_name_the_argument(call, error, name):
    with pytest.raises(error, match=name):
        call()
