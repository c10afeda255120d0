r"""Training callbacks: a divergence guard and epoch-wise learning-rate schedules.

Schedules map the epoch $e = 0, \dots, E-1$ to a learning rate from the initial rate
$\eta_0$: cosine decay $\eta_e = \tfrac12 \eta_0 (1 + \cos(\pi e / E))$, and step
decay, which multiplies the rate by 0.1 at 50 % and again at 75 % of the epochs.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import keras

from dlref._validate import check_choice, check_finite_scalar, check_int

#: ``(epoch, current_lr) -> new_lr``, the form ``keras.callbacks.LearningRateScheduler`` calls.
Schedule = Callable[[int, float], float]

SCHEDULES = ("cosine", "step")


class TrainingDiverged(RuntimeError):
    """The loss became NaN/inf or exploded; raised by `DivergenceGuard`."""

    def __init__(self, message: str, *, epoch: int, batch: int, loss: float) -> None:
        super().__init__(message)
        self.epoch = epoch
        self.batch = batch
        self.loss = loss


class DivergenceGuard(keras.callbacks.Callback):
    r"""Stop training at the first batch whose loss is NaN, infinite or exploding.

    The loss explodes when it exceeds ``factor`` times $\max(L_0, 1)$, $L_0$ being
    the loss of the first batch. Raises `TrainingDiverged`, whose message names the epoch
    and batch (both counted from 1) and suggests a lower learning rate, instead of letting
    ``fit`` print NaN losses for the remaining epochs.
    """

    def __init__(self, factor: float = 1e3) -> None:
        super().__init__()
        self.factor = check_finite_scalar(factor, "factor", minimum=1.0)
        self.initial_loss: float | None = None
        self._epoch = 0

    def on_train_begin(self, logs: dict[str, Any] | None = None) -> None:
        self.initial_loss = None

    def on_epoch_begin(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        self._epoch = epoch

    def on_train_batch_end(self, batch: int, logs: dict[str, Any] | None = None) -> None:
        loss = (logs or {}).get("loss")
        if loss is None:
            return
        loss = float(loss)
        if self.initial_loss is None and math.isfinite(loss):
            self.initial_loss = loss
            return
        if not math.isfinite(loss):
            reason = f"the loss is {loss}"
        elif loss > self.factor * max(self.initial_loss or 0.0, 1.0):
            reason = f"the loss grew more than {self.factor:g} times its first value"
        else:
            return
        self.model.stop_training = True
        raise TrainingDiverged(
            self._message(batch, loss, reason), epoch=self._epoch + 1, batch=batch + 1, loss=loss
        )

    def _message(self, batch: int, loss: float, reason: str) -> str:
        first = "none" if self.initial_loss is None else f"{self.initial_loss:.4g}"
        lr_hint = "a 10x lower learning rate"
        try:
            lr = float(keras.ops.convert_to_numpy(self.model.optimizer.learning_rate))
            lr_hint = f"a lower learning rate (it is {lr:g}; try {lr / 10:g})"
        except (AttributeError, TypeError, ValueError):
            pass
        return (
            f"training diverged at epoch {self._epoch + 1}, batch {batch + 1}: {reason} "
            f"(loss {loss:.4g}, first batch {first}). Try {lr_hint}, gradient clipping "
            "(e.g. optimizer clipnorm=1.0), and check the inputs for NaN/inf and a sensible scale."
        )


def cosine_schedule(initial_lr: float, epochs: int, minimum: float = 0.0) -> Schedule:
    r"""Cosine decay from ``initial_lr`` towards ``minimum`` over ``epochs`` epochs."""
    initial_lr = check_finite_scalar(initial_lr, "initial_lr", minimum=0.0)
    epochs = check_int(epochs, "epochs", minimum=1)
    minimum = check_finite_scalar(minimum, "minimum", minimum=0.0)

    def schedule(epoch: int, lr: float) -> float:
        return float(
            minimum + 0.5 * (initial_lr - minimum) * (1 + math.cos(math.pi * epoch / epochs))
        )

    return schedule


def step_schedule(
    initial_lr: float, epochs: int, factor: float = 0.1, milestones: tuple[float, ...] = (0.5, 0.75)
) -> Schedule:
    """Multiply ``initial_lr`` by ``factor`` at each milestone (a fraction of ``epochs``)."""
    initial_lr = check_finite_scalar(initial_lr, "initial_lr", minimum=0.0)
    epochs = check_int(epochs, "epochs", minimum=1)
    factor = check_finite_scalar(factor, "factor", minimum=0.0)
    starts = [round(check_finite_scalar(m, "milestones", minimum=0.0) * epochs) for m in milestones]

    def schedule(epoch: int, lr: float) -> float:
        return float(initial_lr * factor ** sum(epoch >= s for s in starts))

    return schedule


def learning_rate_callback(
    lr_schedule: str | Schedule, initial_lr: float, epochs: int
) -> keras.callbacks.LearningRateScheduler:
    """A ``LearningRateScheduler`` for ``"cosine"``, ``"step"`` or an ``(epoch, lr) -> lr``."""
    if callable(lr_schedule):
        return keras.callbacks.LearningRateScheduler(lambda e, lr: float(lr_schedule(e, lr)))
    if not isinstance(lr_schedule, str):
        raise TypeError(
            "lr_schedule must be None, 'cosine', 'step' or a callable (epoch, lr) -> lr; "
            f"got {type(lr_schedule).__name__}"
        )
    check_choice(lr_schedule, "lr_schedule", SCHEDULES)
    build = cosine_schedule if lr_schedule == "cosine" else step_schedule
    return keras.callbacks.LearningRateScheduler(build(initial_lr, epochs))


__all__ = [
    "SCHEDULES",
    "DivergenceGuard",
    "Schedule",
    "TrainingDiverged",
    "cosine_schedule",
    "learning_rate_callback",
    "step_schedule",
]
