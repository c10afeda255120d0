"""dlref.train: guarded fit, label checks, metrics vs scikit-learn, augmentation, saving, search."""

from __future__ import annotations

import csv
import math

import keras
import numpy as np
import pytest
import sklearn.metrics
from hypothesis import given, settings
from hypothesis import strategies as st

from dlref.data.classic import load_iris
from dlref.recipes import small_cnn, train_digits_cnn
from dlref.train.augment import augmentation
from dlref.train.callbacks import TrainingDiverged, cosine_schedule, step_schedule
from dlref.train.labels import check_labels
from dlref.train.loop import fit
from dlref.train.metrics import classification_metrics, evaluate
from dlref.train.persistence import export_for_serving, save_and_reload
from dlref.train.search import format_table, search

IRIS = load_iris(seed=0)


def mlp(
    units: int = 3,
    loss: str = "sparse_categorical_crossentropy",
    lr: float = 0.05,
    hidden: int = 8,
    optimizer: str = "adam",
) -> keras.Model:
    model = keras.Sequential(
        [
            keras.Input((4,)),
            keras.layers.Dense(hidden, activation="relu"),
            keras.layers.Dense(units, activation="softmax"),
        ]
    )
    opt = keras.optimizers.Adam(lr) if optimizer == "adam" else keras.optimizers.SGD(lr)
    model.compile(optimizer=opt, loss=loss, metrics=["accuracy"])
    return model


# --- label checks ----------------------------------------------------------------------------


