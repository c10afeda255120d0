import numpy as np

from dlref.math.perceptron import neuron


def step(z):
    return (z > 0).astype(int)


inputs = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
gates = {"AND": ([1.0, 1.0], -1.5), "OR": ([1.0, 1.0], -0.5), "NAND": ([-1.0, -1.0], 1.5)}
for name, (w, b) in gates.items():
    print(f"{name:<5}", neuron(inputs, w, b, step))
