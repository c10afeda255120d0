import keras
import numpy as np
import tensorflow as tf

rng = np.random.default_rng(0)
y_true = rng.normal(size=(32, 1)).astype("float32")
y_pred = tf.Variable(rng.normal(size=(32, 1)).astype("float32"))

grads = {}
for reduction in ("sum_over_batch_size", "sum"):  # Keras's default is the mean
    loss_fn = keras.losses.MeanSquaredError(reduction=reduction)
    with tf.GradientTape() as tape:
        loss = loss_fn(y_true, y_pred)
    grads[reduction] = tape.gradient(loss, y_pred).numpy()
    print(f"{reduction:<19}: loss {float(loss):8.3f}")
ratio = grads["sum"] / grads["sum_over_batch_size"]
print("gradient ratio sum / mean:", np.unique(ratio.round(4)))
