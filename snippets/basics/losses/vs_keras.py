import keras
import numpy as np

from dlref.math.activations import sigmoid, softmax
from dlref.math.losses import binary_cross_entropy, categorical_cross_entropy, huber, mae, mse

rng = np.random.default_rng(0)
y_reg, pred_reg = rng.normal(size=(32, 1)), rng.normal(scale=2.0, size=(32, 1))
y_bin, z_bin = rng.integers(0, 2, size=(32, 1)).astype(float), rng.normal(scale=3.0, size=(32, 1))
labels, z_cat = rng.integers(0, 5, size=32), rng.normal(scale=3.0, size=(32, 5))
one_hot = np.eye(5)[labels]
L = keras.losses
pairs = {
    "MSE": (mse(y_reg, pred_reg), L.MeanSquaredError()(y_reg, pred_reg)),
    "MAE": (mae(y_reg, pred_reg), L.MeanAbsoluteError()(y_reg, pred_reg)),
    "Huber δ=0.5": (huber(y_reg, pred_reg, delta=0.5), L.Huber(delta=0.5)(y_reg, pred_reg)),
    "BCE": (
        binary_cross_entropy(y_bin, sigmoid(z_bin)),
        L.BinaryCrossentropy()(y_bin, sigmoid(z_bin)),
    ),
    "BCE logits": (
        binary_cross_entropy(y_bin, z_bin, from_logits=True),
        L.BinaryCrossentropy(from_logits=True)(y_bin, z_bin),
    ),
    "CE one-hot": (
        categorical_cross_entropy(one_hot, softmax(z_cat)),
        L.CategoricalCrossentropy()(one_hot, softmax(z_cat)),
    ),
    "CE one-hot logits": (
        categorical_cross_entropy(one_hot, z_cat, from_logits=True),
        L.CategoricalCrossentropy(from_logits=True)(one_hot, z_cat),
    ),
    "CE integer logits": (
        categorical_cross_entropy(labels, z_cat, from_logits=True),
        L.SparseCategoricalCrossentropy(from_logits=True)(labels, z_cat),
    ),
}
for name, (ours, theirs) in pairs.items():
    theirs = float(theirs)
    agree = np.isclose(ours, theirs, rtol=1e-5)
    print(f"{name:<18} dlref {ours:8.4f}  keras {theirs:8.4f}  agree: {agree}")
