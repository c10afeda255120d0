import keras

d, u = 3, 8  # input features, units
block = u * (d + u + 1)  # one block: W (u×d), U (u×u), b (u)
layers = {
    "SimpleRNN": (keras.layers.SimpleRNN(u), block),
    "LSTM": (keras.layers.LSTM(u), 4 * block),
    "GRU (reset_after=True)": (keras.layers.GRU(u), 3 * block + 3 * u),
    "GRU (reset_after=False)": (keras.layers.GRU(u, reset_after=False), 3 * block),
}
for name, (layer, formula) in layers.items():
    layer.build((None, None, d))
    shapes = [tuple(w.shape) for w in layer.weights]
    print(f"{name:<24} {layer.count_params():>4} = {formula:<4} weights {shapes}")

# Keras' order of the LSTM blocks is i, f, c̃, o: unit_forget_bias=True sets the f block to 1
bias = keras.ops.convert_to_numpy(layers["LSTM"][0].weights[2]).reshape(4, u)
print("LSTM initial bias, mean of each block (i, f, c̃, o):", bias.mean(axis=1))
