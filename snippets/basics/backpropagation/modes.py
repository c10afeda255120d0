import numpy as np
import tensorflow as tf

rng = np.random.default_rng(0)
X = tf.constant(rng.normal(size=(32, 64)))
W = tf.Variable(rng.normal(scale=0.1, size=(64, 10)))
labels = rng.integers(0, 10, size=32)


def loss_fn():
    logits = X @ W
    return tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels, logits))


# Reverse mode: one forward pass, one backward pass -> all 640 partial derivatives
with tf.GradientTape() as tape:
    loss = loss_fn()
gradient = tape.gradient(loss, W)
print("reverse mode, one backward pass:", int(tf.size(gradient)), "partial derivatives")

# Forward mode: one pass gives one directional derivative ∇L · v (a Jacobian-vector product)
v = tf.constant(rng.normal(size=(64, 10)))
with tf.autodiff.ForwardAccumulator(primals=W, tangents=v) as acc:
    loss = loss_fn()
print("forward mode, one pass: ∇L·v =", round(float(acc.jvp(loss)), 6))
print("same from the reverse-mode gradient:", round(float(tf.reduce_sum(gradient * v)), 6))
print("forward-mode passes needed for the whole gradient:", int(tf.size(W)))
