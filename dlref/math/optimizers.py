r"""Gradient-descent update rules, in NumPy, with Keras 3's exact formulas.

Each optimizer keeps its state (velocities, accumulators) per parameter array and updates the
parameters in place with ``step(params, grads)``; the arithmetic is done in each parameter's
dtype, in the order Keras uses, so float32 parameters follow ``keras.optimizers`` to float32
rounding. Below $g$ is the gradient, $\eta$ the learning rate, $\epsilon$ the
small constant and $t$ the step number, counted from 1.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validate import as_float_array, check_bool, check_finite_scalar, check_int

FloatArray = NDArray[np.floating]
Slots = dict[str, FloatArray]


def _describe(value: object) -> str:
    if isinstance(value, np.ndarray):
        return f"ndarray of dtype {value.dtype}" + ("" if value.flags.writeable else " (read-only)")
    return type(value).__name__


class Optimizer:
    """Base class: checks ``step``'s arguments and keeps one dict of state arrays per parameter.

    Subclasses create the state in `_slots` and apply one update in `_update`.
    """

    def __init__(self, learning_rate: float) -> None:
        self.learning_rate = check_finite_scalar(
            learning_rate, "learning_rate", minimum=0.0, include_boundaries="neither"
        )
        self.iterations = 0
        self._state: list[Slots] = []
        self._shapes: list[tuple[int, ...]] | None = None

    def reset(self) -> None:
        """Forget all state (step count, velocities, accumulators), like a fresh optimizer."""
        self.iterations = 0
        self._state = []
        self._shapes = None

    def step(self, params: list[np.ndarray], grads: list[np.ndarray]) -> None:
        """Apply one update to every array in ``params``, in place, using the matching ``grads``.

        The list of parameters must keep its length and shapes from one step to the next: the
        state is matched to parameters by position.
        """
        grads = self._checked(params, grads)
        shapes = [p.shape for p in params]
        if self._shapes is None:
            self._shapes = shapes
            self._state = [self._slots(p) for p in params]
        elif shapes != self._shapes:
            raise ValueError(
                f"params must keep their shapes between steps; got {shapes} after "
                f"{self._shapes} (call reset() to start over with new parameters)"
            )
        self.iterations += 1
        for param, grad, slots in zip(params, grads, self._state, strict=True):
            self._update(param, grad, slots)

    def _checked(
        self, params: Sequence[np.ndarray], grads: Sequence[ArrayLike]
    ) -> list[FloatArray]:
        """Return ``grads`` as arrays of each parameter's dtype, after checking both lists."""
        if not isinstance(params, (list, tuple)) or not isinstance(grads, (list, tuple)):
            raise TypeError(
                "params and grads must be lists of arrays; got "
                f"{type(params).__name__} and {type(grads).__name__}"
            )
        if len(params) != len(grads):
            raise ValueError(
                f"params and grads must have the same length; got {len(params)} and {len(grads)}"
            )
        checked = []
        for i, (param, grad) in enumerate(zip(params, grads, strict=True)):
            if (
                not isinstance(param, np.ndarray)
                or param.dtype.kind != "f"
                or not param.flags.writeable
            ):
                raise TypeError(
                    f"params[{i}] must be a writeable float NumPy array (it is updated in place); "
                    f"got {_describe(param)}"
                )
            grad = as_float_array(grad, f"grads[{i}]")
            if grad.shape != param.shape:
                raise ValueError(
                    f"grads[{i}] must have the shape of params[{i}], {param.shape}; "
                    f"got shape {grad.shape}"
                )
            checked.append(grad.astype(param.dtype, copy=False))
        return checked

    def _slots(self, param: np.ndarray) -> Slots:
        return {}

    def _update(self, param: np.ndarray, grad: FloatArray, slots: Slots) -> None:
        raise NotImplementedError

    def __repr__(self) -> str:
        settings = ", ".join(f"{k}={v!r}" for k, v in vars(self).items() if not k.startswith("_"))
        return f"{type(self).__name__}({settings})"


