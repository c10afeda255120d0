import numpy as np
import tensorflow as tf

# a = D's logit for a generated sample, so D(G(z)) = sigmoid(a).
a = tf.constant([-6.0, -3.0, 0.0, 3.0])
with tf.GradientTape(persistent=True) as tape:
    tape.watch(a)
    d = tf.sigmoid(a)
    minimax = tf.math.log(1.0 - d)  # the generator minimises this in the minimax game
    non_saturating = -tf.math.log(d)  # the loss GAN.train_step minimises instead
grad_minimax = tape.gradient(minimax, a).numpy()
grad_non_saturating = tape.gradient(non_saturating, a).numpy()

s = 1.0 / (1.0 + np.exp(-a.numpy()))
np.testing.assert_allclose(grad_minimax, -s, rtol=1e-5)  # d/da log(1 - sigmoid(a))
np.testing.assert_allclose(grad_non_saturating, s - 1.0, rtol=1e-5)  # d/da -log sigmoid(a)

print("   D(G(z))  d/da log(1-D)  d/da -log D")
for di, g1, g2 in zip(s, grad_minimax, grad_non_saturating, strict=True):
    print(f"{di:9.4f} {g1:14.4f} {g2:12.4f}")
