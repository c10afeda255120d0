import keras
import numpy as np

from dlref.math import dropout

rate = 0.3
x = np.ones((1000, 100), dtype="float32")

ours, kept = dropout(x, rate, training=True, rng=0)
layer = keras.layers.Dropout(rate, seed=0)
theirs = keras.ops.convert_to_numpy(layer(x, training=True))
for name, out in (("dlref.math.dropout", ours), ("keras Dropout", theirs)):
    print(
        f"{name:<18} training: kept {np.mean(out > 0):.3f}, values {np.unique(out).round(4)}, "
        f"mean {out.mean():.3f}"
    )

# inference (training=False, also what predict() and evaluate() use): nothing is dropped
print(
    "dlref  training=False is the identity:", np.array_equal(dropout(x, rate, training=False)[0], x)
)
print("keras  training=False is the identity:", np.array_equal(layer(x, training=False), x))
