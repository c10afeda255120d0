import keras
import numpy as np

keras.config.set_floatx("float64")
# The gradient through L linear layers is multiplied by W^T at every layer (an RNN multiplies by
# the same recurrent matrix at every time step). W = a Q with Q orthogonal has spectral norm a.
rng = np.random.default_rng(0)
Q, _ = np.linalg.qr(rng.normal(size=(64, 64)))
g_top = rng.normal(size=64)
for a in (0.9, 1.0, 1.1):
    g = g_top.copy()
    for _ in range(50):
        g = (a * Q).T @ g
    growth = np.linalg.norm(g) / np.linalg.norm(g_top)
    print(f"spectral norm {a}: gradient norm x {growth:.3g} after 50 layers, a^50 = {a**50:.3g}")
    assert np.isclose(growth, a**50)

# Clipping by global norm: g <- g min(1, c / ||g||), with ||g|| over all gradients together.
grads = [rng.normal(size=(4, 3)) * 30, rng.normal(size=3)]
c = 1.0
total = np.sqrt(sum(np.sum(g**2) for g in grads))
ours = [g * min(1.0, c / total) for g in grads]
weights = [keras.Variable(np.zeros_like(g)) for g in grads]
optimizer = keras.optimizers.SGD(learning_rate=1.0, global_clipnorm=c)
optimizer.apply_gradients(zip(grads, weights, strict=True))
theirs = [-keras.ops.convert_to_numpy(w) for w in weights]  # one SGD step of rate 1: -clipped g
print(f"norm before clipping {total:.1f}, after {np.sqrt(sum(np.sum(g**2) for g in ours)):.1f}")
same = all(np.allclose(a, b, rtol=0, atol=1e-12) for a, b in zip(ours, theirs, strict=True))
print(f"clip by global norm by hand equals Keras's global_clipnorm step: {same}")
assert same
