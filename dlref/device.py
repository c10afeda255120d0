"""What the machine offers: library versions and the devices the Keras backend can use.

Importing this module is cheap; TensorFlow (or JAX) is imported only when a function needs it.
"""

from __future__ import annotations

import os
import platform
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from typing import Any

from dlref._validate import check_bool, check_int

#: Distributions whose versions `versions` reports, in this order.
REPORTED_PACKAGES = (
    "dlref",
    "numpy",
    "keras",
    "tensorflow-cpu",
    "tensorflow",
    "jax",
    "scikit-learn",
    "matplotlib",
)


def versions(packages: tuple[str, ...] = REPORTED_PACKAGES) -> dict[str, str]:
    """Installed versions, read from package metadata, of those ``packages`` that are installed.

    Python's own version comes first under the key ``"python"``.
    """
    if isinstance(packages, str) or not all(isinstance(p, str) for p in packages):
        raise TypeError("packages must be a tuple of distribution names (str)")
    found = {"python": platform.python_version()}
    for name in packages:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return found


@dataclass(frozen=True)
class DeviceReport:
    """The Keras backend and the devices it sees."""

    backend: str
    cpus: tuple[str, ...]
    gpus: tuple[str, ...]

    @property
    def has_gpu(self) -> bool:
        return bool(self.gpus)

    def summary(self) -> str:
        """One line, e.g. ``backend tensorflow: 1 CPU, no GPU (computations run on the CPU)``."""
        gpu = f"{len(self.gpus)} GPU" if self.gpus else "no GPU (computations run on the CPU)"
        return f"backend {self.backend}: {len(self.cpus)} CPU, {gpu}"


def describe_devices() -> DeviceReport:
    """List the CPU and GPU devices of the active Keras backend (TensorFlow or JAX)."""
    backend = os.environ.get("KERAS_BACKEND", "tensorflow")
    if backend == "jax":
        import jax

        devices = jax.devices() + (jax.devices("cpu") if jax.default_backend() != "cpu" else [])
        cpus = tuple(str(d) for d in devices if d.platform == "cpu")
        gpus = tuple(str(d) for d in devices if d.platform == "gpu")
        return DeviceReport(backend, cpus, gpus)
    if backend != "tensorflow":
        raise ValueError(f"KERAS_BACKEND must be 'tensorflow' or 'jax' for dlref; got {backend!r}")
    import tensorflow as tf

    cpus = tuple(d.name for d in tf.config.list_logical_devices("CPU"))
    gpus = tuple(d.name for d in tf.config.list_logical_devices("GPU"))
    return DeviceReport(backend, cpus, gpus)


def _backend() -> str:
    return os.environ.get("KERAS_BACKEND", "tensorflow")


def set_memory_growth() -> list[str]:
    """Let TensorFlow allocate GPU memory as needed instead of taking it all at start-up.

    Enables memory growth on every physical GPU and returns their names (an empty list on a
    machine without GPU, or under the JAX backend, where ``XLA_PYTHON_CLIENT_PREALLOCATE=false``
    plays this role). Like `split_cpu` it must run before TensorFlow initialises the GPUs;
    calling it again later is harmless, but a first call after initialisation raises
    ``RuntimeError``.
    """
    if _backend() != "tensorflow":
        return []
    import tensorflow as tf

    gpus = tf.config.list_physical_devices("GPU")
    for gpu in gpus:
        try:
            tf.config.experimental.set_memory_growth(gpu, True)
        except RuntimeError as error:
            raise RuntimeError(
                "set_memory_growth() must run before TensorFlow initialises the GPUs: call it "
                "first thing after importing TensorFlow, before creating any tensor or model"
            ) from error
    return [gpu.name for gpu in gpus]