class SGD(Optimizer):
    r"""Stochastic gradient descent with optional (Nesterov) momentum, as ``keras.optimizers.SGD``.

    Plain: $\theta \leftarrow \theta - \eta g$. With momentum $\mu$, Keras keeps a
    velocity $v \leftarrow \mu v - \eta g$ and sets $\theta \leftarrow \theta + v$;
    with ``nesterov=True`` it looks ahead instead: $\theta \leftarrow \theta + \mu v - \eta g$
    (with the new $v$).
    """

    def __init__(
        self, learning_rate: float = 0.01, momentum: float = 0.0, nesterov: bool = False
    ) -> None:
        super().__init__(learning_rate)
        self.momentum = check_finite_scalar(momentum, "momentum", minimum=0.0, maximum=1.0)
        self.nesterov = check_bool(nesterov, "nesterov")

    def _slots(self, param: np.ndarray) -> Slots:
        return {"velocity": np.zeros_like(param)} if self.momentum != 0.0 else {}

    def _update(self, param: np.ndarray, grad: FloatArray, slots: Slots) -> None:
        lr = param.dtype.type(self.learning_rate)
        if self.momentum == 0.0:
            param -= grad * lr
            return
        mu = param.dtype.type(self.momentum)
        velocity = slots["velocity"]
        velocity[...] = velocity * mu - grad * lr
        if self.nesterov:
            param += velocity * mu - grad * lr
        else:
            param += velocity


class AdaGrad(Optimizer):
    r"""AdaGrad, as ``keras.optimizers.Adagrad``: a per-coordinate rate that decays with use.

    $G \leftarrow G + g^2$ (starting from ``initial_accumulator_value``) and
    $\theta \leftarrow \theta - \eta g / \sqrt{G + \epsilon}$.
    """

    def __init__(
        self,
        learning_rate: float = 0.001,
        initial_accumulator_value: float = 0.1,
        epsilon: float = 1e-7,
    ) -> None:
        super().__init__(learning_rate)
        self.initial_accumulator_value = check_finite_scalar(
            initial_accumulator_value, "initial_accumulator_value", minimum=0.0
        )
        self.epsilon = check_finite_scalar(epsilon, "epsilon", minimum=0.0)

    def _slots(self, param: np.ndarray) -> Slots:
        return {"accumulator": np.full_like(param, self.initial_accumulator_value)}

    def _update(self, param: np.ndarray, grad: FloatArray, slots: Slots) -> None:
        lr = param.dtype.type(self.learning_rate)
        accumulator = slots["accumulator"]
        accumulator += np.square(grad)
        param -= (lr * grad) / np.sqrt(accumulator + param.dtype.type(self.epsilon))


class RMSProp(Optimizer):
    r"""RMSProp, as ``keras.optimizers.RMSprop``: divide by a running RMS of the gradient.

    $s \leftarrow \rho s + (1 - \rho) g^2$; the step is
    $\Delta = \eta g / \sqrt{s + \epsilon}$ ($\epsilon$ inside the root, as in Keras).
    ``centered=True`` also tracks $\bar{g} \leftarrow \rho \bar{g} + (1 - \rho) g$ and uses
    $\sqrt{s - \bar{g}^2 + \epsilon}$, an estimate of the variance. With momentum
    $\mu$: $m \leftarrow \mu m + \Delta$, $\theta \leftarrow \theta - m$;
    otherwise $\theta \leftarrow \theta - \Delta$.
    """

    def __init__(
        self,
        learning_rate: float = 0.001,
        rho: float = 0.9,
        momentum: float = 0.0,
        epsilon: float = 1e-7,
        centered: bool = False,
    ) -> None:
        super().__init__(learning_rate)
        self.rho = check_finite_scalar(
            rho, "rho", minimum=0.0, maximum=1.0, include_boundaries="left"
        )
        self.momentum = check_finite_scalar(momentum, "momentum", minimum=0.0, maximum=1.0)
        self.epsilon = check_finite_scalar(epsilon, "epsilon", minimum=0.0)
        self.centered = check_bool(centered, "centered")

    def _slots(self, param: np.ndarray) -> Slots:
        slots = {"velocity": np.zeros_like(param)}
        if self.momentum > 0.0:
            slots["momentum"] = np.zeros_like(param)
        if self.centered:
            slots["average_gradient"] = np.zeros_like(param)
        return slots

    def _update(self, param: np.ndarray, grad: FloatArray, slots: Slots) -> None:
        dtype = param.dtype.type
        lr, rho, eps = dtype(self.learning_rate), dtype(self.rho), dtype(self.epsilon)
        one_minus_rho = dtype(1.0 - self.rho)
        velocity = slots["velocity"]
        velocity[...] = rho * velocity + one_minus_rho * np.square(grad)
        if self.centered:
            average = slots["average_gradient"]
            average[...] = rho * average + one_minus_rho * grad
            denominator = velocity - np.square(average) + eps
        else:
            denominator = velocity + eps
        increment = (lr * grad) / np.sqrt(denominator)
        if self.momentum > 0.0:
            momentum = slots["momentum"]
            momentum[...] = dtype(self.momentum) * momentum + increment
            param -= momentum
        else:
            param -= increment


