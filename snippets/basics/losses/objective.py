import keras
import numpy as np

from dlref.math.losses import mse
from dlref.math.regularization import l2_penalty

keras.utils.set_random_seed(0)  # the weights' initial values

rng = np.random.default_rng(0)
X = rng.normal(size=(64, 3)).astype("float32")
y = (X @ np.array([[1.0], [-2.0], [0.5]]) + 0.1 * rng.normal(size=(64, 1))).astype("float32")

lam = 0.01
model = keras.Sequential(
    [keras.Input((3,)), keras.layers.Dense(1, kernel_regularizer=keras.regularizers.L2(lam))]
)
model.compile(loss="mse")
reported = model.evaluate(X, y, verbose=0)  # the "loss" Keras shows during training

W = model.layers[0].kernel.numpy()
data_loss = mse(y, model.predict(X, verbose=0))
penalty = l2_penalty(W, lam)  # λ Σ w², Keras's L2 convention (no ½)
print(f"data loss {data_loss:.4f} + penalty {penalty:.4f} = {data_loss + penalty:.4f}")
print(f"Keras evaluate(): {reported:.4f}")
