import numpy as np

from dlref.math.perceptron import Perceptron

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
y_xor = np.array([0, 1, 1, 0])
model = Perceptron(max_epochs=50).fit(X, y_xor)
print("converged:", model.converged_)
print("mistakes in the last 5 epochs:", model.errors_per_epoch_[-5:])
print("best it can do on XOR:", model.score(X, y_xor))
