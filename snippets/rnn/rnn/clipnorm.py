import keras
import numpy as np

# an exploding gradient for two weights: norms 500 and 0.5
grads = [np.array([300.0, 400.0], "float32"), np.array([0.3, 0.4], "float32")]


def clipped_by_keras(**clip):
    weights = [keras.Variable(np.zeros(2, "float32")) for _ in grads]
    optimizer = keras.optimizers.SGD(learning_rate=1.0, **clip)  # step = -(clipped gradient)
    optimizer.apply_gradients(zip(grads, weights, strict=True))
    return [-keras.ops.convert_to_numpy(w) for w in weights]


settings = {"no clipping": {}, "clipnorm=1": {"clipnorm": 1.0}}
settings |= {"global_clipnorm=1": {"global_clipnorm": 1.0}, "clipvalue=1": {"clipvalue": 1.0}}
for name, clip in settings.items():
    steps = clipped_by_keras(**clip)
    print(f"{name:<18}" + "  ".join(f"{s.round(4)} (norm {np.linalg.norm(s):.3g})" for s in steps))

# by hand: g · min(1, c / ‖g‖), with ‖g‖ of each weight (clipnorm) or of all of them together
c = 1.0
per_weight = [g * min(1.0, c / np.linalg.norm(g)) for g in grads]
total = np.sqrt(sum(np.sum(g**2) for g in grads))
global_clip = [g * min(1.0, c / total) for g in grads]
for name, ours, clip in (
    ("clipnorm", per_weight, {"clipnorm": c}),
    ("global_clipnorm", global_clip, {"global_clipnorm": c}),
):
    same = all(np.allclose(a, b) for a, b in zip(ours, clipped_by_keras(**clip), strict=True))
    print(f"{name} by hand equals Keras: {same}")
