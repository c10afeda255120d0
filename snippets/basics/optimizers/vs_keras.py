import keras
import numpy as np

from dlref.math import SGD, AdaGrad, Adam, RMSProp

settings = {
    "SGD + momentum": (SGD(0.05, momentum=0.9), keras.optimizers.SGD(0.05, momentum=0.9)),
    "SGD + Nesterov": (
        SGD(0.05, momentum=0.9, nesterov=True),
        keras.optimizers.SGD(0.05, momentum=0.9, nesterov=True),
    ),
    "AdaGrad": (AdaGrad(0.1), keras.optimizers.Adagrad(0.1)),
    "RMSProp": (RMSProp(0.01), keras.optimizers.RMSprop(0.01)),
    "Adam": (Adam(0.01), keras.optimizers.Adam(0.01)),
}
rng = np.random.default_rng(0)
start = rng.normal(size=(3, 4)).astype("float32")
gradients = rng.normal(size=(50, 3, 4)).astype("float32")  # the same 50 gradients for both

for name, (ours, theirs) in settings.items():
    mine = start.copy()
    variable = keras.Variable(start.copy())
    for g in gradients:
        ours.step([mine], [g])
        theirs.apply_gradients([(keras.ops.convert_to_tensor(g), variable)])
    error = np.max(np.abs(mine - keras.ops.convert_to_numpy(variable)))
    print(f"{name:<15} 50 steps, max |dlref - keras| < 1e-5: {error < 1e-5}")
