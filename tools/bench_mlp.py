"""Time one training epoch of dlref's NumPy MLP against the same Keras model on digits.

Both train a 64-64-10 ReLU network with softmax cross-entropy and Adam (learning rate 0.001)
on the standardised digits training split (1,347 samples) with batches of 32, on the CPU. The
first Keras epoch (graph tracing and compilation) is left out; each side reports the median
of the timed epochs. Usage: ``python tools/bench_mlp.py``.
"""

from __future__ import annotations

import os
import statistics
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

LAYER_SIZES = (64, 64, 10)
BATCH_SIZE = 32
LEARNING_RATE = 0.001
TIMED_EPOCHS = 5
LABEL = "MLP epoch on digits (dlref vs Keras)"


def _digits():
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import StandardScaler

    X, y = load_digits(return_X_y=True)
    X_train, _, y_train, _ = train_test_split(X, y, test_size=0.25, random_state=0)
    return StandardScaler().fit_transform(X_train), y_train


def _ours_seconds_per_epoch(X, y) -> float:
    from dlref.math.layers import MLP

    model = MLP(LAYER_SIZES, activation="relu", seed=0)
    times = []
    for _ in range(TIMED_EPOCHS):
        start = time.perf_counter()
        model.fit(X, y, epochs=1, batch_size=BATCH_SIZE, learning_rate=LEARNING_RATE)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _keras_seconds_per_epoch(X, y) -> float:
    import keras

    class EpochTimer(keras.callbacks.Callback):
        def __init__(self) -> None:
            super().__init__()
            self.times: list[float] = []

        def on_epoch_begin(self, epoch, logs=None):
            self._start = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            self.times.append(time.perf_counter() - self._start)

    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [
            keras.Input((LAYER_SIZES[0],)),
            keras.layers.Dense(LAYER_SIZES[1], activation="relu"),
            keras.layers.Dense(LAYER_SIZES[2]),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.Adam(LEARNING_RATE),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    )
    timer = EpochTimer()
    model.fit(X, y, epochs=1 + TIMED_EPOCHS, batch_size=BATCH_SIZE, verbose=0, callbacks=[timer])
    return statistics.median(timer.times[1:])  # the first epoch traces and compiles


def run() -> list[tuple[str, float, float]]:
    """``[(label, dlref seconds per epoch, Keras seconds per epoch)]``."""
    X, y = _digits()
    return [(LABEL, _ours_seconds_per_epoch(X, y), _keras_seconds_per_epoch(X, y))]


def main() -> None:
    for label, ours, keras_seconds in run():
        print(
            f"{label}: dlref {ours * 1e3:.1f} ms, Keras {keras_seconds * 1e3:.1f} ms "
            f"per epoch (dlref / Keras = {ours / keras_seconds:.2f})"
        )


if __name__ == "__main__":
    main()