class mixed_precision:  # lower case: it is called like a function, mixed_precision(True)
    """Switch Keras to mixed precision; use as a call or as a ``with`` block that restores.

    ``enabled=True`` sets the global dtype policy to ``"mixed_float16"`` when a GPU is visible
    and ``"mixed_bfloat16"`` otherwise (CPUs have fast bfloat16 but no fast float16);
    ``enabled=False`` sets ``"float32"``. Layers created afterwards compute in the 16-bit type
    and keep float32 weights. ``mixed_precision(True)`` changes the policy for good;
    ``with mixed_precision(True): ...`` restores the previous policy on exit, as does
    `restore`.
    """

    def __init__(self, enabled: bool = True) -> None:
        check_bool(enabled, "enabled")
        import keras

        self.previous: str = keras.config.dtype_policy().name
        if enabled:
            self.policy = "mixed_float16" if describe_devices().has_gpu else "mixed_bfloat16"
        else:
            self.policy = "float32"
        keras.config.set_dtype_policy(self.policy)

    def restore(self) -> None:
        """Put back the dtype policy that was active before this object was created."""
        import keras

        keras.config.set_dtype_policy(self.previous)

    def __enter__(self) -> mixed_precision:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.restore()


def strategy(devices: Sequence[str] | None = None) -> Any:
    """A ``tf.distribute.Strategy`` for the visible devices (TensorFlow backend only).

    By default: ``MirroredStrategy`` (synchronous data parallelism) over all GPUs when there
    are several, ``OneDeviceStrategy`` on the single GPU, and without GPU ``MirroredStrategy``
    over the logical CPUs made by `split_cpu` or ``OneDeviceStrategy`` on the one CPU.
    ``devices`` (names like ``"/CPU:0"``) chooses the devices explicitly. Build and compile the
    model inside ``with strategy().scope():``.
    """
    if _backend() != "tensorflow":
        raise RuntimeError(
            "strategy() needs KERAS_BACKEND=tensorflow; under JAX use keras.distribution"
        )
    import tensorflow as tf

    if devices is None:
        names = [d.name for d in tf.config.list_logical_devices("GPU")]
        names = names or [d.name for d in tf.config.list_logical_devices("CPU")]
    else:
        if isinstance(devices, str) or not all(isinstance(d, str) for d in devices):
            raise TypeError("devices must be a sequence of device names such as '/CPU:0'")
        names = list(devices)
        if not names:
            raise ValueError("devices must name at least one device; got an empty sequence")
    if len(names) == 1:
        return tf.distribute.OneDeviceStrategy(names[0])
    return tf.distribute.MirroredStrategy(names)


def split_cpu(n: int) -> list[str]:
    """Split the physical CPU into ``n`` logical devices and return their names.

    This lets data-parallel code (``MirroredStrategy``) run on a machine without GPUs, e.g. in
    tests. TensorFlow fixes its devices when it first initialises them (the first tensor, model
    or device listing), so call this right after importing TensorFlow, in a fresh process;
    later calls raise ``RuntimeError`` unless the split is already exactly ``n``.
    """
    n = check_int(n, "n", minimum=1)
    if _backend() != "tensorflow":
        raise RuntimeError("split_cpu() needs KERAS_BACKEND=tensorflow")
    import tensorflow as tf

    cpu = tf.config.list_physical_devices("CPU")[0]
    try:
        tf.config.set_logical_device_configuration(
            cpu, [tf.config.LogicalDeviceConfiguration() for _ in range(n)]
        )
    except RuntimeError as error:
        current = len(tf.config.list_logical_devices("CPU"))
        raise RuntimeError(
            f"split_cpu({n}) came too late: TensorFlow has already initialised its devices "
            f"({current} logical CPU). Call it first thing after importing TensorFlow, in a "
            "fresh Python process (a subprocess in tests)"
        ) from error
    return [d.name for d in tf.config.list_logical_devices("CPU")]


__all__ = [
    "REPORTED_PACKAGES",
    "DeviceReport",
    "describe_devices",
    "mixed_precision",
    "set_memory_growth",
    "split_cpu",
    "strategy",
    "versions",
]
