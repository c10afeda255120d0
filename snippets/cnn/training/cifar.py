import tempfile

import keras

from dlref.data import CIFAR10_FILES, cifar10_dir, load_cifar10, write_cifar10_fixture
from dlref.models import lenet5, resnet_small, vgg

keras.config.set_floatx("float64")  # float32 kernels differ between CPUs; training amplifies it
have_real_data = all((cifar10_dir() / name).is_file() for name in CIFAR10_FILES)
with tempfile.TemporaryDirectory() as scratch:  # nothing is downloaded, ever
    folder = cifar10_dir() if have_real_data else write_cifar10_fixture(scratch)
    cifar = load_cifar10(folder, scale=True)  # float32 in [0, 1]; the models cast each batch
shape = cifar.x_train.shape[1:]
print("real CIFAR-10" if have_real_data else "CIFAR-format fixture (random pixels)")
print("train", cifar.x_train.shape, " test", cifar.x_test.shape)

builders = {
    "LeNet": lambda: lenet5(
        shape, 10, activation="relu", pooling="max", kernel_size=3, padding="same"
    ),
    "VGG": lambda: vgg([8, 8, "M", 16, 16, "M"], shape, 10, classifier_units=64),
    "ResNet": lambda: resnet_small(shape, 10, widths=(8, 16), bn_momentum=0.9),
}
params = {}
for name, build in builders.items():
    keras.utils.set_random_seed(0)
    model = build()
    params[name] = model.count_params()
    line = f"{name:<7} {params[name]:>8,} parameters at {shape}"
    if have_real_data:  # on the fixture's random pixels an accuracy would mean nothing
        model.compile(optimizer=keras.optimizers.Adam(4e-3), loss="sparse_categorical_crossentropy",
                      metrics=["accuracy"])  # fmt: skip
        model.fit(cifar.x_train, cifar.y_train, epochs=30, batch_size=64, verbose=0)
        line += f", test accuracy {model.evaluate(cifar.x_test, cifar.y_test, verbose=0)[1]:.3f}"
    print(line)
assert params["LeNet"] > params["VGG"] > params["ResNet"]
