"""What the machine offers: library versions and the devices the Keras backend can use.

Importing this module is cheap; TensorFlow (or JAX) is imported only when a function needs it.
"""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass
from importlib import metadata

#: Distributions whose versions :func:`versions` reports, in this order.
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


__all__ = ["REPORTED_PACKAGES", "DeviceReport", "describe_devices", "versions"]