def test_check_labels_accepts_matching_labels():
    y = IRIS.y_train
    check_labels(mlp(), y)
    check_labels(mlp(), y[:, None])
    check_labels(mlp(loss="categorical_crossentropy"), np.eye(3)[y])
    binary = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1, activation="sigmoid")])
    binary.compile(loss="binary_crossentropy")
    check_labels(binary, (y == 1).astype(float))
    seq = keras.Sequential(
        [keras.Input((7,)), keras.layers.Embedding(20, 4), keras.layers.Dense(20)]
    )
    seq.compile(loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    check_labels(seq, np.zeros((5, 7), int))  # one class id per time step


@pytest.mark.parametrize(
    ("loss", "y", "message"),
    [
        ("sparse_categorical_crossentropy", np.eye(3)[[0, 1, 2]], r"one-hot.*argmax"),
        ("sparse_categorical_crossentropy", np.array([0, 1, 3]), r"class id 3.*3 unit.*4 units"),
        ("sparse_categorical_crossentropy", np.array([0, -1, 2]), r">= 0"),
        ("sparse_categorical_crossentropy", np.array([0.5, 1.0, 2.0]), "integer class ids"),
        ("sparse_categorical_crossentropy", np.zeros((3, 1, 1)), r"1 axis.*\(3, 1, 1\)"),
        ("categorical_crossentropy", np.array([0, 1, 2]), r"to_categorical\(y_train, 3\)"),
        ("categorical_crossentropy", np.eye(4)[[0, 1, 2]], r"3 column"),
    ],
)
def test_fit_rejects_labels_that_do_not_fit_the_loss(loss, y, message):
    x = np.zeros((3, 4), np.float32)
    with pytest.raises(ValueError, match=message) as error:
        fit(mlp(loss=loss), (x, y), epochs=1)
    assert "y_train" in str(error.value)


def test_binary_loss_with_many_classes_suggests_sparse():
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy")
    with pytest.raises(ValueError, match=r"0/1 labels.*3 classes.*sparse_categorical"):
        fit(model, (IRIS.x_train, IRIS.y_train), epochs=1)


def test_fit_checks_its_arguments():
    with pytest.raises(ValueError, match="compile"):
        fit(keras.Sequential([keras.Input((4,)), keras.layers.Dense(3)]), IRIS)
    with pytest.raises(TypeError, match="data"):
        fit(mlp(), [IRIS.x_train])
    with pytest.raises(ValueError, match="same number of samples"):
        fit(mlp(), (IRIS.x_train, IRIS.y_train[:-1]))
    with pytest.raises(ValueError, match="monitor"):
        fit(mlp(), (IRIS.x_train, IRIS.y_train), monitor="val_accuracy")
    with pytest.raises(ValueError, match="checkpoint_path"):
        fit(mlp(), IRIS, checkpoint_path="best.h5")
    with pytest.raises(ValueError, match="lr_schedule"):
        fit(mlp(), IRIS, lr_schedule="linear")


# --- fit: early stopping, checkpoint, CSV log, schedules, divergence -------------------------


def test_fit_restores_best_weights_and_writes_checkpoint_and_log(tmp_path):
    keras.utils.set_random_seed(0)
    model = mlp(lr=0.3)  # a high rate makes the validation loss wander
    path, log = tmp_path / "ckpt" / "best.keras", tmp_path / "log.csv"
    history = fit(
        model, IRIS, epochs=12, batch_size=16, patience=3, checkpoint_path=path, csv_log=log
    )
    best = min(history.history["val_loss"])
    assert model.evaluate(IRIS.x_val, IRIS.y_val, verbose=0)[0] == pytest.approx(best, rel=1e-5)
    saved = keras.saving.load_model(path)
    assert saved.evaluate(IRIS.x_val, IRIS.y_val, verbose=0)[0] == pytest.approx(best, rel=1e-5)
    with log.open() as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(history.history["loss"]) and {"loss", "val_loss"} <= set(rows[0])


def test_early_stopping_stops_when_nothing_improves():
    model = mlp(lr=0.0, optimizer="sgd")  # the loss cannot change
    history = fit(model, IRIS, epochs=20, patience=2)
    assert len(history.history["loss"]) == 3


@pytest.mark.parametrize("schedule", ["cosine", "step", "callable"])
def test_learning_rate_schedules(schedule):
    model = mlp(lr=0.04)
    given_schedule = (lambda epoch, lr: 0.04 / (epoch + 1)) if schedule == "callable" else schedule
    history = fit(
        model,
        (IRIS.x_train, IRIS.y_train),
        epochs=8,
        patience=None,
        lr_schedule=given_schedule,
        batch_size=64,
    )
    rates = np.array(history.history["learning_rate"])
    if schedule == "cosine":
        expected = [0.02 * (1 + math.cos(math.pi * e / 8)) for e in range(8)]
    elif schedule == "step":
        expected = [0.04] * 4 + [0.004] * 2 + [0.0004] * 2
    else:
        expected = [0.04 / (e + 1) for e in range(8)]
    np.testing.assert_allclose(rates, expected, rtol=1e-5)


def test_schedule_functions():
    cosine = cosine_schedule(1.0, 10, minimum=0.1)
    assert cosine(0, 0.0) == 1.0 and cosine(5, 0.0) == pytest.approx(0.55)
    step = step_schedule(1.0, 4, factor=0.5, milestones=(0.5,))
    assert [step(e, 0.0) for e in range(4)] == [1.0, 1.0, 0.5, 0.5]


def _regression_model(lr: float) -> keras.Model:
    model = keras.Sequential(
        [keras.Input((4,)), keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)]
    )
    model.compile(optimizer=keras.optimizers.SGD(lr), loss="mse")
    return model


def test_divergence_guard_stops_an_exploding_loss_with_advice():
    keras.utils.set_random_seed(0)
    x = IRIS.x_train
    y = 100 * x.sum(axis=1)
    with pytest.raises(TrainingDiverged) as error:
        fit(_regression_model(lr=1.0), (x, y), epochs=20, batch_size=8)
    assert error.value.epoch == 1 and error.value.batch >= 2
    message = str(error.value)
    assert "epoch 1, batch" in message and "lower learning rate (it is 1; try 0.1)" in message


