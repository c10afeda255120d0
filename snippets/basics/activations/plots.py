from dlref.math import ACTIVATIONS
from dlref.plot import plot_functions, save_figure

for name, act in ACTIVATIONS.items():
    fig = plot_functions(
        {name: (act.function, act.derivative)}, titles=(f"{name}(x)", f"{name}′(x)")
    )
    save_figure(fig, f"basics-activations-{name}.svg")
print("saved", len(ACTIVATIONS), "figures")
