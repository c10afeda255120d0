"""dlref.plot's figure helpers draw what they are given and name the argument they reject."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from dlref import plot

RNG = np.random.default_rng(0)


def test_history_draws_train_and_validation_on_one_axis_per_metric():
    logs = {"loss": [1.0, 0.5, 0.25], "val_loss": [1.1, 0.7, 0.6], "accuracy": [0.5, 0.7, 0.9]}
    fig = plot.plot_history(logs)
    loss_ax, acc_ax = fig.axes
    assert [ax.get_title() for ax in fig.axes] == ["loss", "accuracy"]
    np.testing.assert_array_equal(loss_ax.lines[0].get_xdata(), [1, 2, 3])
    np.testing.assert_array_equal(loss_ax.lines[1].get_ydata(), logs["val_loss"])
    assert len(acc_ax.lines) == 1


@pytest.mark.parametrize(
    ("history", "match"), [({}, "history"), ({"loss": []}, r"history\['loss'\]"), (3, "history")]
)
def test_history_rejects_empty_or_bad_logs(history, match):
    with pytest.raises(ValueError, match=match):
        plot.plot_history(history)


def test_decision_boundary_colours_the_plane_by_the_predicted_class():
    X = RNG.normal(size=(40, 2))
    y = (X[:, 0] > 0).astype(int)
    seen = []

    def predict(points):
        seen.append(points.shape)
        return (points[:, 0] > 0).astype(int)

    fig = plot.plot_decision_boundary(predict, X, y, resolution=30)
    assert isinstance(fig, Figure) and seen == [(900, 2)]
    # probabilities and score matrices are accepted too
    plot.plot_decision_boundary(lambda p: 1 / (1 + np.exp(-p[:, 0])), X, y, resolution=10)
    plot.plot_decision_boundary(lambda p: np.column_stack([-p[:, 0], p[:, 0]]), X, y, 10)


def test_decision_boundary_checks_its_inputs():
    X = RNG.normal(size=(10, 2))
    with pytest.raises(TypeError, match="predict_fn"):
        plot.plot_decision_boundary("model", X, np.zeros(10))
    with pytest.raises(ValueError, match=r"X must have shape \(n_samples, 2\)"):
        plot.plot_decision_boundary(lambda p: p[:, 0], np.ones((10, 3)), np.zeros(10))
    with pytest.raises(ValueError, match="one prediction per grid point"):
        plot.plot_decision_boundary(lambda p: np.zeros(3), X, np.zeros(10), resolution=5)


def test_image_grid_titles_wrong_predictions_in_red():
    images = RNG.random((5, 8, 8))
    fig = plot.plot_image_grid(images, [0, 1, 2, 0, 1], [0, 1, 1, 0, 1], class_names="abc", ncols=3)
    titles = [ax.get_title() for ax in fig.axes]
    assert titles == ["a / a", "b / b", "c / b", "a / a", "b / b"]
    assert fig.axes[2].title.get_color() == "tab:red"
    assert fig.axes[0].title.get_color() == "black"


def test_image_grid_accepts_colour_and_single_channel_images():
    assert len(plot.plot_image_grid(RNG.random((3, 8, 8, 1))).axes) == 3
    colour = plot.plot_image_grid(RNG.normal(size=(2, 4, 4, 3)) * 5)  # rescaled into [0, 1]
    data = colour.axes[0].images[0].get_array()
    assert data.min() >= 0 and data.max() <= 1


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"images": np.ones((2, 8))}, ValueError, "images must be"),
        ({"images": np.array([["a"]])}, TypeError, "images must hold numbers"),
        ({"images": np.ones((2, 4, 4)), "labels": [0]}, ValueError, "labels must have one"),
        ({"images": np.ones((1, 4, 4)), "labels": [5], "class_names": "ab"}, ValueError, "5"),
    ],
)
def test_image_grid_rejects_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        plot.plot_image_grid(**kwargs)


def test_confusion_matrix_writes_counts_or_row_fractions():
    cm = np.array([[3, 1], [0, 4]])
    texts = [t.get_text() for t in plot.plot_confusion_matrix(cm).axes[0].texts]
    assert texts == ["3", "1", "0", "4"]
    fractions = plot.plot_confusion_matrix(cm, ["cat", "dog"], normalize=True).axes[0].texts
    assert [t.get_text() for t in fractions] == ["0.75", "0.25", "0.00", "1.00"]
    with pytest.raises(ValueError, match="square"):
        plot.plot_confusion_matrix(np.ones((2, 3)))
    with pytest.raises(ValueError, match="class_names must have 2"):
        plot.plot_confusion_matrix(cm, ["one"])


def test_optimizer_paths_draw_each_path_on_the_contours():
    path = np.array([[1.5, 1.5], [1.0, 0.5], [0.0, 0.0]])
    fig = plot.plot_optimizer_paths(lambda x, y: x**2 + 10 * y**2, {"sgd": path}, resolution=20)
    ax = fig.axes[0]
    np.testing.assert_array_equal(ax.lines[0].get_xydata(), path)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["sgd"]
    with pytest.raises(ValueError, match="paths"):
        plot.plot_optimizer_paths(lambda x, y: x, {})
    with pytest.raises(ValueError, match="xlim"):
        plot.plot_optimizer_paths(lambda x, y: x, {"a": path}, xlim=(1, -1))
    with pytest.raises(ValueError, match=r"f\(x, y\) must return"):
        plot.plot_optimizer_paths(lambda x, y: 0.0, {"a": path}, resolution=5)
    with pytest.raises(ValueError, match=r"paths\['a'\]"):
        plot.plot_optimizer_paths(lambda x, y: x, {"a": [1, 2, 3]}, resolution=5)
    fig = plot.plot_optimizer_paths(
        lambda x, y: x**2 + y**2, {"a": path}, levels=[0.1, 1.0, 2.0], minimum=(0, 0), title="t"
    )
    assert fig.axes[0].get_title() == "t"
    np.testing.assert_array_equal(fig.axes[0].lines[-1].get_xydata(), [[0.0, 0.0]])
    with pytest.raises(ValueError, match="levels must be increasing"):
        plot.plot_optimizer_paths(lambda x, y: x, {"a": path}, levels=[1.0, 0.5])
    with pytest.raises(ValueError, match="minimum must be"):
        plot.plot_optimizer_paths(lambda x, y: x, {"a": path}, minimum=(0, 0, 0))


def test_optimizer_paths_draw_into_a_given_panel():
    path = np.array([[1.5, 1.5], [1.0, 0.5], [0.0, 0.0]])
    fig = Figure(figsize=(6, 2))
    left, right = fig.subplots(1, 2)
    drawn = plot.plot_optimizer_paths(
        lambda x, y: x**2 + y**2, {"sgd": path}, resolution=20, title="right", ax=right
    )
    assert drawn is fig and fig.axes == [left, right]
    assert len(left.lines) == 0 and right.get_title() == "right"
    np.testing.assert_array_equal(right.lines[0].get_xydata(), path)
    assert tuple(fig.get_size_inches()) == (6, 2)
    sub = Figure().subfigures(1, 2)[1]  # a panel of a SubFigure returns the whole figure
    drawn = plot.plot_optimizer_paths(lambda x, y: x, {"a": path}, resolution=5, ax=sub.subplots())
    assert isinstance(drawn, Figure) and drawn is sub.figure
    with pytest.raises(TypeError, match="ax must be a matplotlib Axes or None; got Figure"):
        plot.plot_optimizer_paths(lambda x, y: x, {"a": path}, ax=fig)


def test_gan_samples_one_row_per_epoch_after_the_real_row():
    real = RNG.random((8, 6, 6))
    fig = plot.plot_gan_samples(real, {5: RNG.random((8, 6, 6)), 1: RNG.random((8, 6, 6))}, n=4)
    labels = [ax.get_ylabel() for ax in fig.axes if ax.get_ylabel()]
    assert labels == ["real", "epoch 1", "epoch 5"] and len(fig.axes) == 12
    with pytest.raises(ValueError, match="samples_by_epoch"):
        plot.plot_gan_samples(real, {})


def test_clusters_grey_noise_and_mark_centres():
    X = RNG.normal(size=(12, 2))
    labels = np.array([0, 1, 2, -1] * 3)
    fig = plot.plot_clusters(X, labels, centers=np.zeros((3, 2)))
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend == ["noise", "centres"]
    with pytest.raises(ValueError, match="labels must be a 1-D integer array"):
        plot.plot_clusters(X, labels.astype(float))
    with pytest.raises(ValueError, match="centers"):
        plot.plot_clusters(X, labels, centers=np.zeros(3))
