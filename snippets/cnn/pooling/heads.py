import keras
import numpy as np


def classifier(pool: bool, head: str) -> keras.Sequential:
    """Two 3×3 convolutions on 32×32×3 images, then a 10-class head."""
    layers = [
        keras.Input((32, 32, 3)),
        keras.layers.Conv2D(32, 3, padding="same", activation="relu"),
    ]
    layers += [keras.layers.MaxPooling2D(2)] if pool else []
    layers += [keras.layers.Conv2D(64, 3, padding="same", activation="relu")]
    layers += [keras.layers.MaxPooling2D(2)] if pool else []
    layers += [
        keras.layers.Flatten() if head == "flatten" else keras.layers.GlobalAveragePooling2D()
    ]
    layers += [keras.layers.Dense(10, activation="softmax")]
    return keras.Sequential(layers)


print("model                         features      head params  total params")
for name, pool, head in [
    ("no pooling, Flatten", False, "flatten"),
    ("2 max pools, Flatten", True, "flatten"),
    ("2 max pools, global average", True, "gap"),
]:
    model = classifier(pool, head)
    features = model.layers[-2].input.shape[1:]  # what reaches the head
    print(
        f"{name:<29} {features!s:<13} {model.layers[-1].count_params():>11}"
        f"  {model.count_params():>12}"
    )

x = np.random.default_rng(0).normal(size=(2, 8, 8, 64)).astype("float32")
gap = keras.ops.convert_to_numpy(keras.layers.GlobalAveragePooling2D()(x))
print("GlobalAveragePooling2D = mean over height and width:", np.allclose(gap, x.mean(axis=(1, 2))))
