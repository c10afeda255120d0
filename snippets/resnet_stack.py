"""A deep fully connected network with or without identity shortcuts, in NumPy (dlref.math).

Layer 1 maps the 64 pixels to `width` units; then come `blocks` blocks of two Dense layers,
h <- relu(F(h)) (plain) or h <- relu(h + F(h)) (residual); a last Dense layer gives 10 logits.
"""

import numpy as np

from dlref.math import relu, relu_grad, softmax
from dlref.math.layers import Dense


class Stack:
    def __init__(self, blocks, residual, width=32, seed=0):
        rng = np.random.default_rng(seed)
        self.residual = residual
        self.first = Dense(64, width, "relu", rng)
        self.pairs = [
            (Dense(width, width, "relu", rng), Dense(width, width, "linear", rng))
            for _ in range(blocks)
        ]
        self.last = Dense(width, 10, "linear", rng)

    @property
    def layers(self):  # input side first
        return [self.first, *(d for pair in self.pairs for d in pair), self.last]

    def forward(self, x):
        h = self.first.forward(x)
        self.sums = []
        for d1, d2 in self.pairs:
            s = d2.forward(d1.forward(h)) + (h if self.residual else 0)
            self.sums.append(s)
            h = relu(s)
        return self.last.forward(h)

    def backward(self, grad_logits):
        g = self.last.backward(grad_logits)
        for (d1, d2), s in zip(reversed(self.pairs), reversed(self.sums), strict=True):
            g = g * relu_grad(s)  # through the ReLU after the sum
            g = d1.backward(d2.backward(g)) + (g if self.residual else 0)  # F path + shortcut
        self.first.backward(g)

    def loss_and_grads(self, x, y):
        """Mean cross-entropy; fills every layer's dW and db."""
        p = softmax(self.forward(x))
        n = len(y)
        loss = -np.mean(np.log(p[np.arange(n), y] + 1e-12))
        grad = p.copy()
        grad[np.arange(n), y] -= 1
        self.backward(grad / n)
        return loss
