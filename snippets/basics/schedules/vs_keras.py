import keras
import numpy as np

from dlref.math import cosine_decay, exponential_decay, one_cycle, piecewise_constant

keras.config.set_floatx("float64")
steps = np.arange(0, 1200, 7)
schedules = keras.optimizers.schedules
pairs = {
    "piecewise constant": (
        piecewise_constant(steps, [300, 600], [0.1, 0.01, 0.001]),
        schedules.PiecewiseConstantDecay([300, 600], [0.1, 0.01, 0.001]),
    ),
    "exponential decay": (
        exponential_decay(steps, 0.1, 100, 0.8),
        schedules.ExponentialDecay(0.1, 100, 0.8),
    ),
    "cosine decay": (
        cosine_decay(steps, 0.1, 1000, alpha=0.05),
        schedules.CosineDecay(0.1, 1000, alpha=0.05),
    ),
    "warm-up + cosine": (
        cosine_decay(steps, 0.0, 900, warmup_target=0.1, warmup_steps=100),
        schedules.CosineDecay(0.0, 900, warmup_target=0.1, warmup_steps=100),
    ),
}
for name, (ours, theirs) in pairs.items():
    keras_values = np.array([float(theirs(int(t))) for t in steps])
    error = np.max(np.abs(ours - keras_values))
    print(f"{name:<19} max |ours - keras| < 1e-7: {error < 1e-7}")
    assert error < 1e-7

# Keras has no 1cycle schedule; check one_cycle's fixed points against the formula instead.
rates = one_cycle(np.arange(1000), 0.1, 1000, pct_start=0.3)
peak_step = int(np.argmax(rates))
print(f"1cycle: starts at {rates[0]:.4f} = 0.1/25, peaks at step {peak_step} = 0.3 x 1000 - 1,")
print(f"        ends at {rates[-1]:.0e} = 0.1/(25 x 10^4)")
assert np.isclose(rates[0], 0.1 / 25) and peak_step == 299 and np.isclose(rates[-1], 0.1 / 25e4)
