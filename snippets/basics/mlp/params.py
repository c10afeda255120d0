from itertools import pairwise

import keras

sizes = [64, 32, 16, 10]  # 8×8 digit images in, 10 classes out
model = keras.Sequential(
    [keras.Input((sizes[0],))]
    + [keras.layers.Dense(n, activation="relu") for n in sizes[1:-1]]
    + [keras.layers.Dense(sizes[-1], activation="softmax")]
)
by_formula = sum((n_in + 1) * n_out for n_in, n_out in pairwise(sizes))
for layer in model.layers:
    kernel, bias = layer.get_weights()
    print(
        f"{layer.name:<8} W {kernel.shape!s:<9} b {bias.shape!s:<6} params {layer.count_params()}"
    )
print("Keras count_params():", model.count_params(), "| formula:", by_formula)
