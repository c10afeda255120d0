r"""Numerical gradients by central differences, and a gradient check for hand-written backprop.

The central difference $\frac{f(x + h e_i) - f(x - h e_i)}{2h}$ has error
$O(h^2)$, against $O(h)$ for the one-sided difference, so with $h = 10^{-6}$
in float64 an analytic gradient that is right agrees to about $10^{-9}$ relative error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validate import as_float_array, check_finite_scalar

FloatArray = NDArray[np.floating]

_TINY = float(np.finfo(np.float64).tiny)


def _check_callable(value: object, name: str) -> None:
    if not callable(value):
        raise TypeError(f"{name} must be callable; got {type(value).__name__}")


def _scalar_output(value: object) -> float:
    array = np.asarray(value)
    if array.size != 1 or array.dtype.kind not in "iuf":
        raise ValueError(
            f"f must return one real number; got {type(value).__name__} with shape {array.shape}"
        )
    return float(array.reshape(()))


def _check_eps(eps: float) -> float:
    eps = check_finite_scalar(eps, "eps", minimum=0.0)
    if eps == 0.0:
        raise ValueError("eps must be > 0; got 0.0")
    return eps


def numerical_gradient(
    f: Callable[[FloatArray], float], x: ArrayLike, eps: float = 1e-6
) -> NDArray[np.float64]:
    r"""Gradient of the scalar function ``f`` at ``x`` by central differences, shape of ``x``.

    Each element $x_i$ is moved to $x_i \pm h$ in turn and
    $\partial f / \partial x_i \approx (f(x + h e_i) - f(x - h e_i)) / 2h$. If ``x`` is a
    float NumPy array, the perturbation is made in place and the element is restored exactly
    before the next one, so ``f`` may read the array through a closure (the weights of a layer,
    say); ``x`` is unchanged on return, even if ``f`` raises. Use float64: in float32 the rounding
    error of ``f`` swamps the difference. Costs $2 \cdot \text{x.size}$ calls of ``f``.
    """
    _check_callable(f, "f")
    eps = _check_eps(eps)
    work = x if isinstance(x, np.ndarray) and x.dtype.kind == "f" else None
    if work is None:
        work = np.array(as_float_array(x, "x"), dtype=np.float64)
    elif not work.flags.writeable:
        work = work.astype(np.float64)
    if work.size == 0:
        raise ValueError(f"x must not be empty; got shape {work.shape}")
    grad = np.empty(work.shape, dtype=np.float64)
    flat_grad = grad.reshape(-1)
    for i, index in enumerate(np.ndindex(work.shape)):
        original = work[index]
        try:
            work[index] = original + eps
            plus_step = work[index]
            f_plus = _scalar_output(f(work))
            work[index] = original - eps
            minus_step = work[index]
            f_minus = _scalar_output(f(work))
        finally:
            work[index] = original
        # Divide by the step actually stored, which differs from 2*eps after rounding.
        step = float(plus_step) - float(minus_step)
        if step == 0.0:
            raise ValueError(
                f"eps={eps:g} is too small for x[{', '.join(map(str, index))}] = {original!r} "
                f"in {work.dtype}: x + eps and x - eps round to the same number; use a larger eps"
            )
        flat_grad[i] = (f_plus - f_minus) / step
    return grad


@dataclass(frozen=True)
class GradientCheck:
    r"""Result of `gradient_check`.

    ``relative_error`` is $\max_i |a_i - n_i| \,/\, \max(\max_i (|a_i| + |n_i|),
    \text{tiny})$ for the analytic gradient $a$ and the numerical one $n$: the worst
    absolute difference measured against the gradient's scale, so entries that are exactly zero
    (dead ReLUs) do not produce spurious failures.
    """

    analytic: NDArray[np.float64]
    numerical: NDArray[np.float64]
    relative_error: float
    threshold: float

    @property
    def passed(self) -> bool:
        """True if ``relative_error <= threshold``."""
        return self.relative_error <= self.threshold

    @property
    def worst_index(self) -> tuple[int, ...]:
        """Index of the entry where the two gradients differ most."""
        diff = np.abs(self.analytic - self.numerical)
        return tuple(int(i) for i in np.unravel_index(np.argmax(diff), diff.shape))

    def __str__(self) -> str:
        verdict = "passed" if self.passed else "FAILED"
        sign = "<=" if self.passed else ">"
        index = self.worst_index
        return (
            f"gradient check {verdict}: relative error {self.relative_error:.2e} {sign} "
            f"threshold {self.threshold:.0e} over {self.analytic.size} entries; largest "
            f"difference at index {index}: analytic {self.analytic[index]:.8g}, "
            f"numerical {self.numerical[index]:.8g}"
        )


def gradient_check(
    f: Callable[[FloatArray], float],
    grad_f: Callable[[FloatArray], ArrayLike],
    x: ArrayLike,
    eps: float = 1e-6,
    threshold: float = 1e-6,
) -> GradientCheck:
    """Compare the analytic gradient ``grad_f(x)`` with `numerical_gradient` of ``f``.

    ``grad_f(x)`` must return an array of the shape of ``x``. The default threshold of
    $10^{-6}$ suits float64 and smooth functions; kinks (ReLU at 0) within ``eps`` of
    ``x`` can exceed it.
    """
    _check_callable(grad_f, "grad_f")
    threshold = check_finite_scalar(threshold, "threshold", minimum=0.0)
    x_shape = np.shape(x)
    analytic = np.array(as_float_array(grad_f(x), "grad_f(x)"), dtype=np.float64)
    if analytic.shape != x_shape:
        raise ValueError(
            f"grad_f(x) must have the shape of x, {x_shape}; got shape {analytic.shape}"
        )
    numerical = numerical_gradient(f, x, eps)
    scale = max(float(np.max(np.abs(analytic) + np.abs(numerical), initial=0.0)), _TINY)
    error = float(np.max(np.abs(analytic - numerical), initial=0.0)) / scale
    return GradientCheck(analytic, numerical, error, threshold)
