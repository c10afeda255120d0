import numpy as np

from dlref.math import ACTIVATIONS

x = np.linspace(-10, 10, 200_001)  # step 1e-4
print(f"{'name':<11}{'min f':>9}{'max f':>9}{'max |f′|':>10}{'f′(0)':>8}")
for name, act in ACTIVATIONS.items():
    y, dy = act.function(x), act.derivative(x)
    print(
        f"{name:<11}{y.min():>9.3f}{y.max():>9.3f}{np.abs(dy).max():>10.3f}"
        f"{act.derivative(np.array(0.0)):>8.3f}"
    )
swish = ACTIVATIONS["swish"].function(x)
print(f"swish is smallest at x = {x[np.argmin(swish)]:.2f}")