class Adam(Optimizer):
    r"""Adam, as ``keras.optimizers.Adam``: momentum plus RMS scaling, bias-corrected.

    $m \leftarrow m + (1 - \beta_1)(g - m)$, $v \leftarrow v + (1 - \beta_2)(g^2 - v)$
    and $\theta \leftarrow \theta - \alpha_t\, m / (\sqrt{v} + \epsilon)$ with
    $\alpha_t = \eta \sqrt{1 - \beta_2^t} / (1 - \beta_1^t)$. Keras folds the bias correction
    into the rate, so $\epsilon$ is added to the uncorrected $\sqrt{v}$ (the paper adds
    it to $\sqrt{\hat v}$; the two differ only by a rescaled $\epsilon$). With
    ``amsgrad=True`` the running maximum of $v$ replaces $v$ in the step.
    """

    def __init__(
        self,
        learning_rate: float = 0.001,
        beta_1: float = 0.9,
        beta_2: float = 0.999,
        epsilon: float = 1e-7,
        amsgrad: bool = False,
    ) -> None:
        super().__init__(learning_rate)
        self.beta_1 = check_finite_scalar(
            beta_1, "beta_1", minimum=0.0, maximum=1.0, include_boundaries="left"
        )
        self.beta_2 = check_finite_scalar(
            beta_2, "beta_2", minimum=0.0, maximum=1.0, include_boundaries="left"
        )
        self.epsilon = check_finite_scalar(epsilon, "epsilon", minimum=0.0)
        self.amsgrad = check_bool(amsgrad, "amsgrad")

    def _slots(self, param: np.ndarray) -> Slots:
        slots = {"m": np.zeros_like(param), "v": np.zeros_like(param)}
        if self.amsgrad:
            slots["v_hat"] = np.zeros_like(param)
        return slots

    def _update(self, param: np.ndarray, grad: FloatArray, slots: Slots) -> None:
        dtype = param.dtype.type
        t = dtype(self.iterations)
        beta_1_power = np.power(dtype(self.beta_1), t)
        beta_2_power = np.power(dtype(self.beta_2), t)
        alpha = dtype(self.learning_rate) * np.sqrt(1 - beta_2_power) / (1 - beta_1_power)
        m, v = slots["m"], slots["v"]
        m += (grad - m) * dtype(1.0 - self.beta_1)
        v += (np.square(grad) - v) * dtype(1.0 - self.beta_2)
        if self.amsgrad:
            v_hat = slots["v_hat"]
            np.maximum(v_hat, v, out=v_hat)
            v = v_hat
        param -= (m * alpha) / (np.sqrt(v) + dtype(self.epsilon))


def optimize(
    f_grad: Callable[[NDArray[np.float64]], ArrayLike],
    x0: ArrayLike,
    optimizer: Optimizer,
    steps: int,
) -> NDArray[np.float64]:
    """Run ``optimizer`` from ``x0`` on the gradient ``f_grad`` and return the path it takes.

    ``x0`` is a 1-D point (2-D for the usual contour plots); ``f_grad(x)`` returns the gradient
    at ``x`` with the same shape. The optimizer is `reset` first. Returns an
    array of shape ``(steps + 1, dim)`` whose first row is ``x0``.
    """
    if not isinstance(optimizer, Optimizer):
        raise TypeError(f"optimizer must be a dlref Optimizer; got {type(optimizer).__name__}")
    if not callable(f_grad):
        raise TypeError(f"f_grad must be callable; got {type(f_grad).__name__}")
    steps = check_int(steps, "steps", minimum=0)
    x = np.array(as_float_array(x0, "x0"), dtype=np.float64)
    if x.ndim != 1 or x.size == 0:
        raise ValueError(f"x0 must be a non-empty 1-D point; got shape {x.shape}")
    optimizer.reset()
    path = np.empty((steps + 1, x.size))
    path[0] = x
    for i in range(1, steps + 1):
        grad = as_float_array(f_grad(x.copy()), "f_grad(x)")
        if grad.shape != x.shape:
            raise ValueError(f"f_grad(x) must have the shape of x0, {x.shape}; got {grad.shape}")
        optimizer.step([x], [grad])
        path[i] = x
    return path