def test_divergence_guard_reports_nan_and_plain_terminate_on_nan():
    y = IRIS.x_train.sum(axis=1)
    x = IRIS.x_train.copy()
    x[5, 0] = np.nan  # a NaN input in the first batch of 8

    def linear_model():  # no relu: oneDNN's relu can map NaN to 0, a linear layer cannot
        model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1)])
        model.compile(optimizer=keras.optimizers.SGD(0.01), loss="mse")
        return model

    with pytest.raises(TrainingDiverged, match=r"loss is nan") as error:
        fit(linear_model(), (x, y), epochs=5, batch_size=8, shuffle=False)
    assert error.value.batch == 1 and error.value.epoch == 1
    history = fit(linear_model(), (x, y), epochs=5, batch_size=8, guard=False)
    assert len(history.history["loss"]) == 1  # TerminateOnNaN ended the first epoch


# --- metrics ---------------------------------------------------------------------------------


def _sklearn_metrics(y_true, y_pred):
    p, r, f, _ = sklearn.metrics.precision_recall_fscore_support(
        y_true, y_pred, average="macro", zero_division=0
    )
    return sklearn.metrics.accuracy_score(y_true, y_pred), p, r, f


def test_evaluate_matches_sklearn_on_a_trained_model():
    keras.utils.set_random_seed(0)
    model = mlp()
    fit(model, IRIS, epochs=30, batch_size=16)
    metrics = evaluate(model, IRIS.x_test, IRIS.y_test)
    y_pred = model.predict(IRIS.x_test, verbose=0).argmax(axis=1)
    expected = _sklearn_metrics(IRIS.y_test, y_pred)
    np.testing.assert_allclose(
        [metrics.accuracy, metrics.precision, metrics.recall, metrics.f1], expected, rtol=1e-12
    )
    np.testing.assert_array_equal(
        metrics.confusion, sklearn.metrics.confusion_matrix(IRIS.y_test, y_pred, labels=[0, 1, 2])
    )
    assert metrics.accuracy > 0.8 and "accuracy" in metrics.summary()
    onehot = evaluate(model, IRIS.x_test, np.eye(3)[IRIS.y_test])
    assert onehot.accuracy == metrics.accuracy


def test_evaluate_thresholds_a_single_logit_at_zero():
    model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
    model.compile(loss=keras.losses.BinaryCrossentropy(from_logits=True))
    model.set_weights([np.ones((1, 1)), np.zeros(1)])
    x = np.array([[-2.0], [-0.1], [0.2], [3.0]], np.float32)
    metrics = evaluate(model, x, np.array([0, 1, 1, 1]))
    assert metrics.accuracy == 0.75 and metrics.confusion.tolist() == [[1, 0], [1, 2]]


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 5), st.integers(1, 60), st.integers(0, 2**31 - 1))
def test_classification_metrics_match_sklearn(k, n, seed):
    rng = np.random.default_rng(seed)
    y_true, y_pred = rng.integers(0, k, n), rng.integers(0, k, n)
    ours = classification_metrics(y_true, y_pred)
    np.testing.assert_allclose(
        [ours.accuracy, ours.precision, ours.recall, ours.f1],
        _sklearn_metrics(y_true, y_pred),
        rtol=1e-12,
        atol=1e-15,
    )
    np.testing.assert_array_equal(
        ours.confusion,
        sklearn.metrics.confusion_matrix(y_true, y_pred, labels=range(ours.confusion.shape[0])),
    )


def test_classification_metrics_errors():
    with pytest.raises(ValueError, match="same number of samples"):
        classification_metrics([0, 1], [0])
    with pytest.raises(ValueError, match="num_classes"):
        classification_metrics([0, 4], [0, 1], num_classes=3)
    with pytest.raises(ValueError, match="y_pred"):
        classification_metrics([0, 1], [0, -1])


# --- augmentation, saving, exporting ---------------------------------------------------------


