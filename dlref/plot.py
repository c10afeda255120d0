"""Plotting helpers. Each returns a `matplotlib.figure.Figure` and never opens a window.

Figures are built with the object-oriented API (no ``pyplot`` state), so they work under any
backend, in tests with ``MPLBACKEND=Agg`` and in notebooks alike.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from dlref._validate import as_float_array, check_int, check_same_length

#: Environment variable naming the folder `save_figure` writes to (default: the cwd).
FIGURE_DIR_ENV = "DLREF_FIGURE_DIR"

_SAVE_FORMATS = ("svg", "png")


def plot_functions(
    curves: dict[
        str, tuple[Callable[[np.ndarray], np.ndarray], Callable[[np.ndarray], np.ndarray]]
    ],
    x: ArrayLike | None = None,
    *,
    titles: tuple[str, str] = ("f(x)", "f'(x)"),
) -> Figure:
    """Plot each function next to its derivative, on two axes that share the x range.

    ``curves`` maps a label to ``(function, derivative)``; ``x`` defaults to 401 points in
    [-5, 5].
    """
    if not isinstance(curves, dict) or not curves:
        raise ValueError("curves must be a non-empty dict of label -> (function, derivative)")
    grid = np.linspace(-5.0, 5.0, 401) if x is None else as_float_array(x, "x")
    if grid.ndim != 1 or grid.size < 2:
        raise ValueError(f"x must be a 1-D array of at least 2 points; got shape {grid.shape}")
    fig = Figure(figsize=(9, 3.4), layout="constrained")
    ax_f, ax_d = fig.subplots(1, 2, sharex=True)
    for label, pair in curves.items():
        if not (isinstance(pair, tuple) and len(pair) == 2 and all(map(callable, pair))):
            raise TypeError(f"curves[{label!r}] must be a (function, derivative) pair of callables")
        function, derivative = pair
        ax_f.plot(grid, function(grid), label=label)
        ax_d.plot(grid, derivative(grid), label=label)
    for ax, title in zip((ax_f, ax_d), titles, strict=True):
        ax.set_title(title)
        ax.axhline(0, color="0.6", linewidth=0.8)
        ax.axvline(0, color="0.6", linewidth=0.8)
        ax.grid(alpha=0.3)
        ax.set_xlabel("x")
    ax_f.legend(loc="upper left", fontsize="small")
    return fig


def save_figure(fig: Figure, name: str, directory: str | os.PathLike[str] | None = None) -> Path:
    """Save ``fig`` as ``<directory>/<name>`` and return the path.

    ``name`` ends in ``.svg`` or ``.png``. ``directory`` defaults to ``$DLREF_FIGURE_DIR`` or the
    current folder. SVG output is byte-for-byte reproducible (fixed hash salt, no date).
    """
    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure; got {type(fig).__name__}")
    path = Path(name)
    if path.suffix.lstrip(".") not in _SAVE_FORMATS or path.name != name:
        raise ValueError(f"name must be a file name ending in .svg or .png; got {name!r}")
    folder = Path(directory if directory is not None else os.environ.get(FIGURE_DIR_ENV, "."))
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / path
    import matplotlib

    with matplotlib.rc_context({"svg.hashsalt": "dlref", "svg.fonttype": "none"}):
        metadata = {"Date": None} if target.suffix == ".svg" else {"Software": None}
        fig.savefig(target, metadata=metadata, facecolor="white")
    return target


__all__ = [
    "FIGURE_DIR_ENV",
    "plot_clusters",
    "plot_confusion_matrix",
    "plot_decision_boundary",
    "plot_functions",
    "plot_gan_samples",
    "plot_history",
    "plot_image_grid",
    "plot_layer_gradients",
    "plot_optimizer_paths",
    "save_figure",
]


def plot_layer_gradients(norms: dict[str, ArrayLike], *, log_scale: bool = True) -> Figure:
    """Plot, per network, the gradient norm of each layer (layer 1 = closest to the input)."""
    if not isinstance(norms, dict) or not norms:
        raise ValueError("norms must be a non-empty dict of label -> per-layer gradient norms")
    fig = Figure(figsize=(6.4, 3.4), layout="constrained")
    ax = fig.subplots()
    for label, values in norms.items():
        values = as_float_array(values, f"norms[{label!r}]")
        if values.ndim != 1 or values.size == 0:
            raise ValueError(
                f"norms[{label!r}] must be a non-empty 1-D sequence; got shape {values.shape}"
            )
        ax.plot(np.arange(1, values.size + 1), values, marker="o", markersize=3, label=label)
    if log_scale:
        ax.set_yscale("log")
    ax.set_xlabel("layer (1 = input side)")
    ax.set_ylabel("gradient norm ‖∂L/∂W‖")
    ax.grid(alpha=0.3, which="both")
    ax.legend(fontsize="small")
    return fig


# --- training curves, decision boundaries, images, optimisers, clusters -------------


def _history_dict(history: Any) -> dict[str, np.ndarray]:
    logs = getattr(history, "history", history)
    if not isinstance(logs, Mapping) or not logs:
        raise ValueError(
            "history must be a keras History or a non-empty dict of metric -> per-epoch values"
        )
    curves = {}
    for key, values in logs.items():
        array = as_float_array(values, f"history[{key!r}]")
        if array.ndim != 1 or array.size == 0:
            raise ValueError(
                f"history[{key!r}] must be a non-empty 1-D sequence; got shape {array.shape}"
            )
        curves[str(key)] = array
    return curves


def plot_history(history: Any) -> Figure:
    """Training curves from ``model.fit``: one axis per metric, training and validation together.

    ``history`` is a ``keras.callbacks.History`` or its ``.history`` dict; a ``val_<name>``
    curve is drawn dashed on the axis of ``<name>``. Epochs are counted from 1.
    """
    curves = _history_dict(history)
    names = list(dict.fromkeys(k.removeprefix("val_") for k in curves))
    fig = Figure(figsize=(3.6 * len(names), 3.2), layout="constrained")
    axes = np.atleast_1d(fig.subplots(1, len(names), squeeze=False)[0])
    for ax, name in zip(axes, names, strict=True):
        for key, style, label in ((name, "-", "train"), (f"val_{name}", "--", "validation")):
            if key in curves:
                values = curves[key]
                ax.plot(
                    np.arange(1, values.size + 1),
                    values,
                    style,
                    marker="o",
                    markersize=3,
                    label=label,
                )
        ax.set_title(name)
        ax.set_xlabel("epoch")
        ax.grid(alpha=0.3)
        ax.legend(fontsize="small")
    return fig


def _points_2d(x: ArrayLike, name: str) -> np.ndarray:
    points = as_float_array(x, name)
    if points.ndim != 2 or points.shape[1] != 2 or points.shape[0] == 0:
        raise ValueError(f"{name} must have shape (n_samples, 2); got {points.shape}")
    return points


def _grid(points: np.ndarray, resolution: int, margin: float = 0.1) -> tuple[np.ndarray, ...]:
    low, high = points.min(axis=0), points.max(axis=0)
    pad = margin * np.maximum(high - low, 1e-9)
    xs = np.linspace(low[0] - pad[0], high[0] + pad[0], resolution)
    ys = np.linspace(low[1] - pad[1], high[1] + pad[1], resolution)
    return np.meshgrid(xs, ys)


def _to_classes(output: Any, n: int) -> np.ndarray:
    out = np.asarray(output)
    if out.ndim == 2 and out.shape[1] > 1:
        return out.argmax(axis=1)
    out = out.reshape(-1)
    if out.size != n:
        raise ValueError(f"predict_fn must return one prediction per grid point; got {out.size}")
    return out.astype(int) if out.dtype.kind in "iub" else (out > 0.5).astype(int)


def plot_decision_boundary(
    predict_fn: Callable[[np.ndarray], Any],
    X: ArrayLike,
    y: ArrayLike,
    resolution: int = 200,
) -> Figure:
    """Colour the plane by the class ``predict_fn`` assigns, with the points ``X`` on top.

    ``predict_fn`` maps an ``(m, 2)`` array to class scores ``(m, k)`` (argmax taken), to
    probabilities of class 1 ``(m,)`` (cut at 0.5), or to integer class ids.
    """
    if not callable(predict_fn):
        raise TypeError(f"predict_fn must be callable; got {type(predict_fn).__name__}")
    points = _points_2d(X, "X")
    labels = np.asarray(y)
    check_same_length(points, labels, "X", "y")
    resolution = check_int(resolution, "resolution", minimum=2)
    gx, gy = _grid(points, resolution)
    grid = np.column_stack([gx.ravel(), gy.ravel()]).astype(points.dtype)
    classes = _to_classes(predict_fn(grid), grid.shape[0]).reshape(gx.shape)
    k = int(max(classes.max(), labels.max())) + 1
    fig = Figure(figsize=(4.8, 4.2), layout="constrained")
    ax = fig.subplots()
    ax.contourf(gx, gy, classes, levels=np.arange(k + 1) - 0.5, cmap="coolwarm", alpha=0.3)
    ax.scatter(
        points[:, 0],
        points[:, 1],
        c=labels,
        cmap="coolwarm",
        vmin=0,
        vmax=max(k - 1, 1),
        edgecolors="k",
        linewidths=0.4,
        s=18,
    )
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    return fig


def _as_images(images: ArrayLike, name: str) -> np.ndarray:
    """``(n, h, w)`` grey or ``(n, h, w, 3)`` colour images (a single channel is squeezed)."""
    array = np.asarray(images)
    if array.dtype.kind not in "iuf":
        raise TypeError(f"{name} must hold numbers; got dtype {array.dtype}")
    if array.ndim == 4 and array.shape[-1] == 1:
        array = array[..., 0]
    if not (array.ndim == 3 or (array.ndim == 4 and array.shape[-1] == 3)) or len(array) == 0:
        raise ValueError(
            f"{name} must be (n, height, width), (n, height, width, 1) or (n, height, width, 3); "
            f"got shape {array.shape}"
        )
    if array.ndim == 4 and array.dtype.kind == "f":  # colour floats must lie in [0, 1]
        low = array.min(axis=(1, 2, 3), keepdims=True)
        high = array.max(axis=(1, 2, 3), keepdims=True)
        if low.min() < 0 or high.max() > 1:
            array = (array - low) / np.maximum(high - low, 1e-12)
    return array


def _show(ax: Any, image: np.ndarray, **kwargs: Any) -> None:
    kwargs.setdefault("cmap", "gray" if image.ndim == 2 else None)
    ax.imshow(image, interpolation="nearest", **kwargs)
    ax.set_xticks([])
    ax.set_yticks([])


def _image_axes(n: int, ncols: int, size: float = 1.3) -> tuple[Figure, list[Any]]:
    ncols = min(check_int(ncols, "ncols", minimum=1), n)
    nrows = -(-n // ncols)
    fig = Figure(figsize=(size * ncols, size * nrows + 0.3), layout="constrained")
    axes = list(np.ravel(fig.subplots(nrows, ncols, squeeze=False)))
    for ax in axes[n:]:
        fig.delaxes(ax)
    return fig, axes[:n]


def _name(index: Any, class_names: Sequence[str] | None) -> str:
    i = int(index)
    if class_names is None:
        return str(i)
    if not 0 <= i < len(class_names):
        raise ValueError(f"label {i} has no entry in class_names (length {len(class_names)})")
    return str(class_names[i])


def plot_image_grid(
    images: ArrayLike,
    labels: ArrayLike | None = None,
    predictions: ArrayLike | None = None,
    class_names: Sequence[str] | None = None,
    ncols: int = 8,
) -> Figure:
    """Images in a grid, titled with their label, or ``label / prediction`` (red when wrong)."""
    batch = _as_images(images, "images")
    fig, axes = _image_axes(len(batch), ncols)
    truth = None if labels is None else np.asarray(labels).reshape(-1)
    guess = None if predictions is None else np.asarray(predictions).reshape(-1)
    for arr, arg in ((truth, "labels"), (guess, "predictions")):
        if arr is not None and arr.size != len(batch):
            raise ValueError(f"{arg} must have one entry per image ({len(batch)}); got {arr.size}")
    for i, ax in enumerate(axes):
        _show(ax, batch[i])
        if truth is None and guess is None:
            continue
        parts = [_name(a[i], class_names) for a in (truth, guess) if a is not None]
        wrong = truth is not None and guess is not None and truth[i] != guess[i]
        ax.set_title(" / ".join(parts), fontsize="small", color="tab:red" if wrong else "black")
    return fig


def plot_confusion_matrix(
    cm: ArrayLike, class_names: Sequence[str] | None = None, *, normalize: bool = False
) -> Figure:
    """A confusion matrix (rows: true class, columns: predicted) with the count in each cell.

    ``normalize=True`` shows each row as fractions of that class (the per-class recall on the
    diagonal).
    """
    matrix = as_float_array(cm, "cm")
    if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1] or matrix.shape[0] == 0:
        raise ValueError(f"cm must be a square (k, k) matrix; got shape {matrix.shape}")
    k = matrix.shape[0]
    names = [str(i) for i in range(k)] if class_names is None else [str(c) for c in class_names]
    if len(names) != k:
        raise ValueError(f"class_names must have {k} entries, one per row of cm; got {len(names)}")
    if normalize:
        totals = matrix.sum(axis=1, keepdims=True)
        matrix = np.divide(matrix, totals, out=np.zeros_like(matrix), where=totals > 0)
    side = max(3.2, 0.45 * k + 1.6)
    fig = Figure(figsize=(side + 0.8, side), layout="constrained")
    ax = fig.subplots()
    image = ax.imshow(matrix, cmap="Blues")
    fig.colorbar(image, ax=ax, shrink=0.8)
    threshold = matrix.max() / 2 if matrix.max() > 0 else 1.0
    for (row, col), value in np.ndenumerate(matrix):
        text = f"{value:.2f}" if normalize else f"{value:.0f}"
        ax.text(
            col,
            row,
            text,
            ha="center",
            va="center",
            fontsize="x-small" if k > 10 else "small",
            color="white" if value > threshold else "black",
        )
    ax.set_xticks(range(k), names, rotation=45 if max(map(len, names)) > 3 else 0)
    ax.set_yticks(range(k), names)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    return fig


def _limits(value: Any, name: str) -> tuple[float, float]:
    try:
        low, high = (float(v) for v in value)
    except (TypeError, ValueError) as error:
        raise TypeError(f"{name} must be a (low, high) pair of numbers; got {value!r}") from error
    if not (np.isfinite(low) and np.isfinite(high) and low < high):
        raise ValueError(f"{name} must be finite with low < high; got {value!r}")
    return low, high


def plot_optimizer_paths(
    f: Callable[[np.ndarray, np.ndarray], np.ndarray],
    paths: Mapping[str, ArrayLike],
    xlim: tuple[float, float] = (-2.0, 2.0),
    ylim: tuple[float, float] = (-2.0, 2.0),
    *,
    levels: int | Sequence[float] = 30,
    resolution: int = 200,
    minimum: tuple[float, float] | None = None,
    labels: tuple[str, str] = ("$w_1$", "$w_2$"),
    title: str | None = None,
    figsize: tuple[float, float] = (5.4, 4.4),
    ax: Axes | None = None,
) -> Figure:
    """Contours of ``f(x, y)`` with each optimiser's path ``(steps, 2)`` drawn on top.

    ``f`` is called once on two meshgrid arrays and must return an array of their shape.
    ``levels`` is a number of contour levels or the increasing levels themselves. Each path is a
    line with a circle at its start and a cross at its end; ``minimum``, if given, is marked with
    a black star. ``ax``, an axis of a `Figure`, draws into that axis (one panel of a larger
    figure) instead of a new figure; ``figsize`` is then ignored and ``ax``'s figure is returned.
    """
    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes or None; got {type(ax).__name__}")
    if not callable(f):
        raise TypeError(f"f must be callable; got {type(f).__name__}")
    if not isinstance(paths, Mapping) or not paths:
        raise ValueError("paths must be a non-empty dict of label -> (steps, 2) array")
    x0, x1 = _limits(xlim, "xlim")
    y0, y1 = _limits(ylim, "ylim")
    resolution = check_int(resolution, "resolution", minimum=2)
    if isinstance(levels, int | np.integer) and not isinstance(levels, bool):
        contour_levels: int | np.ndarray = check_int(levels, "levels", minimum=2)
    else:
        contour_levels = as_float_array(levels, "levels")
        if contour_levels.ndim != 1 or contour_levels.size < 2:
            raise ValueError(
                f"levels must be an int >= 2 or at least 2 increasing numbers; got {levels!r}"
            )
        if np.any(np.diff(contour_levels) <= 0):
            raise ValueError(f"levels must be increasing; got {levels!r}")
    gx, gy = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
    z = np.asarray(f(gx, gy), dtype=float)
    if z.shape != gx.shape:
        raise ValueError(f"f(x, y) must return an array of shape {gx.shape}; got {z.shape}")
    if ax is None:
        fig = Figure(figsize=figsize, layout="constrained")
        ax = fig.subplots()
    else:
        fig = ax.figure.figure  # the root Figure, also when ax lies in a SubFigure
    ax.contour(gx, gy, z, levels=contour_levels, colors="0.75", linewidths=0.7)
    for label, path in paths.items():
        points = as_float_array(path, f"paths[{label!r}]")
        if points.ndim != 2 or points.shape[1] != 2 or len(points) == 0:
            raise ValueError(f"paths[{label!r}] must have shape (steps, 2); got {points.shape}")
        (line,) = ax.plot(points[:, 0], points[:, 1], marker=".", markersize=3, label=label)
        ax.plot(*points[0], "o", color=line.get_color(), markersize=6)
        ax.plot(*points[-1], "x", color=line.get_color(), markersize=8, markeredgewidth=2)
    if minimum is not None:
        star = as_float_array(minimum, "minimum")
        if star.shape != (2,) or not np.all(np.isfinite(star)):
            raise ValueError(f"minimum must be a finite (x, y) pair; got {minimum!r}")
        ax.plot(*star, "k*", markersize=10)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_xlabel(labels[0])
    ax.set_ylabel(labels[1])
    if title is not None:
        ax.set_title(title)
    ax.legend(fontsize="small", loc="lower right")
    return fig


def _as_points(samples: ArrayLike, name: str) -> np.ndarray | None:
    """``(m, 1)`` or ``(m, 2)`` float points for 1-D/2-D samples (``(m,)`` becomes ``(m, 1)``);
    None for anything with more dimensions (images)."""
    array = np.asarray(samples)
    if array.ndim == 1:
        array = array[:, None]
    if array.ndim != 2:
        return None
    if array.dtype.kind not in "iuf":
        raise TypeError(f"{name} must hold numbers; got dtype {array.dtype}")
    if array.shape[1] not in (1, 2) or len(array) == 0:
        raise ValueError(
            f"{name} must be points of shape (m,), (m, 1) or (m, 2), or images; "
            f"got shape {array.shape}"
        )
    array = array.astype(float)
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} contains NaN or infinite values")
    return array


def _plot_gan_points(real: np.ndarray, rows: list[tuple[str, np.ndarray]]) -> Figure:
    dim = real.shape[1]
    for label, points in rows:
        if points.shape[1] != dim:
            raise ValueError(
                f"samples of {label} have {points.shape[1]} coordinates; the real data has {dim}"
            )
    panels = [("real", real), *rows]
    fig = Figure(figsize=(2.3 * len(panels) + 0.4, 2.6), layout="constrained")
    axes = fig.subplots(1, len(panels), sharex=True, sharey=True, squeeze=False)[0]
    if dim == 1:
        everything = np.concatenate([points[:, 0] for _, points in panels])
        low, high = np.quantile(everything, [0.005, 0.995])
        bins = np.linspace(low, high, 41)
        for i, (ax, (label, points)) in enumerate(zip(axes, panels, strict=True)):
            ax.hist(points[:, 0], bins=bins, density=True, color="C0" if i else "0.55", alpha=0.8)
            if i:  # the real data as an outline over every generated histogram
                ax.hist(real[:, 0], bins=bins, density=True, histtype="step", color="0.3", lw=0.9)
            ax.set_title(label, fontsize="small")
            ax.set_xlabel("$x$")
        axes[0].set_ylabel("density")
    else:
        for i, (ax, (label, points)) in enumerate(zip(axes, panels, strict=True)):
            if i:
                ax.scatter(*real.T, s=3, c="0.8", linewidths=0)
            ax.scatter(*points.T, s=3, c="C0" if i else "0.45", linewidths=0)
            ax.set_title(label, fontsize="small")
            ax.set_xlabel("$x_1$")
            ax.set_aspect("equal", adjustable="datalim")
        axes[0].set_ylabel("$x_2$")
    return fig


def plot_gan_samples(
    real: ArrayLike, samples_by_epoch: Mapping[int, ArrayLike], n: int = 8
) -> Figure:
    """Real samples next to generated samples after each epoch in ``samples_by_epoch``.

    Images ``(m, h, w[, c])``: a row of ``n`` real images, then one row of ``n`` generated
    images per epoch. Points ``(m,)``, ``(m, 1)`` or ``(m, 2)``: one panel per set, left to
    right, all of its points (a histogram in 1-D, a scatter plot in 2-D), with the real data
    drawn in grey with each generated set; ``n`` is not used.
    """
    if not isinstance(samples_by_epoch, Mapping) or not samples_by_epoch:
        raise ValueError("samples_by_epoch must be a non-empty dict of epoch -> samples")
    points = _as_points(real, "real")
    if points is not None:
        rows = []
        for e, s in sorted(samples_by_epoch.items()):
            generated = _as_points(s, f"samples_by_epoch[{e!r}]")
            if generated is None:
                raise ValueError(
                    f"samples_by_epoch[{e!r}] must be points like the real data; "
                    f"got shape {np.shape(s)}"
                )
            rows.append((f"epoch {e}", generated))
        return _plot_gan_points(points, rows)
    rows = [("real", _as_images(real, "real"))]
    rows += [
        (f"epoch {e}", _as_images(s, f"samples_by_epoch[{e!r}]"))
        for e, s in sorted(samples_by_epoch.items())
    ]
    n = min(check_int(n, "n", minimum=1), *(len(images) for _, images in rows))
    fig = Figure(figsize=(1.1 * n + 0.8, 1.1 * len(rows)), layout="constrained")
    grid = fig.subplots(len(rows), n, squeeze=False)
    for (label, images), axes in zip(rows, grid, strict=True):
        for i, ax in enumerate(axes):
            _show(ax, images[i])
        axes[0].set_ylabel(label, rotation=0, ha="right", va="center", fontsize="small")
    return fig


def plot_clusters(X: ArrayLike, labels: ArrayLike, centers: ArrayLike | None = None) -> Figure:
    """Points coloured by cluster; label -1 (noise, as DBSCAN marks it) in grey; centres as X."""
    points = _points_2d(X, "X")
    assigned = np.asarray(labels)
    if assigned.ndim != 1 or assigned.dtype.kind not in "iu":
        raise ValueError(
            f"labels must be a 1-D integer array; got {assigned.dtype} {assigned.shape}"
        )
    check_same_length(points, assigned, "X", "labels")
    fig = Figure(figsize=(4.8, 4.2), layout="constrained")
    ax = fig.subplots()
    noise = assigned < 0
    if noise.any():
        ax.scatter(*points[noise].T, c="0.7", s=12, label="noise")
    top = int(assigned.max(initial=0))
    cmap = "tab10" if top < 10 else "turbo"  # tab10 has ten distinct colours
    ax.scatter(*points[~noise].T, c=assigned[~noise], cmap=cmap, vmin=0, vmax=max(top, 9), s=14)
    if centers is not None:
        middle = _points_2d(centers, "centers")
        ax.scatter(*middle.T, marker="X", c="black", s=120, edgecolors="white", label="centres")
    if noise.any() or centers is not None:
        ax.legend(fontsize="small")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    return fig
