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


def correct(model, x, y):
    """How many of the images x the model classifies correctly."""
    probabilities = keras.ops.convert_to_numpy(model(x, training=False))
    return int(np.sum(probabilities.argmax(axis=1) == y))


class ValidationCounts(keras.callbacks.Callback):
    """Records how many validation images are classified correctly after every epoch."""

    def on_train_begin(self, logs=None):
        self.counts = []

    def on_epoch_end(self, epoch, logs=None):
        self.counts.append(correct(self.model, x_val, data.y_val))


builders = {
    # the modern LeNet (ReLU, max pooling) with 3×3 'same' kernels, sized for 8×8 inputs
    "LeNet": lambda: lenet5(
        (8, 8, 1), 10, activation="relu", pooling="max", kernel_size=3, padding="same"
    ),
    "VGG": lambda: vgg([8, 8, "M", 16, 16, "M"], (8, 8, 1), 10, classifier_units=64),
    "ResNet": lambda: resnet_small((8, 8, 1), 10, widths=(8, 16), bn_momentum=0.9),
}
runs = (0, 1, 2)  # run r uses the random seed r: initial weights and mini-batch order
size, test, train, curves = {}, {}, {}, {}
for name, build in builders.items():
    model = build()
    model.compile(
        optimizer=keras.optimizers.Adam(4e-3), loss="sparse_categorical_crossentropy",
        jit_compile=False,
    )  # fmt: skip
    model.optimizer.build(model.trainable_variables)
    optimizer_start = [keras.ops.convert_to_numpy(v) for v in model.optimizer.variables]
    params = sum(int(np.prod(w.shape)) for w in model.weights)
    assert params == model.count_params()
    size[name] = params, macs(model)
    for run in runs:
        # Each run starts from a new model's initial weights and the optimizer's initial state,
        # put into the compiled model: that saves tracing the training step again for every run.
        keras.utils.set_random_seed(run)
        model.set_weights(build().get_weights())
        for variable, value in zip(model.optimizer.variables, optimizer_start, strict=True):
            variable.assign(value)
        counts = ValidationCounts()
        model.fit(x_train, data.y_train, epochs=5, batch_size=64, verbose=0, callbacks=[counts])
        test[name, run] = correct(model, x_test, data.y_test)
        train[name, run] = correct(model, x_train, data.y_train)
        curves[name, run] = counts.counts

print("run 0   parameters   MACs/image   test correct        training correct")
for name, (params, n_macs) in size.items():
    right, seen = test[name, 0], train[name, 0]
    print(f"{name:<7} {params:>10,} {n_macs:>12,}   {right:>3} of 270 ({right / 270:.3f})"
          f"   {seen:>4} of 1257 ({seen / 1257:.3f})")  # fmt: skip
print("test images correct (of 270) after 5 epochs, runs 0, 1, 2:")
for name in builders:
    print(f"  {name:<7}", *(f"{test[name, run]:>4}" for run in runs))
print("validation images correct (of 270) after 1 epoch, runs 0, 1, 2:")
for name in builders:
    print(f"  {name:<7}", *(f"{curves[name, run][0]:>4}" for run in runs))

(p_lenet, m_lenet), (p_vgg, m_vgg), (p_resnet, m_resnet) = size.values()
assert p_resnet < p_vgg < p_lenet and m_resnet > m_vgg > m_lenet
for run in runs:
    assert min(test[k, run] for k in builders) > 0.85 * 270  # chance is 0.10
    # in every run the ResNet is ahead after 5 epochs: 5 test images, 0.01 in training accuracy
    assert test["ResNet", run] >= max(test["LeNet", run], test["VGG", run]) + 5
    assert train["ResNet", run] > max(train["LeNet", run], train["VGG", run]) + 0.01 * 1257
    # after 1 epoch the order is reversed: LeNet first, ResNet last on the validation images
    lenet, vgg_, resnet = (curves[k, run][0] for k in builders)
    assert lenet > vgg_ + 0.05 * 270 and vgg_ > resnet + 0.05 * 270
assert any(test["LeNet", r] > test["VGG", r] for r in runs)  # LeNet and VGG change places
assert any(test["VGG", r] > test["LeNet", r] for r in runs)
assert all(0.02 < train[k, 0] / 1257 - test[k, 0] / 270 < 0.05 for k in builders)

fig = Figure(figsize=(6.4, 3.4), layout="constrained")
ax = fig.subplots()
for (name, run), counts in curves.items():
    color = f"C{list(builders).index(name)}"
    ax.plot(range(1, len(counts) + 1), np.array(counts) / 270, color=color, marker="o",
            markersize=3 if run == 0 else 0, linewidth=1.5 if run == 0 else 0.8,
            alpha=1.0 if run == 0 else 0.5, label=name if run == 0 else None)  # fmt: skip
ax.set_xlabel("epoch")
ax.set_ylabel("validation accuracy")
ax.set_xticks(range(1, 6))
ax.grid(alpha=0.3)
ax.legend(fontsize="small", title="run 0 (thin: runs 1, 2)", title_fontsize="small")
save_figure(fig, "cnn-training-curves.svg")
