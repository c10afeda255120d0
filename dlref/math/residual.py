"""A deep fully connected network with or without identity shortcuts, in NumPy.

The first layer maps the inputs to ``width`` units; then come ``blocks`` blocks of two Dense
layers, ``h <- relu(F(h))`` (plain) or ``h <- relu(h + F(h))`` (residual); a last Dense layer
gives the logits. The backward pass adds the gradient of the shortcut to that of ``F``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validate import as_2d, check_bool, check_int
from dlref.math.activations import relu, relu_grad, softmax
from dlref.math.layers import Dense

FloatArray = NDArray[np.floating]


class DenseStack:
    """Plain or residual stack of Dense blocks under a softmax cross-entropy loss.

    Args:
        blocks: Number of two-layer blocks between the first and the last layer (>= 0).
        residual: Add the identity shortcut around each block when True.
        n_inputs: Input features.
        n_classes: Logits of the last layer.
        width: Units of every hidden layer.
        seed: Seed of the Glorot-uniform initialisation of every layer.
    """

    def __init__(
        self,
        blocks: int,
        residual: bool,
        *,
        n_inputs: int = 64,
        n_classes: int = 10,
        width: int = 32,
        seed: int = 0,
    ) -> None:
        check_int(blocks, "blocks", minimum=0)
        check_bool(residual, "residual")
        rng = np.random.default_rng(check_int(seed, "seed", minimum=0))
        width = check_int(width, "width", minimum=1)
        self.residual = residual
        self.first = Dense(check_int(n_inputs, "n_inputs", minimum=1), width, "relu", rng)
        self.pairs = [
            (Dense(width, width, "relu", rng), Dense(width, width, "linear", rng))
            for _ in range(blocks)
        ]
        self.last = Dense(width, check_int(n_classes, "n_classes", minimum=2), "linear", rng)
        self.sums: list[FloatArray] = []

    @property
    def layers(self) -> list[Dense]:
        """Every Dense layer, input side first."""
        return [self.first, *(d for pair in self.pairs for d in pair), self.last]

    def forward(self, x: ArrayLike) -> FloatArray:
        """Logits for a batch ``x`` of shape ``(n, n_inputs)``."""
        h = self.first.forward(as_2d(x, "x", columns=self.first.n_inputs))
        self.sums = []
        for d1, d2 in self.pairs:
            s = d2.forward(d1.forward(h)) + (h if self.residual else 0)
            self.sums.append(s)
            h = relu(s)
        return self.last.forward(h)

    def backward(self, grad_logits: FloatArray) -> None:
        """Fill every layer's ``dW`` and ``db`` from the gradient of the loss at the logits."""
        g = self.last.backward(grad_logits)
        for (d1, d2), s in zip(reversed(self.pairs), reversed(self.sums), strict=True):
            g = g * relu_grad(s)  # through the ReLU after the sum
            g = d1.backward(d2.backward(g)) + (g if self.residual else 0)  # F path + shortcut
        self.first.backward(g)

    def loss_and_grads(self, x: ArrayLike, y: ArrayLike) -> float:
        """Mean cross-entropy of integer labels ``y``; fills every layer's ``dW`` and ``db``."""
        labels = np.asarray(y)
        p = softmax(self.forward(x))
        n = len(labels)
        if labels.shape != (p.shape[0],) or labels.dtype.kind not in "iu":
            raise ValueError(f"y must be {p.shape[0]} integer labels; got shape {labels.shape}")
        loss = float(-np.mean(np.log(p[np.arange(n), labels] + 1e-12)))
        grad = p.copy()
        grad[np.arange(n), labels] -= 1
        self.backward(grad / n)
        return loss


__all__ = ["DenseStack"]
