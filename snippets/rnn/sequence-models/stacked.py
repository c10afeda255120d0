import keras

d, units = 3, (8, 5)  # input features; units of the first and the second layer


def gru_params(inputs, u):
    return 3 * u * (inputs + u + 1) + 3 * u  # reset_after=True adds a second bias


def lstm_params(inputs, u):
    return 4 * u * (inputs + u + 1)


for name, cell, count in (
    ("GRU", keras.layers.GRU, gru_params),
    ("LSTM", keras.layers.LSTM, lstm_params),
):
    model = keras.Sequential(
        [
            keras.Input((None, d)),
            cell(units[0], return_sequences=True),  # every state h_1..h_T goes up
            cell(units[1]),  # layer 2 reads the states of layer 1: its input size is units[0]
            keras.layers.Dense(1),
        ]
    )
    parts = [count(d, units[0]), count(units[0], units[1]), units[1] + 1]
    shapes = [tuple(layer.output.shape) for layer in model.layers]
    print(
        f"2-layer {name:<4} count_params() {model.count_params()} ="
        f" {' + '.join(map(str, parts))}; outputs {shapes}"
    )
    assert model.count_params() == sum(parts)
    assert [layer.count_params() for layer in model.layers] == parts

try:  # without return_sequences the second layer gets one vector per sequence, not a sequence
    keras.Sequential([keras.Input((None, d)), keras.layers.GRU(8), keras.layers.GRU(5)])
except ValueError as error:
    print("GRU(8) then GRU(5) without return_sequences:", type(error).__name__)
