import keras
from matplotlib.figure import Figure

from dlref.models import alexnet, googlenet, lenet5, resnet, vgg
from dlref.plot import save_figure

WEIGHT_LAYERS = (keras.layers.Conv2D, keras.layers.Dense)


def build(make, *args):
    """Build a model without filling in its weights: counting needs only their shapes."""
    with keras.StatelessScope(initialize_variables=False):
        return make(*args)


def depth(model):
    """Weight layers (Conv2D, Dense) on the longest path from the input to the output."""
    longest = {id(tensor): 0 for tensor in model.inputs}  # tensor -> weight layers behind it
    for layer in model.layers:  # in topological order: a layer comes after its inputs
        if isinstance(layer, keras.layers.InputLayer):
            continue
        behind = max(longest[id(tensor)] for tensor in keras.tree.flatten(layer.input))
        longest[id(layer.output)] = behind + isinstance(layer, WEIGHT_LAYERS)
    return max(longest[id(tensor)] for tensor in model.outputs)


def describe(model):
    kinds = [type(layer) for layer in model.layers]
    return {
        "depth": depth(model),
        "conv": kinds.count(keras.layers.Conv2D),
        "dense": kinds.count(keras.layers.Dense),
        "params": model.count_params(),
    }


MODELS = {  # name: (year, builder, arguments)
    "LeNet-5": (1998, lenet5, ()),
    "AlexNet": (2012, alexnet, ()),
    "VGG-16": (2014, vgg, ("vgg16",)),
    "VGG-19": (2014, vgg, ("vgg19",)),
    "GoogLeNet": (2014, googlenet, ()),
    "ResNet-18": (2015, resnet, (18,)),
    "ResNet-50": (2015, resnet, (50,)),
    "ResNet-152": (2015, resnet, (152,)),
}
rows = {}
print(f"{'model':<11}{'year':>5}{'depth':>6}{'conv':>5}{'dense':>6}{'parameters':>13}")
for name, (year, make, args) in MODELS.items():
    rows[name] = info = describe(build(make, *args))
    keras.utils.clear_session()
    print(
        f"{name:<11}{year:>5}{info['depth']:>6}{info['conv']:>5}{info['dense']:>6}"
        f"{info['params'] / 1e6:>12.2f}M"
    )

fig = Figure(figsize=(6.4, 3.6), layout="constrained")
ax = fig.subplots()
for name, info in rows.items():
    ax.scatter(info["depth"], info["params"] / 1e6, color="tab:blue")
    ax.annotate(
        name,
        (info["depth"], info["params"] / 1e6),
        xytext=(4, 4),
        textcoords="offset points",
        fontsize="small",
    )
ax.set_xscale("log")
ax.set_yscale("log")
ax.set_xlabel("depth (weight layers on the longest path, log scale)")
ax.set_ylabel("parameters, millions (log scale)")
ax.grid(alpha=0.3, which="both")
save_figure(fig, "cnn-architectures-params-depth.svg")
