r"""Regularisation in NumPy: L1/L2 weight penalties, inverted dropout and batch normalisation.

The penalties follow Keras's convention, $\lambda \sum |w|$ and $\lambda \sum w^2$
(no factor $\tfrac12$ on L2), so ``l2_penalty(w, lam)`` equals
``keras.regularizers.L2(lam)(w)``. `BatchNorm` updates its moving statistics the way
``keras.layers.BatchNormalization`` does.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validate import (
    as_float_array,
    check_all_finite,
    check_bool,
    check_finite_scalar,
    check_int,
    check_random_state,
)

FloatArray = NDArray[np.floating]


def _weights(weights: ArrayLike) -> FloatArray:
    weights = as_float_array(weights, "weights")
    check_all_finite(weights, "weights")
    return weights


def _lam(lam: float) -> float:
    return check_finite_scalar(lam, "lam", minimum=0.0)


def l1_penalty(weights: ArrayLike, lam: float) -> float:
    r"""L1 penalty $\lambda \sum_i |w_i|$ (``keras.regularizers.L1(lam)``)."""
    return _lam(lam) * float(np.sum(np.abs(_weights(weights))))


def l1_grad(weights: ArrayLike, lam: float) -> FloatArray:
    r"""Gradient of `l1_penalty`: $\lambda \operatorname{sign}(w)$ (0 at 0)."""
    lam = _lam(lam)
    return lam * np.sign(_weights(weights))


def l2_penalty(weights: ArrayLike, lam: float) -> float:
    r"""L2 penalty $\lambda \sum_i w_i^2$, as ``keras.regularizers.L2(lam)`` (no one half)."""
    weights = _weights(weights)
    return _lam(lam) * float(np.sum(weights * weights))


def l2_grad(weights: ArrayLike, lam: float) -> FloatArray:
    r"""Gradient of `l2_penalty`: $2 \lambda w$ (weight decay)."""
    lam = _lam(lam)
    return 2.0 * lam * _weights(weights)


def dropout(
    x: ArrayLike, rate: float, training: bool, rng: np.random.Generator | int | None = None
) -> tuple[FloatArray, NDArray[np.bool_]]:
    r"""Inverted dropout: zero each element with probability ``rate`` and scale the rest up.

    In training, $y = x \odot m / (1 - p)$ with $m_i \sim \mathrm{Bernoulli}(1 - p)$,
    so $\mathbb{E}[y] = x$ and nothing needs rescaling at inference, where $y = x$.
    Returns ``(output, mask)``, ``mask`` being the boolean array of kept elements (all True when
    not training); the backward pass is ``grad_out * mask / (1 - rate)``. ``rng`` is a NumPy
    ``Generator`` or an int seed (None draws fresh entropy).
    """
    x = as_float_array(x, "x")
    rate = check_finite_scalar(rate, "rate", minimum=0.0, maximum=1.0, include_boundaries="left")
    check_bool(training, "training")
    generator = check_random_state(rng, "rng")
    if not training or rate == 0.0:
        return x.copy(), np.ones(x.shape, dtype=bool)
    mask = generator.random(x.shape) >= rate
    scale = x.dtype.type(1.0 / (1.0 - rate))
    return np.where(mask, x * scale, x.dtype.type(0)), mask


class BatchNorm:
    r"""Batch normalisation over the last axis, as ``keras.layers.BatchNormalization(axis=-1)``.

    In training each feature is normalised with the batch statistics (the mean and the *biased*
    variance over all other axes, as Keras's ``ops.moments``):
    $y = \gamma (x - \mu_B) / \sqrt{\sigma_B^2 + \epsilon} + \beta$, and the moving
    statistics are updated as Keras does,
    $\mu \leftarrow \mu \cdot m + \mu_B (1 - m)$ (and likewise $\sigma^2$) with
    momentum $m$. At inference the moving statistics replace the batch ones. ``gamma``
    starts at 1, ``beta`` at 0, the moving mean at 0 and the moving variance at 1.
    """

    def __init__(self, num_features: int, momentum: float = 0.99, epsilon: float = 1e-3) -> None:
        self.num_features = check_int(num_features, "num_features", minimum=1)
        self.momentum = check_finite_scalar(momentum, "momentum", minimum=0.0, maximum=1.0)
        self.epsilon = check_finite_scalar(epsilon, "epsilon", minimum=0.0)
        if self.epsilon == 0.0:
            raise ValueError("epsilon must be > 0; got 0.0")
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)
        self.moving_mean = np.zeros(num_features)
        self.moving_variance = np.ones(num_features)
        self.dgamma: NDArray[np.float64] | None = None
        self.dbeta: NDArray[np.float64] | None = None
        self._cache: tuple[FloatArray, FloatArray, bool] | None = None

    def _input(self, x: ArrayLike) -> FloatArray:
        x = as_float_array(x, "x")
        if x.ndim < 2 or x.shape[-1] != self.num_features:
            raise ValueError(
                f"x must have shape (batch, ..., {self.num_features}) with the features last; "
                f"got shape {x.shape}"
            )
        if x.shape[0] == 0:
            raise ValueError(f"x must not be empty; got shape {x.shape}")
        check_all_finite(x, "x")
        return x

    def forward(self, x: ArrayLike, training: bool) -> FloatArray:
        """Normalise ``x`` (features last); in training, also update the moving statistics."""
        x = self._input(x)
        check_bool(training, "training")
        axes = tuple(range(x.ndim - 1))
        if training:
            mean = np.mean(x, axis=axes)
            variance = np.mean(np.square(x - mean), axis=axes)
            m = self.momentum
            self.moving_mean = self.moving_mean * m + mean * (1.0 - m)
            self.moving_variance = self.moving_variance * m + variance * (1.0 - m)
        else:
            mean, variance = self.moving_mean, self.moving_variance
        inv_std = 1.0 / np.sqrt(variance + self.epsilon)
        x_hat = (x - mean) * inv_std
        self._cache = (x_hat, inv_std, training)
        return (x_hat * self.gamma + self.beta).astype(x.dtype, copy=False)

    def backward(self, grad_out: ArrayLike) -> FloatArray:
        r"""Gradient with respect to the last ``forward`` input; stores ``dgamma`` and ``dbeta``.

        In training mode the batch statistics depend on ``x``, which gives, over the $N$
        values of each feature,
        $\partial L/\partial x = \frac{\gamma}{N\sqrt{\sigma_B^2 + \epsilon}}
        \bigl(N g - \sum g - \hat{x} \sum g \hat{x}\bigr)$; at inference it is
        $\gamma g / \sqrt{\sigma^2 + \epsilon}$.
        """
        if self._cache is None:
            raise ValueError("call forward(x, training) before backward(grad_out)")
        x_hat, inv_std, training = self._cache
        grad = as_float_array(grad_out, "grad_out")
        if grad.shape != x_hat.shape:
            raise ValueError(
                f"grad_out must have the shape of the forward output, {x_hat.shape}; "
                f"got shape {grad.shape}"
            )
        axes = tuple(range(grad.ndim - 1))
        sum_grad = np.sum(grad, axis=axes)
        sum_grad_xhat = np.sum(grad * x_hat, axis=axes)
        self.dbeta, self.dgamma = sum_grad, sum_grad_xhat
        if not training:
            return (grad * (self.gamma * inv_std)).astype(grad.dtype, copy=False)
        n = x_hat.size // x_hat.shape[-1]
        grad_in = (self.gamma * inv_std / n) * (n * grad - sum_grad - x_hat * sum_grad_xhat)
        return grad_in.astype(grad.dtype, copy=False)
