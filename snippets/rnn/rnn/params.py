import keras

features, units = 3, 8
layer = keras.layers.SimpleRNN(units)
keras.Sequential([keras.Input((None, features)), layer])  # None: any sequence length

for weight in layer.weights:
    print(f"{weight.name:<17} {tuple(weight.shape)}")
formula = units * (features + units + 1)  # W_x, W_h and b
print("count_params():", layer.count_params(), "| u(d + u + 1):", formula)

# a plain RNN has one block of weights; an LSTM stacks four (input, forget, cell, output)
lstm = keras.layers.LSTM(units)
lstm.build((None, None, features))
print("LSTM kernel:", tuple(lstm.weights[0].shape), "| LSTM count_params():", lstm.count_params())
