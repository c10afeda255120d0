import numpy as np

from dlref.data import load_digits
from dlref.math.activations import relu, softmax
from dlref.math.layers import Dense
from dlref.math.optimizers import Adam
from dlref.math.regularization import BatchNorm


class NormStack:
    """DenseStack with batch normalisation after every Dense layer but the last.

    First layer 64 -> 32, then blocks of Dense-BN-ReLU-Dense-BN (+ shortcut) and a ReLU, then a
    Dense layer with 10 logits. ``momentum=0.9``: the moving statistics follow a short run.
    """

    def __init__(self, blocks, residual, seed=0, width=32):
        rng = np.random.default_rng(seed)
        self.residual = residual
        self.first = (Dense(64, width, "linear", rng), BatchNorm(width, momentum=0.9))
        self.pairs = [
            [(Dense(width, width, "linear", rng), BatchNorm(width, momentum=0.9)) for _ in range(2)]
            for _ in range(blocks)
        ]
        self.last = Dense(width, 10, "linear", rng)
        self.normed = [self.first, *(layer for pair in self.pairs for layer in pair)]
        self.dense = [dense for dense, _ in self.normed] + [self.last]

    def forward(self, x, training=True):
        def normed(layer, h):
            dense, bn = layer
            return bn.forward(dense.forward(h), training)

        self.z0 = normed(self.first, x)
        h, self.cache = relu(self.z0), []
        for layer1, layer2 in self.pairs:
            a = normed(layer1, h)  # pre-activation inside the block
            s = normed(layer2, relu(a)) + (h if self.residual else 0)  # before the ReLU
            self.cache.append((a, s))
            h = relu(s)
        return self.last.forward(h)

    def backward(self, grad_logits):
        def normed(layer, g):
            dense, bn = layer
            return dense.backward(bn.backward(g))

        g = self.last.backward(grad_logits)
        for (layer1, layer2), (a, s) in zip(self.pairs[::-1], self.cache[::-1], strict=True):
            g = g * (s > 0)  # through the ReLU after the sum
            f = normed(layer1, normed(layer2, g) * (a > 0))  # through the block
            g = f + (g if self.residual else 0)  # F path + shortcut
        normed(self.first, g * (self.z0 > 0))

    def loss_and_grads(self, x, y):
        p = softmax(self.forward(x))
        n = len(y)
        grad = p.copy()
        grad[np.arange(n), y] -= 1
        self.backward(grad / n)
        return float(-np.mean(np.log(p[np.arange(n), y])))

    def params(self):
        return [p for d in self.dense for p in d.params] + [
            p for _, bn in self.normed for p in (bn.gamma, bn.beta)
        ]

    def grads(self):
        return [g for d in self.dense for g in d.grads] + [
            g for _, bn in self.normed for g in (bn.dgamma, bn.dbeta)
        ]


data = load_digits()
x, y = data.x_train.astype("float64"), data.y_train

# 1) at initialisation, with batch normalisation: no layer's gradient vanishes
net = NormStack(15, residual=False)
net.loss_and_grads(x[:256], y[:256])
norms = [np.linalg.norm(d.dW) for d in net.dense]
print(
    f"plain, 32 layers, BN: ‖∂L/∂W‖ first {norms[0]:.1e}, last {norms[-1]:.1e}, "
    f"smallest {min(norms):.1e}"
)
assert min(norms) > 0.1

# 2) the three networks of the previous experiment, now with BN, 12 epochs, two seeds
print("mean training loss of the 12th epoch   seed 0   seed 1")
final = {}
for blocks, residual in [(1, False), (15, False), (15, True)]:
    label = f"{'residual' if residual else 'plain'}, {2 * blocks + 2} layers, BN"
    for seed in (0, 1):
        net, rng = NormStack(blocks, residual, seed=seed), np.random.default_rng(seed)
        optimizer = Adam(1e-3)
        for _ in range(12):
            order, losses = rng.permutation(len(x)), []
            for start in range(0, len(x), 128):
                batch = order[start : start + 128]
                losses.append(net.loss_and_grads(x[batch], y[batch]))
                optimizer.step(net.params(), net.grads())
        final[label, seed] = np.mean(losses)
    # the deep plain network wanders around ln 10: its second decimal depends on the CPU's
    # rounding (BLAS kernels sum in different orders), so it is printed to one decimal
    digits = 1 if label == "plain, 32 layers, BN" else 2
    print(f"{label:<38}{final[label, 0]:>7.{digits}f}{final[label, 1]:>9.{digits}f}")

for seed in (0, 1):  # the deep plain network is far behind both others, with either seed
    plain4, plain32 = final["plain, 4 layers, BN", seed], final["plain, 32 layers, BN", seed]
    assert plain32 > plain4 + 1 and plain32 > final["residual, 32 layers, BN", seed] + 1
