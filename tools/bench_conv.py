"""Time ``dlref.math.conv.conv2d`` against ``keras.layers.Conv2D`` on the same forward pass.

The batch is ``(32, 32, 32, 16)`` float32 with a 3x3x16x32 kernel and ``'same'`` padding; the
Keras layer is called eagerly. Each side is warmed up once, then the best of several runs is kept.
The aim is to stay within 5x of Keras (im2col plus one float32 matrix product).

Usage: ``python tools/bench_conv.py [--repeats N]``
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np

from dlref.math.conv import conv2d

LABEL = "conv2d (32,32,32,16) * 3x3x16x32, same (dlref vs Keras)"


def best_time(function: Callable[[], object], repeats: int) -> float:
    """Seconds of the fastest of ``repeats`` calls, after one warm-up call."""
    function()
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def run(repeats: int = 10) -> list[tuple[str, float, float]]:
    """Return ``[(label, dlref_s, keras_s)]`` for one forward pass; outputs checked equal."""
    import keras

    rng = np.random.default_rng(0)
    x = rng.normal(size=(32, 32, 32, 16)).astype(np.float32)
    kernel = rng.normal(scale=0.1, size=(3, 3, 16, 32)).astype(np.float32)
    bias = rng.normal(size=32).astype(np.float32)
    layer = keras.layers.Conv2D(32, 3, padding="same")
    layer.build(x.shape)
    layer.set_weights([kernel, bias])

    ours = conv2d(x, kernel, bias, padding="same")
    theirs = keras.ops.convert_to_numpy(layer(x))
    np.testing.assert_allclose(ours, theirs, atol=1e-4)

    ours_s = best_time(lambda: conv2d(x, kernel, bias, padding="same"), repeats)
    keras_s = best_time(lambda: layer(x), repeats)
    return [(LABEL, ours_s, keras_s)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=10, help="timed runs per side (best kept)")
    args = parser.parse_args()
    for label, ours_s, keras_s in run(args.repeats):
        ratio = ours_s / keras_s
        verdict = "ok" if ratio <= 5.0 else "OVER 5x"
        print(
            f"{label}: dlref {ours_s * 1e3:.1f} ms, Keras {keras_s * 1e3:.1f} ms, "
            f"ratio {ratio:.2f}x (aim <= 5x) {verdict}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
