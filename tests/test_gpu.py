"""CUDA paths, run by the `gpu` job (.github/workflows/gpu.yml) and skipped on CPU machines.

Most tests are Keras-level and run under either backend (``KERAS_BACKEND=tensorflow`` in the
GPU workflow, ``KERAS_BACKEND=jax`` on machines that have JAX but no TensorFlow). Tests marked
``tensorflow_only`` need TensorFlow itself and say so when skipped.
"""

from __future__ import annotations

import os
import time

import numpy as np
import pytest

pytestmark = pytest.mark.gpu

BACKEND = os.environ.get("KERAS_BACKEND", "tensorflow")


def _digits(size: int = 16):
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    digits = load_digits()
    images = np.kron(digits.images, np.ones((size // 8, size // 8)))[..., None] / 16.0
    return train_test_split(
        images.astype("float32"),
        digits.target,
        test_size=0.25,
        random_state=0,
        stratify=digits.target,
    )


def _cnn(input_shape):
    import keras

    return keras.Sequential(
        [
            keras.Input(input_shape),
            keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
            keras.layers.MaxPooling2D(),
            keras.layers.Conv2D(64, 3, activation="relu", padding="same"),
            keras.layers.MaxPooling2D(),
            keras.layers.Flatten(),
            keras.layers.Dense(128, activation="relu"),
            keras.layers.Dense(10),
        ]
    )


def test_device_report_finds_the_gpu():
    from dlref.device import describe_devices

    report = describe_devices()
    assert report.backend == BACKEND
    assert report.has_gpu, report.summary()


@pytest.mark.tensorflow_only
def test_memory_growth_is_set_on_every_gpu():
    import tensorflow as tf

    from dlref.device import set_memory_growth

    names = set_memory_growth()
    gpus = tf.config.list_physical_devices("GPU")
    assert len(names) == len(gpus) > 0
    assert all(tf.config.experimental.get_memory_growth(gpu) for gpu in gpus)


def test_mixed_float16_step_has_float32_loss_and_finite_weights():
    import keras

    keras.mixed_precision.set_dtype_policy("mixed_float16")
    try:
        keras.utils.set_random_seed(0)
        x_train, _, y_train, _ = _digits()
        model = _cnn(x_train.shape[1:])
        model.add(keras.layers.Activation("linear", dtype="float32"))  # logits in float32
        model.compile(
            optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True)
        )
        assert model.layers[0].compute_dtype == "float16"
        assert model.layers[0].kernel.dtype == "float32"  # master weights stay float32
        before = [np.array(w) for w in model.get_weights()]
        loss = model.train_on_batch(x_train[:256], y_train[:256])
        assert np.isfinite(loss)
        assert model(x_train[:4]).dtype == "float32"
        after = model.get_weights()
        assert all(np.all(np.isfinite(w)) for w in after)
        assert any(not np.allclose(a, b) for a, b in zip(before, after, strict=True))
    finally:
        keras.mixed_precision.set_dtype_policy("float32")


def test_jit_compiled_model_matches_its_twin():
    import keras

    keras.utils.set_random_seed(0)
    x_train, _, y_train, _ = _digits()
    weights = _cnn(x_train.shape[1:]).get_weights()
    results = []
    for jit in (True, False):
        model = _cnn(x_train.shape[1:])
        model.set_weights(weights)
        model.compile(
            optimizer=keras.optimizers.SGD(0.05),
            jit_compile=jit,
            loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        )
        model.fit(x_train[:512], y_train[:512], batch_size=128, epochs=2, shuffle=False, verbose=0)
        results.append(model.get_weights())
    for compiled, eager in zip(*results, strict=True):
        np.testing.assert_allclose(compiled, eager, rtol=1e-3, atol=1e-4)


def test_data_parallel_training_over_all_gpus():
    """MirroredStrategy under TensorFlow; keras.distribution.DataParallel under JAX."""
    import keras

    x_train, _, y_train, _ = _digits()
    if BACKEND == "tensorflow":
        import tensorflow as tf

        strategy = tf.distribute.MirroredStrategy()
        assert strategy.num_replicas_in_sync == len(tf.config.list_logical_devices("GPU"))
        with strategy.scope():
            model = _cnn(x_train.shape[1:])
            model.compile(
                optimizer="adam",
                metrics=["accuracy"],
                loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
            )
    else:
        import jax

        gpus = [d for d in jax.devices() if d.platform == "gpu"]
        keras.distribution.set_distribution(keras.distribution.DataParallel(devices=gpus))
        model = _cnn(x_train.shape[1:])
        model.compile(
            optimizer="adam",
            metrics=["accuracy"],
            loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        )
    try:
        history = model.fit(x_train, y_train, batch_size=128, epochs=3, verbose=0)
    finally:
        if BACKEND != "tensorflow":
            keras.distribution.set_distribution(None)
    assert history.history["accuracy"][-1] > 0.9


def _train_digits_cnn(device: str) -> tuple[float, float]:
    """Train the digits CNN on ``device`` ('gpu' or 'cpu'); return (seconds, test accuracy)."""
    import keras

    x_train, x_test, y_train, y_test = _digits(32)
    if BACKEND == "tensorflow":
        import tensorflow as tf

        place = tf.device("/GPU:0" if device == "gpu" else "/CPU:0")
    else:
        import jax

        place = jax.default_device(jax.devices(device)[0])
    with place:
        keras.utils.set_random_seed(0)
        model = _cnn(x_train.shape[1:])
        model.compile(
            optimizer=keras.optimizers.Adam(1e-3),
            metrics=["accuracy"],
            loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        )
        model.fit(x_train[:256], y_train[:256], epochs=1, batch_size=128, verbose=0)  # warm-up
        keras.utils.set_random_seed(0)
        model = _cnn(x_train.shape[1:])
        model.compile(
            optimizer=keras.optimizers.Adam(1e-3),
            metrics=["accuracy"],
            loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        )
        start = time.perf_counter()
        model.fit(x_train, y_train, epochs=8, batch_size=128, verbose=0)
        seconds = time.perf_counter() - start
        accuracy = model.evaluate(x_test, y_test, verbose=0)[1]
    return seconds, accuracy


def test_digits_cnn_same_accuracy_on_gpu_and_faster():
    gpu_seconds, gpu_accuracy = _train_digits_cnn("gpu")
    cpu_seconds, cpu_accuracy = _train_digits_cnn("cpu")
    print(
        f"\ndigits CNN, 8 epochs: GPU {gpu_seconds:.2f} s (accuracy {gpu_accuracy:.3f}), "
        f"CPU {cpu_seconds:.2f} s (accuracy {cpu_accuracy:.3f}), "
        f"speed-up {cpu_seconds / gpu_seconds:.1f}x"
    )
    assert gpu_accuracy >= 0.97 and abs(gpu_accuracy - cpu_accuracy) <= 0.02
    assert gpu_seconds < cpu_seconds


def _notebooks_with_gpu_cells() -> list[str]:
    from sitetools import notebooks
    from sitetools.pages import page_pairs

    return sorted(
        key
        for key, pair in page_pairs().items()
        if pair["en"].is_notebook and notebooks.gpu_cells(notebooks.load(pair["en"]))
    )


@pytest.mark.tensorflow_only
@pytest.mark.parametrize("key", _notebooks_with_gpu_cells(), ids=str)
def test_notebook_gpu_cells_run(key, tmp_path):
    """Cells marked 'needs a GPU' on notebook pages, run in place with the cells around them."""
    from sitetools import notebooks
    from sitetools.pages import page_pairs

    ran = notebooks.run_with_gpu_cells(page_pairs()[key]["en"], tmp_path)
    code_cells = [cell for cell in ran.cells if cell.cell_type == "code"]
    expected = [cell for cell in code_cells if not notebooks.is_skipped(cell)]
    assert expected and all(cell.execution_count for cell in expected)
