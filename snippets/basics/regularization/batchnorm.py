import keras
import numpy as np

from dlref.math import BatchNorm

rng = np.random.default_rng(0)
# 4 features, strongly skewed (exponential) and far from mean 0 / variance 1
batch = (rng.exponential(size=(256, 4)) * [1, 10, 100, 1000] + 50).astype("float32")

ours, theirs = BatchNorm(4), keras.layers.BatchNormalization()
theirs.build(batch.shape)
for _ in range(5):  # five training steps: both update their moving statistics
    y_ours = ours.forward(batch, training=True)
    y_theirs = keras.ops.convert_to_numpy(theirs(batch, training=True))
print("training mode equals keras:", np.allclose(y_ours, y_theirs, atol=1e-3))
print(
    "inference mode equals keras:",
    np.allclose(ours.forward(batch, training=False), theirs(batch, training=False), atol=1e-3),
)


def skewness(a):
    return np.mean(((a - a.mean(0)) / a.std(0)) ** 3, axis=0)


print("batch output mean    ", y_ours.mean(0).round(3) + 0.0)  # + 0.0 turns -0.0 into 0.0
print("batch output variance", y_ours.var(0).round(3))
print("skewness before", skewness(batch).round(2), "after", skewness(y_ours).round(2))
print("moving mean after 5 steps", ours.moving_mean.round(1), "batch mean", batch.mean(0).round(1))
print(f"share of the way after 5 steps with momentum 0.99: {1 - 0.99**5:.3f}")

# In training a sample's output depends on the rest of its batch; at inference it does not.
sample, others = batch[:1], batch[1:8]
alone = BatchNorm(4)
alone.moving_mean, alone.moving_variance = batch.mean(0), batch.var(0)
a = alone.forward(np.vstack([sample, others]), training=True)[0]
b = alone.forward(np.vstack([sample, others * 2]), training=True)[0]
c = alone.forward(np.vstack([sample, others]), training=False)[0]
d = alone.forward(np.vstack([sample, others * 2]), training=False)[0]
print(
    "same sample, different batch-mates: training",
    np.allclose(a, b),
    "| inference",
    np.allclose(c, d),
)
