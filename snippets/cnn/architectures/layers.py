import keras

from dlref.models import alexnet, lenet5

for make in (lenet5, alexnet):
    with keras.StatelessScope(initialize_variables=False):
        model = make()
    total = model.count_params()
    print(f"{model.name}: input {model.input_shape[1:]}, {total:,} parameters")
    for layer in model.layers:
        if isinstance(layer, (keras.layers.Conv2D, keras.layers.Dense)):
            count = layer.count_params()
            print(
                f"  {layer.name:<6} {type(layer).__name__:<6} output {layer.output.shape[1:]!s:<15}"
                f" {count:>11,}  {count / total:6.1%}"
            )
    keras.utils.clear_session()
