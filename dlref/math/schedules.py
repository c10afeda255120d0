r"""Learning-rate schedules in NumPy: $\eta_t$ as a function of the step $t$, counted from 0.

`piecewise_constant`, `exponential_decay` and `cosine_decay` (with its optional linear warm-up)
follow `keras.optimizers.schedules` (``PiecewiseConstantDecay``, ``ExponentialDecay``,
``CosineDecay``) value for value; `one_cycle` follows PyTorch's ``OneCycleLR`` (Smith and
Topin's 1cycle policy). Each function takes a step or an array of steps and returns the rates
as float64, a Python float for a scalar step.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validate import (
    as_float_array,
    check_all_finite,
    check_bool,
    check_choice,
    check_finite_scalar,
    check_int,
)

__all__ = [
    "ANNEAL_STRATEGIES",
    "cosine_decay",
    "exponential_decay",
    "one_cycle",
    "piecewise_constant",
]

ANNEAL_STRATEGIES = ("cos", "linear")
Rates = float | NDArray[np.float64]


def _steps(step: ArrayLike) -> NDArray[np.float64]:
    t = as_float_array(step, "step").astype(np.float64)
    check_all_finite(t, "step")
    if np.any(t < 0):
        raise ValueError(f"step must be >= 0; got minimum {t.min()}")
    return t


def _out(rates: NDArray[np.float64]) -> Rates:
    return float(rates) if rates.ndim == 0 else rates


def _rate(value: Any, name: str) -> float:
    return check_finite_scalar(value, name, minimum=0.0)


def piecewise_constant(
    step: ArrayLike, boundaries: Sequence[float], values: Sequence[float]
) -> Rates:
    r"""A constant rate per interval of steps, as Keras's ``PiecewiseConstantDecay``.

    With boundaries $b_1 < \dots < b_k$ and values $v_0, \dots, v_k$: $\eta_t = v_0$ for
    $t \le b_1$, $v_i$ for $b_i < t \le b_{i+1}$ and $v_k$ for $t > b_k$. Step decay ("divide
    by 10 at epochs 30 and 60") is this schedule.

    Args:
        step: The step(s) $t \ge 0$.
        boundaries: The $k \ge 1$ increasing boundaries.
        values: The $k + 1$ rates.

    Returns:
        The rate at each step.
    """
    t = _steps(step)
    b = as_float_array(boundaries, "boundaries").astype(np.float64)
    v = as_float_array(values, "values").astype(np.float64)
    if b.ndim != 1 or b.size == 0:
        raise ValueError(f"boundaries must be a non-empty 1-D sequence; got shape {b.shape}")
    check_all_finite(b, "boundaries")
    if np.any(np.diff(b) <= 0):
        raise ValueError(f"boundaries must be strictly increasing; got {b.tolist()}")
    if v.shape != (b.size + 1,):
        raise ValueError(
            f"values must have one entry more than boundaries ({b.size + 1}); got shape {v.shape}"
        )
    check_all_finite(v, "values")
    return _out(v[np.searchsorted(b, t, side="left")])


def exponential_decay(
    step: ArrayLike,
    initial_learning_rate: float,
    decay_steps: int,
    decay_rate: float,
    staircase: bool = False,
) -> Rates:
    r"""$\eta_t = \eta_0\, r^{t/T}$, as ``keras.optimizers.schedules.ExponentialDecay``.

    The rate is multiplied by $r$ every $T$ steps; with ``staircase=True`` the exponent is
    $\lfloor t/T \rfloor$, a step decay by the factor $r$ every $T$ steps.

    Args:
        step: The step(s) $t \ge 0$.
        initial_learning_rate: $\eta_0 \ge 0$.
        decay_steps: $T \ge 1$.
        decay_rate: $r > 0$.
        staircase: Whether to floor $t/T$.

    Returns:
        The rate at each step.
    """
    t = _steps(step)
    eta_0 = _rate(initial_learning_rate, "initial_learning_rate")
    period = check_int(decay_steps, "decay_steps", minimum=1)
    rate = check_finite_scalar(decay_rate, "decay_rate", minimum=0.0, include_boundaries="neither")
    exponent = t / period
    if check_bool(staircase, "staircase"):
        exponent = np.floor(exponent)
    return _out(eta_0 * rate**exponent)


def cosine_decay(
    step: ArrayLike,
    initial_learning_rate: float,
    decay_steps: int,
    alpha: float = 0.0,
    warmup_target: float | None = None,
    warmup_steps: int = 0,
) -> Rates:
    r"""Cosine decay with an optional linear warm-up, as ``keras.optimizers.schedules.CosineDecay``.

    Without warm-up, $\eta_t = \eta_0\bigl(\alpha + (1-\alpha)\,\tfrac{1}{2}(1 + \cos(\pi\,
    \min(t, T)/T))\bigr)$: from $\eta_0$ down to $\alpha\eta_0$ over $T$ steps, then constant.
    With ``warmup_target`` $\eta_{\max}$ and $W$ warm-up steps, the rate first rises linearly
    from $\eta_0$ to $\eta_{\max}$ over $W$ steps, then decays from $\eta_{\max}$ to
    $\alpha\eta_{\max}$ over the next $T$ steps.

    Args:
        step: The step(s) $t \ge 0$.
        initial_learning_rate: $\eta_0 \ge 0$ (the start of the warm-up, if any).
        decay_steps: $T \ge 1$, the length of the decay.
        alpha: The final rate as a fraction of the rate the decay starts from, in $[0, 1]$.
        warmup_target: $\eta_{\max}$, or ``None`` for no warm-up.
        warmup_steps: $W$; at least 1 when ``warmup_target`` is given.

    Returns:
        The rate at each step.
    """
    t = _steps(step)
    eta_0 = _rate(initial_learning_rate, "initial_learning_rate")
    period = check_int(decay_steps, "decay_steps", minimum=1)
    alpha = check_finite_scalar(alpha, "alpha", minimum=0.0, maximum=1.0)
    warmup = check_int(warmup_steps, "warmup_steps", minimum=0)

    def decay(s: NDArray[np.float64], start: float) -> NDArray[np.float64]:
        cosine = 0.5 * (1.0 + np.cos(np.pi * np.minimum(s, period) / period))
        return start * ((1 - alpha) * cosine + alpha)

    if warmup_target is None:
        return _out(decay(t, eta_0))
    peak = _rate(warmup_target, "warmup_target")
    if warmup < 1:
        raise ValueError(f"warmup_steps must be >= 1 when warmup_target is given; got {warmup}")
    rising = (peak - eta_0) * (t / warmup) + eta_0
    return _out(np.where(t < warmup, rising, decay(t - warmup, peak)))


def one_cycle(
    step: ArrayLike,
    max_learning_rate: float,
    total_steps: int,
    pct_start: float = 0.3,
    div_factor: float = 25.0,
    final_div_factor: float = 1e4,
    anneal_strategy: str = "cos",
) -> Rates:
    r"""The 1cycle policy (Smith and Topin, 2019), with PyTorch ``OneCycleLR``'s formulas.

    The rate rises from $\eta_{\max}/d$ to $\eta_{\max}$ at step $p = pN - 1$ (``pct_start`` $p$ of
    the $N$ steps), then falls to $\eta_{\max}/(d\,f)$ at step $N - 1$. Each phase goes from $a$
    to $b$ along $b + \tfrac{1}{2}(a - b)(1 + \cos \pi u)$ (``"cos"``) or $a + (b - a)u$
    (``"linear"``), $u \in [0, 1]$ being the fraction of the phase done.

    Args:
        step: The step(s), in $[0, N - 1]$.
        max_learning_rate: $\eta_{\max} > 0$.
        total_steps: $N \ge 2$.
        pct_start: The fraction of the steps spent rising, in $(0, 1)$, with $pN - 1 \ge 0$ and
            $pN - 1 < N - 1$ so that both phases have a length.
        div_factor: $d \ge 1$: the rate starts at $\eta_{\max}/d$.
        final_div_factor: $f \ge 1$: the rate ends at $\eta_{\max}/(d f)$.
        anneal_strategy: ``"cos"`` or ``"linear"``.

    Returns:
        The rate at each step.
    """
    t = _steps(step)
    peak = check_finite_scalar(
        max_learning_rate, "max_learning_rate", minimum=0.0, include_boundaries="neither"
    )
    n = check_int(total_steps, "total_steps", minimum=2)
    pct = check_finite_scalar(
        pct_start, "pct_start", minimum=0.0, maximum=1.0, include_boundaries="neither"
    )
    d = check_finite_scalar(div_factor, "div_factor", minimum=1.0)
    f = check_finite_scalar(final_div_factor, "final_div_factor", minimum=1.0)
    strategy = check_choice(anneal_strategy, "anneal_strategy", ANNEAL_STRATEGIES)
    if np.any(t > n - 1):
        raise ValueError(f"step must be <= total_steps - 1 = {n - 1}; got maximum {t.max()}")
    turn = pct * n - 1
    if not 0 < turn < n - 1:
        raise ValueError(
            f"pct_start * total_steps - 1 must lie in (0, {n - 1}) so both phases have a length; "
            f"got {turn:g}"
        )
    start, low = peak / d, peak / (d * f)

    def anneal(a: float, b: float, u: NDArray[np.float64]) -> NDArray[np.float64]:
        if strategy == "cos":
            return b + (a - b) / 2.0 * (np.cos(math.pi * u) + 1)
        return (b - a) * u + a

    rising = anneal(start, peak, t / turn)
    falling = anneal(peak, low, (t - turn) / (n - 1 - turn))
    return _out(np.where(t <= turn, rising, falling))
