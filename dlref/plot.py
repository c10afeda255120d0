"""Plotting helpers. Each returns a :class:`matplotlib.figure.Figure` and never opens a window.

Figures are built with the object-oriented API (no ``pyplot`` state), so they work under any
backend, in tests with ``MPLBACKEND=Agg`` and in notebooks alike.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from dlref._validate import as_float_array

#: Environment variable naming the folder :func:`save_figure` writes to (default: the cwd).
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


__all__ = ["FIGURE_DIR_ENV", "plot_functions", "plot_layer_gradients", "save_figure"]


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
