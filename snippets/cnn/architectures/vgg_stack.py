import keras

C = 64
two_3x3 = keras.Sequential([keras.layers.Conv2D(C, 3, padding="same") for _ in range(2)])
one_5x5 = keras.layers.Conv2D(C, 5, padding="same")
for layer in (two_3x3, one_5x5):
    layer.build((None, 32, 32, C))
print(f"two 3×3 convolutions: receptive field 5, {two_3x3.count_params():,} parameters")
print(f"one 5×5 convolution:  receptive field 5, {one_5x5.count_params():,} parameters")
