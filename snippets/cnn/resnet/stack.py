"""The forward and backward passes of dlref.math.DenseStack, printed from the library itself."""

import inspect

import numpy as np

from dlref.math import DenseStack

print(inspect.getsource(DenseStack.forward))
print(inspect.getsource(DenseStack.backward))

net = DenseStack(blocks=3, residual=True)
logits = net.forward(np.zeros((5, 64)))
print("layers:", len(net.layers), "| logits shape:", logits.shape)
