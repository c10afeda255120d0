r"""A dense layer and a multilayer perceptron with hand-written backpropagation, in NumPy.

A `Dense` layer computes $A = f(XW + b)$ for a batch $X$ of shape
``(n, n_inputs)``, with $W$ of shape ``(n_inputs, n_outputs)`` as in Keras. Given
$G = \partial L / \partial A$, its backward pass is $\delta = G \odot f'(Z)$,
$\partial L / \partial W = X^\top \delta$, $\partial L / \partial b = \sum_n \delta$
and $\partial L / \partial X = \delta W^\top$. `MLP` stacks such layers under a
softmax cross-entropy loss, whose gradient with respect to the logits is simply
$(\mathrm{softmax}(Z) - Y) / n$.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validate import (
    as_2d,
    as_float_array,
    check_choice,
    check_int,
    check_random_state,
    check_same_length,
)
from dlref.math.activations import relu, sigmoid, softmax, tanh
from dlref.math.losses import categorical_cross_entropy, categorical_cross_entropy_grad
from dlref.math.optimizers import SGD, Adam, Optimizer

FloatArray = NDArray[np.floating]

#: Activations a `Dense` layer accepts (names as in Keras).
DENSE_ACTIVATIONS = ("linear", "relu", "sigmoid", "tanh", "softmax")
#: Hidden-layer activations an `MLP` accepts.
HIDDEN_ACTIVATIONS = ("relu", "sigmoid", "tanh", "linear")

_FORWARD: dict[str, Callable[[FloatArray], FloatArray]] = {
    "linear": lambda z: z,
    "relu": relu,
    "sigmoid": sigmoid,
    "tanh": tanh,
    "softmax": softmax,
}


def _activation_backward(name: str, z: FloatArray, a: FloatArray, grad: FloatArray) -> FloatArray:
    r"""$\partial L/\partial Z$ from $G = \partial L/\partial A$, for ``A = f(Z)``."""
    if name == "linear":
        return grad
    if name == "relu":
        return grad * (z > 0)
    if name == "sigmoid":
        return grad * a * (1.0 - a)
    if name == "tanh":
        return grad * (1.0 - a * a)
    # softmax: the Jacobian-vector product s * (g - <g, s>), row by row
    return a * (grad - np.sum(grad * a, axis=-1, keepdims=True))


class Dense:
    r"""Fully connected layer $A = f(XW + b)$.

    ``W`` (``n_inputs`` x ``n_outputs``) starts Glorot-uniform, $U(-l, l)$ with
    $l = \sqrt{6 / (n_\text{in} + n_\text{out})}$, and ``b`` at 0, the Keras defaults.
    `forward` caches what `backward` needs; `backward` stores ``dW`` and ``db``
    and returns the gradient with respect to the input.
    """

    def __init__(
        self,
        n_inputs: int,
        n_outputs: int,
        activation: str = "linear",
        rng: np.random.Generator | int = 0,
    ) -> None:
        self.n_inputs = check_int(n_inputs, "n_inputs", minimum=1)
        self.n_outputs = check_int(n_outputs, "n_outputs", minimum=1)
        self.activation = check_choice(activation, "activation", DENSE_ACTIVATIONS)
        limit = math.sqrt(6.0 / (self.n_inputs + self.n_outputs))
        self.W = check_random_state(rng, "rng").uniform(
            -limit, limit, size=(self.n_inputs, self.n_outputs)
        )
        self.b = np.zeros(self.n_outputs)
        self.dW: NDArray[np.float64] | None = None
        self.db: NDArray[np.float64] | None = None
        self._cache: tuple[FloatArray, FloatArray, FloatArray] | None = None

    @property
    def params(self) -> list[NDArray[np.float64]]:
        """``[W, b]``: the arrays themselves, which optimizers update in place."""
        return [self.W, self.b]

    @property
    def grads(self) -> list[NDArray[np.float64]]:
        """``[dW, db]`` from the last `backward`."""
        if self.dW is None or self.db is None:
            raise ValueError("no gradients yet: call forward(x) and backward(grad_out) first")
        return [self.dW, self.db]

    def forward(self, x: ArrayLike) -> FloatArray:
        """Output $f(xW + b)$ for a batch ``x`` of shape ``(n, n_inputs)``."""
        x = as_float_array(x, "x")
        if x.ndim != 2 or x.shape[1] != self.n_inputs:
            raise ValueError(f"x must have shape (n_samples, {self.n_inputs}); got shape {x.shape}")
        z = x @ self.W + self.b
        a = _FORWARD[self.activation](z)
        self._cache = (x, z, a)
        return a

    def backward(self, grad_out: ArrayLike) -> FloatArray:
        """Gradient with respect to the last input, from ``grad_out`` = dL/d(output)."""
        if self._cache is None:
            raise ValueError("call forward(x) before backward(grad_out)")
        x, z, a = self._cache
        grad = as_float_array(grad_out, "grad_out")
        if grad.shape != a.shape:
            raise ValueError(
                f"grad_out must have the shape of the layer's output, {a.shape}; "
                f"got shape {grad.shape}"
            )
        delta = _activation_backward(self.activation, z, a, grad)
        self.dW = x.T @ delta
        self.db = np.sum(delta, axis=0)
        return delta @ self.W.T


def _class_labels(y: ArrayLike, n_classes: int) -> NDArray[np.intp]:
    labels = np.asarray(y)
    if labels.ndim != 1:
        raise ValueError(f"y must be 1-D (n_samples,) class labels; got shape {labels.shape}")
    if labels.dtype.kind not in "iu":
        raise TypeError(f"y must hold integer class labels 0..{n_classes - 1}; got {labels.dtype}")
    if labels.size and (labels.min() < 0 or labels.max() >= n_classes):
        raise ValueError(
            f"y must hold class labels in [0, {n_classes}); got values from {labels.min()} "
            f"to {labels.max()}"
        )
    return labels.astype(np.intp, copy=False)


class MLP:
    """Multilayer perceptron classifier: dense hidden layers, softmax cross-entropy output.

    ``layer_sizes`` lists every width, input and output included: ``(64, 32, 10)`` has 64
    inputs, one hidden layer of 32 units with ``activation`` and 10 output logits (classes).
    Weights are drawn from ``seed``; `fit` shuffles with the same generator, so a run
    is reproducible. The model can predict before `fit` (with its random weights), as a
    Keras model can, and `fit` continues from the current weights.
    """

    def __init__(self, layer_sizes: Sequence[int], activation: str = "relu", seed: int = 0) -> None:
        if (
            isinstance(layer_sizes, (str, bytes))
            or np.ndim(layer_sizes) != 1
            or len(layer_sizes) < 2
        ):
            raise ValueError(
                "layer_sizes must list at least the input and output widths, e.g. (64, 32, 10); "
                f"got {layer_sizes!r}"
            )
        sizes = [check_int(s, f"layer_sizes[{i}]", minimum=1) for i, s in enumerate(layer_sizes)]
        if sizes[-1] < 2:
            raise ValueError(f"layer_sizes[-1] (classes) must be >= 2; got {sizes[-1]}")
        self.layer_sizes = tuple(sizes)
        self.activation = check_choice(activation, "activation", HIDDEN_ACTIVATIONS)
        self.seed = check_int(seed, "seed", minimum=0)
        self._rng = np.random.default_rng(self.seed)
        last = len(sizes) - 2
        self.layers = [
            Dense(n_in, n_out, "linear" if i == last else activation, self._rng)
            for i, (n_in, n_out) in enumerate(itertools.pairwise(sizes))
        ]
        #: Mean training loss of each epoch run by `fit`.
        self.loss_history: list[float] = []

    @property
    def n_classes(self) -> int:
        return self.layer_sizes[-1]

    @property
    def params(self) -> list[NDArray[np.float64]]:
        """``[W1, b1, W2, b2, ...]``: the arrays themselves (Keras's ``get_weights`` order)."""
        return [p for layer in self.layers for p in layer.params]

    def _forward(self, X: FloatArray) -> FloatArray:
        out = X
        for layer in self.layers:
            out = layer.forward(out)
        return out

    def _backward(self, grad_logits: FloatArray) -> list[NDArray[np.float64]]:
        grad = grad_logits
        for layer in reversed(self.layers):
            grad = layer.backward(grad)
        return [g for layer in self.layers for g in layer.grads]

    def _data(self, X: ArrayLike, y: ArrayLike | None = None) -> tuple[FloatArray, NDArray | None]:
        X = as_2d(X, "X", columns=self.layer_sizes[0])
        if y is None:
            return X, None
        labels = _class_labels(y, self.n_classes)
        check_same_length(X, labels)
        return X, labels

    def logits(self, X: ArrayLike) -> FloatArray:
        """Output-layer values before the softmax, shape ``(n_samples, n_classes)``."""
        X, _ = self._data(X)
        return self._forward(X)

    def loss(self, X: ArrayLike, y: ArrayLike) -> float:
        """Mean softmax cross-entropy of integer labels ``y`` (no weights change)."""
        X, y = self._data(X, y)
        return categorical_cross_entropy(y, self._forward(X), from_logits=True)

    def loss_and_gradients(
        self, X: ArrayLike, y: ArrayLike
    ) -> tuple[float, list[NDArray[np.float64]]]:
        """Mean loss on ``(X, y)`` and its gradients by backprop, in the order of `params`."""
        X, y = self._data(X, y)
        return self._loss_and_gradients(X, y)

    def _loss_and_gradients(
        self, X: FloatArray, y: NDArray[np.intp]
    ) -> tuple[float, list[NDArray[np.float64]]]:
        logits = self._forward(X)
        loss = categorical_cross_entropy(y, logits, from_logits=True)
        grads = self._backward(categorical_cross_entropy_grad(y, logits, from_logits=True))
        return loss, grads

    def fit(
        self,
        X: ArrayLike,
        y: ArrayLike,
        epochs: int = 20,
        batch_size: int = 32,
        learning_rate: float | None = None,
        optimizer: str | Optimizer = "adam",
    ) -> MLP:
        """Train with mini-batches, reshuffled each epoch, and backprop.

        ``optimizer`` is ``"adam"`` (learning rate 0.001 unless given), ``"sgd"`` (0.01 unless
        given) or an `Optimizer`, which brings its own learning rate
        (leave ``learning_rate`` as None). Appends each epoch's mean loss to `loss_history`.
        """
        X, y = self._data(X, y)
        epochs = check_int(epochs, "epochs", minimum=1)
        batch_size = check_int(batch_size, "batch_size", minimum=1)
        optimizer = self._optimizer(optimizer, learning_rate)
        params = self.params
        n = X.shape[0]
        for _ in range(epochs):
            order = self._rng.permutation(n)
            total = 0.0
            for start in range(0, n, batch_size):
                batch = order[start : start + batch_size]
                loss, grads = self._loss_and_gradients(X[batch], y[batch])
                optimizer.step(params, grads)
                total += loss * batch.size
            self.loss_history.append(total / n)
        return self

    @staticmethod
    def _optimizer(optimizer: str | Optimizer, learning_rate: float | None) -> Optimizer:
        if isinstance(optimizer, Optimizer):
            if learning_rate is not None:
                raise ValueError(
                    "learning_rate must be None when optimizer is an Optimizer instance (it has "
                    f"its own); got learning_rate={learning_rate!r}"
                )
            return optimizer
        name = check_choice(optimizer, "optimizer", ("adam", "sgd"))
        if name == "adam":
            return Adam(0.001 if learning_rate is None else learning_rate)
        return SGD(0.01 if learning_rate is None else learning_rate)

    def predict_proba(self, X: ArrayLike) -> FloatArray:
        """Class probabilities, the softmax of `logits`, shape ``(n_samples, n_classes)``."""
        return softmax(self.logits(X))

    def predict(self, X: ArrayLike) -> NDArray[np.intp]:
        """Most probable class of each sample."""
        return np.argmax(self.logits(X), axis=1)

    def score(self, X: ArrayLike, y: ArrayLike) -> float:
        """Accuracy on ``(X, y)``."""
        X, y = self._data(X, y)
        return float(np.mean(np.argmax(self._forward(X), axis=1) == y))
