import keras
import numpy as np
import tensorflow as tf

from dlref.math import l1_grad, l1_penalty, l2_grad, l2_penalty

rng = np.random.default_rng(0)
w = rng.normal(size=(8, 4)).astype("float32")
lam = 0.01
for name, penalty, grad, reference in (
    ("L1", l1_penalty, l1_grad, keras.regularizers.L1(lam)),
    ("L2", l2_penalty, l2_grad, keras.regularizers.L2(lam)),
):
    variable = tf.Variable(w)
    with tf.GradientTape() as tape:
        value = reference(variable)
    same_value = np.isclose(penalty(w, lam), float(value), rtol=1e-5)
    same_grad = np.allclose(grad(w, lam), tape.gradient(value, variable), atol=1e-6)
    print(f"{name}: penalty equals keras {same_value}, gradient equals GradientTape {same_grad}")
