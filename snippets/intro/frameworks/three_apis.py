import keras
import numpy as np


def sequential_model() -> keras.Model:
    return keras.Sequential(
        [
            keras.Input((4,)),
            keras.layers.Dense(8, activation="relu"),
            keras.layers.Dense(3, activation="softmax"),
        ]
    )


def functional_model() -> keras.Model:
    inputs = keras.Input((4,))
    hidden = keras.layers.Dense(8, activation="relu")(inputs)
    outputs = keras.layers.Dense(3, activation="softmax")(hidden)
    return keras.Model(inputs, outputs)


class TinyNet(keras.Model):
    """The same network as a subclass: layers in __init__, the forward pass in call."""

    def __init__(self):
        super().__init__()
        self.hidden = keras.layers.Dense(8, activation="relu")
        self.out = keras.layers.Dense(3, activation="softmax")

    def call(self, x):
        return self.out(self.hidden(x))


x = np.random.default_rng(0).normal(size=(5, 4)).astype("float32")
models = {
    "Sequential": sequential_model(),
    "functional": functional_model(),
    "subclassed": TinyNet(),
}
models["subclassed"](x)  # a subclassed model creates its weights on the first call

by_formula = sum(n_in * n_out + n_out for n_in, n_out in [(4, 8), (8, 3)])
for name, model in models.items():
    print(f"{name:<11} parameters: {model.count_params()}")
print("formula (4*8 + 8) + (8*3 + 3) =", by_formula)

# Given the same weights, the three compute the same function.
weights = models["Sequential"].get_weights()
for model in models.values():
    model.set_weights(weights)
outputs = [model.predict(x, verbose=0) for model in models.values()]
print("same outputs:", all(np.allclose(outputs[0], o, atol=1e-6) for o in outputs))
