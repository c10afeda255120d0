"""Shared test set-up: headless plotting, quiet TensorFlow, GPU skipping, Keras resets, and the
pytest-xdist groups of tests that must share one worker."""

from __future__ import annotations

import os

os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import pytest

from sitetools import xdist_groups
from sitetools.codeblocks import reset_random_state

_GPU_COUNT: int | None = None


def pytest_xdist_make_scheduler(config, log):
    """`--dist loadgroup` with the worker groups of :mod:`sitetools.xdist_groups`."""
    return xdist_groups.make_scheduler(config, log)


def gpu_count() -> int:
    """How many GPUs the Keras backend sees (0 on CPU machines); computed once."""
    global _GPU_COUNT
    if _GPU_COUNT is None:
        backend = os.environ.get("KERAS_BACKEND", "tensorflow")
        if backend == "jax":
            import jax

            _GPU_COUNT = sum(d.platform == "gpu" for d in jax.devices())
        else:
            import tensorflow as tf

            _GPU_COUNT = len(tf.config.list_physical_devices("GPU"))
    return _GPU_COUNT


def pytest_collection_modifyitems(config, items):
    backend = os.environ.get("KERAS_BACKEND", "tensorflow")
    if backend != "tensorflow":
        skip_tf = pytest.mark.skip(reason=f"tensorflow_only: needs TensorFlow (backend {backend})")
        for item in items:
            if item.get_closest_marker("tensorflow_only"):
                item.add_marker(skip_tf)
    gpu_items = [item for item in items if item.get_closest_marker("gpu")]
    if gpu_items and gpu_count() == 0:
        skip = pytest.mark.skip(
            reason="gpu: no CUDA GPU visible to the Keras backend on this machine"
        )
        for item in gpu_items:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _fresh_state():
    reset_random_state()
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        import matplotlib.pyplot as plt

        plt.close("all")
