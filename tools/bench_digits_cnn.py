"""Time the digits CNN of :func:`dlref.recipes.train_digits_cnn` (target: under 15 s on 2 cores).

``run()`` returns rows ``(label, seconds, None)`` for ``tools/bench.py``; run this file to print
them: ``python tools/bench_digits_cnn.py``.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

#: Seconds the training should stay under on a 2-core machine.
TARGET_S = 15.0


def run() -> list[tuple[str, float, float | None]]:
    """Train the small CNN on 16x16 digits once; one row with the seconds ``fit`` took."""
    from dlref.recipes import train_digits_cnn

    result = train_digits_cnn()
    label = f"digits CNN: seconds to train (test accuracy {result.accuracy:.1%})"
    return [(label, result.seconds, None)]


def main() -> int:
    print(f"digits CNN bench on {os.cpu_count()} CPU core(s), target {TARGET_S:.0f} s")
    for label, seconds, _ in run():
        verdict = "ok" if seconds <= TARGET_S else "OVER TARGET"
        print(f"  {label:<56}{seconds:>8.1f} s   {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