def test_augmentation_changes_training_batches_only():
    block = augmentation(rotation=0.2, zoom=0.2, translation=0.2, seed=1)
    assert [type(layer).__name__ for layer in block.layers] == [
        "RandomFlip",
        "RandomRotation",
        "RandomZoom",
        "RandomTranslation",
    ]
    images = np.random.default_rng(0).random((4, 16, 16, 3)).astype(np.float32)
    out = keras.ops.convert_to_numpy(block(images, training=True))
    assert out.shape == images.shape and not np.allclose(out, images)
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(block(images, training=False)), images)
    flip_only = augmentation(rotation=0, zoom=0, translation=0, flip="vertical")
    assert len(flip_only.layers) == 1
    with pytest.raises(ValueError, match="flip"):
        augmentation(flip="diagonal")
    with pytest.raises(ValueError, match="at least one"):
        augmentation(flip=False, rotation=0, zoom=0, translation=0)
    with pytest.raises(ValueError, match="zoom"):
        augmentation(zoom=-0.1)


def test_save_reload_and_export_give_the_same_predictions(tmp_path):
    keras.utils.set_random_seed(0)
    model = mlp()
    loaded = save_and_reload(model, tmp_path / "model.keras", x=IRIS.x_test)
    np.testing.assert_allclose(
        loaded.predict(IRIS.x_test, verbose=0), model.predict(IRIS.x_test, verbose=0), atol=1e-7
    )
    difference = export_for_serving(model, tmp_path / "served")
    assert difference < 1e-6 and (tmp_path / "served" / "saved_model.pb").is_file()
    with pytest.raises(ValueError, match="path"):
        save_and_reload(model, tmp_path / "model.h5")


# --- hyperparameter search -------------------------------------------------------------------


def test_grid_search_rows_are_sorted_best_first():
    rows = search(
        lambda hidden, lr: mlp(hidden=hidden, lr=lr),
        {"hidden": [4, 16], "lr": [0.001, 0.05]},
        IRIS,
        epochs=4,
        batch_size=32,
    )
    assert len(rows) == 4 and {tuple(r["params"].values()) for r in rows} == {
        (4, 0.001),
        (4, 0.05),
        (16, 0.001),
        (16, 0.05),
    }
    scores = [r["val_accuracy"] for r in rows]
    assert scores == sorted(scores, reverse=True) and all(r["seconds"] > 0 for r in rows)
    table = format_table(rows).splitlines()
    assert len(table) == 6 and table[0].split() == [
        "rank",
        "hidden",
        "lr",
        "val_accuracy",
        "seconds",
    ]


def test_random_search_draws_reproducibly_and_puts_diverged_runs_last():
    space = {"lr": [1e-3, 1e-2], "scale": lambda rng: float(rng.choice([1.0, 1e30]))}

    def build(lr, scale):
        model = _regression_model(lr)
        model.layers[0].kernel.assign(model.layers[0].kernel * scale)
        return model

    data = (IRIS.x_train, IRIS.x_train.sum(1), IRIS.x_val, IRIS.x_val.sum(1))
    rows = search(build, space, data, mode="random", n_iter=4, epochs=2, seed=3)
    again = search(build, space, data, mode="random", n_iter=4, epochs=2, seed=3)
    assert [r["params"] for r in rows] == [r["params"] for r in again]
    losses = [r["val_loss"] for r in rows]
    assert any(math.isnan(v) for v in losses) and not math.isnan(losses[0])
    finite = [v for v in losses if not math.isnan(v)]
    assert finite == sorted(finite) and all(math.isnan(v) for v in losses[len(finite) :])
    with pytest.raises(ValueError, match="validation"):
        search(build, space, data[:2])
    with pytest.raises(ValueError, match="mode"):
        search(build, space, data, mode="bayes")


# --- recipes ---------------------------------------------------------------------------------


def test_small_cnn_shapes_and_errors():
    model = small_cnn((16, 16, 1), 10)
    assert model.output_shape == (None, 10) and model.layers[-1].activation.__name__ == "linear"
    with pytest.raises(ValueError, match="input_shape"):
        small_cnn((3, 3, 1))
    with pytest.raises(ValueError, match="input_shape"):
        small_cnn((16, 16))


@pytest.mark.slow
def test_digits_cnn_reaches_97_percent():
    result = train_digits_cnn()
    print(f"\ndigits CNN: {result.seconds:.1f} s, test accuracy {result.accuracy:.4f}")
    assert result.accuracy >= 0.97
