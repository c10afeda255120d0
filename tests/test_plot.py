"""dlref.plot: figures are returned, never shown, and save reproducibly."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from dlref.math import relu, relu_grad
from dlref.plot import plot_functions, plot_layer_gradients, save_figure


def test_plot_functions_returns_figure_with_two_axes():
    fig = plot_functions({"relu": (relu, relu_grad)})
    assert isinstance(fig, Figure)
    left, right = fig.axes
    np.testing.assert_allclose(left.lines[0].get_ydata(), relu(left.lines[0].get_xdata()))
    np.testing.assert_allclose(right.lines[0].get_ydata(), relu_grad(right.lines[0].get_xdata()))


def test_svg_output_is_reproducible(tmp_path):
    first = save_figure(plot_functions({"relu": (relu, relu_grad)}), "a.svg", tmp_path)
    second = save_figure(plot_functions({"relu": (relu, relu_grad)}), "b.svg", tmp_path)
    assert first.read_bytes() == second.read_bytes()


def test_save_figure_uses_env_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("DLREF_FIGURE_DIR", str(tmp_path / "figs"))
    path = save_figure(plot_layer_gradients({"a": [1.0, 0.1]}), "g.png")
    assert path == tmp_path / "figs" / "g.png" and path.stat().st_size > 0


def test_bad_arguments_are_named(tmp_path):
    with pytest.raises(ValueError, match="curves"):
        plot_functions({})
    with pytest.raises(TypeError, match=r"curves\['r'\]"):
        plot_functions({"r": (relu,)})
    with pytest.raises(ValueError, match="x must be a 1-D"):
        plot_functions({"r": (relu, relu_grad)}, x=np.ones((2, 2)))
    with pytest.raises(ValueError, match="name"):
        save_figure(Figure(), "plot.pdf", tmp_path)
    with pytest.raises(TypeError, match="fig"):
        save_figure("not a figure", "a.svg", tmp_path)
    with pytest.raises(ValueError, match=r"norms\['x'\]"):
        plot_layer_gradients({"x": []})
