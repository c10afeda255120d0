import itertools

import numpy as np

from dlref.math.perceptron import Perceptron

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
y_xor = np.array([0, 1, 1, 0])
model = Perceptron(max_epochs=50).fit(X, y_xor)
print("converged:", model.converged_)
print("mistakes in the last 5 epochs:", model.errors_per_epoch_[-5:])
print("final weights:", model.coef_, "bias:", model.intercept_)
print("accuracy of the final weights:", model.score(X, y_xor))

# Every line w1*x1 + w2*x2 + b = 0 on a grid of weights and biases.
grid = np.linspace(-2.0, 2.0, 17)
best = max(
    np.mean((X @ np.array([w1, w2]) + b > 0).astype(int) == y_xor)
    for w1, w2, b in itertools.product(grid, grid, grid)
)
print("best accuracy of any line on the grid:", best)
assert best == 0.75
