"""dlref.device on a CPU machine: versions, device report, mixed precision, strategies.

The data-parallel path is exercised on CPU by splitting it into two logical devices, which
TensorFlow only allows before it initialises, hence the fresh subprocess.
"""

import subprocess
import sys
import textwrap

import keras
import numpy as np
import pytest

from dlref import device


def test_versions_reads_installed_metadata():
    found = device.versions()
    assert next(iter(found)) == "python"
    assert found["keras"] == keras.__version__
    assert found["numpy"] == np.__version__
    assert "not-a-real-distribution" not in device.versions(("not-a-real-distribution",))


def test_versions_rejects_a_bare_string():
    with pytest.raises(TypeError, match="packages"):
        device.versions("keras")


def test_report_lists_the_cpu():
    report = device.describe_devices()
    assert report.backend == "tensorflow"
    assert report.cpus and all("CPU" in name for name in report.cpus)
    gpus = f"{len(report.gpus)} GPU" if report.has_gpu else "no GPU (computations run on the CPU)"
    assert report.summary() == f"backend tensorflow: {len(report.cpus)} CPU, {gpus}"


def test_summary_counts_the_gpus():
    report = device.DeviceReport(backend="jax", cpus=("CPU:0",), gpus=("GPU:0", "GPU:1"))
    assert report.has_gpu
    assert report.summary() == "backend jax: 1 CPU, 2 GPU"


def test_unknown_backend_is_named(monkeypatch):
    monkeypatch.setenv("KERAS_BACKEND", "theano")
    with pytest.raises(ValueError, match="KERAS_BACKEND"):
        device.describe_devices()


def test_memory_growth_without_gpu_is_a_no_op():
    if device.describe_devices().has_gpu:
        pytest.skip("covered by tests/test_gpu.py on a GPU machine")
    assert device.set_memory_growth() == []


def test_mixed_precision_on_cpu_uses_bfloat16_and_restores():
    before = keras.config.dtype_policy().name
    with device.mixed_precision(True) as switch:
        expected = "mixed_float16" if device.describe_devices().has_gpu else "mixed_bfloat16"
        assert switch.policy == expected
        layer = keras.layers.Dense(3)
        layer.build((None, 4))
        assert layer.compute_dtype == expected.removeprefix("mixed_")
        assert layer.kernel.dtype == "float32"  # weights stay float32
    assert keras.config.dtype_policy().name == before


def test_mixed_precision_wants_a_bool():
    with pytest.raises(TypeError, match="enabled"):
        device.mixed_precision("yes")


def test_one_device_strategy_on_a_single_cpu():
    import tensorflow as tf

    chosen = device.strategy(["/CPU:0"])
    assert isinstance(chosen, tf.distribute.OneDeviceStrategy)
    assert chosen.num_replicas_in_sync == 1


@pytest.mark.parametrize(
    ("devices", "error", "match"),
    [("/CPU:0", TypeError, "devices"), ([], ValueError, "at least one")],
)
def test_strategy_rejects_bad_devices(devices, error, match):
    with pytest.raises(error, match=match):
        device.strategy(devices)


@pytest.mark.parametrize(
    ("n", "error", "match"),
    [
        (0, ValueError, r"n must be >= 1; got 0"),
        (-1, ValueError, r"n must be >= 1; got -1"),
        (1.5, TypeError, r"n must be an int; got float"),
        (True, TypeError, r"n must be an int; got bool"),
    ],
)
def test_split_cpu_rejects_bad_counts(n, error, match):
    with pytest.raises(error, match=match):
        device.split_cpu(n)


def test_split_cpu_too_late_says_so():
    import tensorflow as tf

    tf.config.list_logical_devices("CPU")  # initialises the devices in this process
    if len(tf.config.list_logical_devices("CPU")) == 3:
        pytest.skip("this process already has three logical CPUs")
    with pytest.raises(RuntimeError, match="too late"):
        device.split_cpu(3)


MIRRORED = textwrap.dedent(
    """
    import numpy as np
    from dlref.device import split_cpu, strategy
    names = split_cpu(2)
    import keras
    keras.utils.set_random_seed(0)
    chosen = strategy()
    with chosen.scope():
        model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1)])
        model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
    x = np.random.default_rng(0).normal(size=(64, 4)).astype("float32")
    y = x @ np.array([[1.0], [-2.0], [0.5], [3.0]], dtype="float32")
    history = model.fit(x, y, batch_size=16, epochs=5, verbose=0)  # 20 steps: the loss falls >10x
    print(len(names), type(chosen).__name__, chosen.num_replicas_in_sync)
    print(history.history["loss"][0] > 10 * history.history["loss"][-1])
    """
)


def test_mirrored_strategy_trains_on_two_logical_cpus():
    done = subprocess.run(
        [sys.executable, "-c", MIRRORED], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["2", "MirroredStrategy", "2", "True"]
