import keras
import numpy as np
from matplotlib.figure import Figure

from dlref.data import load_digits
from dlref.models import lenet5, resnet_small, vgg
from dlref.plot import save_figure

keras.config.set_floatx("float64")  # float32 kernels differ between CPUs; training amplifies it
data = load_digits(image=True)  # the fixed split: 1257 training, 270 validation, 270 test images
x_train, x_val, x_test = (x.astype("float64") for x in (data.x_train, data.x_val, data.x_test))
assert (len(x_train), len(x_val), len(x_test)) == (1257, 270, 270)


def macs(model):
    """Multiply-accumulate operations per image of the Conv2D and Dense layers."""
    total = 0
    for layer in model.layers:
        if isinstance(layer, keras.layers.Conv2D):  # one per weight per output position
            _, height, width, c_out = layer.output.shape
            k_h, k_w = layer.kernel_size
            total += height * width * k_h * k_w * layer.input.shape[-1] * c_out
        elif isinstance(layer, keras.layers.Dense):
            total += layer.input.shape[-1] * layer.units
    return total


builders = {
    # the modern LeNet (ReLU, max pooling) with 3×3 'same' kernels, sized for 8×8 inputs
    "LeNet": lambda: lenet5(
        (8, 8, 1), 10, activation="relu", pooling="max", kernel_size=3, padding="same"
    ),
    "VGG": lambda: vgg([8, 8, "M", 16, 16, "M"], (8, 8, 1), 10, classifier_units=64),
    "ResNet": lambda: resnet_small((8, 8, 1), 10, widths=(8, 16), bn_momentum=0.9),
}
results, curves = {}, {}
print("model   parameters   MACs/image   test acc.   train acc.")
for name, build in builders.items():
    keras.utils.set_random_seed(0)  # the same initialisation stream and mini-batch order for all
    model = build()
    model.compile(
        optimizer=keras.optimizers.Adam(4e-3),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
        jit_compile=False,
    )
    history = model.fit(
        x_train, data.y_train, epochs=5, batch_size=64, validation_data=(x_val, data.y_val),
        verbose=0,
    )  # fmt: skip
    test = model.evaluate(x_test, data.y_test, batch_size=270, verbose=0)[1]
    train = model.evaluate(x_train, data.y_train, batch_size=1257, verbose=0)[1]
    params = sum(int(np.prod(w.shape)) for w in model.weights)
    assert params == model.count_params()
    results[name] = params, macs(model), test, train
    curves[name] = history.history["val_accuracy"]
    print(f"{name:<7} {params:>10,} {results[name][1]:>12,} {test:>11.3f} {train:>12.3f}")

p, m, test, train = ({k: row[i] for k, row in results.items()} for i in range(4))
assert p["ResNet"] < p["VGG"] < p["LeNet"] and m["ResNet"] > m["VGG"] > m["LeNet"]
assert all(test[k] > 0.85 for k in results)  # chance is 0.10
assert test["ResNet"] > max(test["LeNet"], test["VGG"]) + 0.01
assert train["ResNet"] > max(train["LeNet"], train["VGG"]) + 0.01
assert all(train[k] > test[k] for k in results)

fig = Figure(figsize=(6.4, 3.4), layout="constrained")
ax = fig.subplots()
for name, accuracy in curves.items():
    ax.plot(range(1, len(accuracy) + 1), accuracy, marker="o", markersize=3, label=name)
ax.set_xlabel("epoch")
ax.set_ylabel("validation accuracy")
ax.grid(alpha=0.3)
ax.legend(fontsize="small")
save_figure(fig, "cnn-training-curves.svg")
