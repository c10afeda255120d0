import keras

from dlref.models import resnet, vgg

pairs = {
    "VGG16": (lambda: vgg("vgg16"), keras.applications.VGG16),
    "VGG19": (lambda: vgg("vgg19"), keras.applications.VGG19),
    "ResNet50": (lambda: resnet(50), keras.applications.ResNet50),
}
for name, (ours, reference) in pairs.items():
    # shapes only: no weight values are drawn, and weights=None downloads nothing
    with keras.StatelessScope(initialize_variables=False):
        a, b = ours().count_params(), reference(weights=None).count_params()
    keras.utils.clear_session()
    print(f"{name:<9} dlref {a:>11,}   keras.applications {b:>11,}   equal: {a == b}")
