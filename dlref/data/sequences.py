r"""Sequence tasks for recurrent networks: next-step prediction and the adding problem."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from dlref._validate import check_finite_scalar, check_int
from dlref.data.splits import check_seed

SequencePair = tuple[NDArray[np.float32], NDArray[np.float32]]


def sine_waves(n: int, length: int, *, noise: float = 0.05, seed: int = 0) -> SequencePair:
    r"""``n`` noisy sine waves of ``length + 1`` points; predict the last point from the others.

    Series $k$ is $a_k \sin(2\pi f_k t + \varphi_k) + \varepsilon$ on
    $t \in [0, 1]$ with $a \sim U(0.5, 1)$, $f \sim U(1, 3)$ cycles,
    $\varphi \sim U(0, 2\pi)$ and $\varepsilon \sim N(0, \sigma^2)$,
    $\sigma$ = ``noise``. Returns ``x`` of shape ``(n, length, 1)`` and ``y`` of shape
    ``(n, 1)``; the noise sets the best possible mean squared error, $\sigma^2$.
    """
    n = check_int(n, "n", minimum=1)
    length = check_int(length, "length", minimum=1)
    sigma = check_finite_scalar(noise, "noise", minimum=0.0)
    rng = np.random.default_rng(check_seed(seed))
    amplitude = rng.uniform(0.5, 1.0, size=(n, 1))
    frequency = rng.uniform(1.0, 3.0, size=(n, 1))
    phase = rng.uniform(0.0, 2.0 * np.pi, size=(n, 1))
    t = np.linspace(0.0, 1.0, length + 1)
    series = amplitude * np.sin(2.0 * np.pi * frequency * t + phase)
    series += sigma * rng.standard_normal(series.shape)
    series = series.astype(np.float32)
    return series[:, :length, None], series[:, length:]


def adding_problem(n: int, length: int, *, seed: int = 0) -> SequencePair:
    r"""The adding problem (Hochreiter & Schmidhuber, 1997): a test of long-range memory.

    Each sequence has two channels: random values $v_t \sim U(0, 1)$ and a marker
    $m_t$ that is 1 at exactly two steps, one in each half of the sequence. The target is
    $y = \sum_t m_t v_t$. Predicting the constant 1 gives a mean squared error of 1/6;
    beating that requires remembering a value for about ``length / 2`` steps. Returns ``x`` of
    shape ``(n, length, 2)`` and ``y`` of shape ``(n,)``.
    """
    n = check_int(n, "n", minimum=1)
    length = check_int(length, "length", minimum=2)
    rng = np.random.default_rng(check_seed(seed))
    values = rng.uniform(0.0, 1.0, size=(n, length))
    half = length // 2
    first = rng.integers(0, half, size=n)
    second = rng.integers(half, length, size=n)
    markers = np.zeros((n, length))
    rows = np.arange(n)
    markers[rows, first] = 1.0
    markers[rows, second] = 1.0
    x = np.stack([values, markers], axis=-1).astype(np.float32)
    y = (values[rows, first] + values[rows, second]).astype(np.float32)
    return x, y


__all__ = ["adding_problem", "sine_waves"]
