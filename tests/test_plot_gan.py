"""dlref.plot.plot_gan_samples: image rows, and 1-D/2-D point panels for toy GANs."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from dlref.plot import plot_gan_samples

RNG = np.random.default_rng(0)


def test_images_one_row_per_set():
    real = RNG.random((10, 8, 8))
    fig = plot_gan_samples(real, {1: RNG.random((10, 8, 8, 1)), 5: RNG.random((10, 8, 8))}, n=4)
    assert isinstance(fig, Figure)
    assert len(fig.axes) == 3 * 4


@pytest.mark.parametrize("shape", [(300,), (300, 1)])
def test_one_dimensional_points_are_histograms(shape):
    real = RNG.normal(size=shape)
    fig = plot_gan_samples(real, {3: RNG.normal(size=(200, 1)), 1: RNG.normal(size=200)})
    assert [ax.get_title() for ax in fig.axes] == ["real", "epoch 1", "epoch 3"]
    # real panel: one histogram; generated panels: real outline + generated bars
    assert len(fig.axes[0].patches) == 40
    assert len(fig.axes[1].patches) == 41


def test_two_dimensional_points_are_scatter_plots():
    real = RNG.normal(size=(100, 2))
    fig = plot_gan_samples(real, {2: RNG.normal(size=(50, 2))})
    assert [len(ax.collections) for ax in fig.axes] == [1, 2]
    offsets = fig.axes[1].collections[1].get_offsets()
    assert offsets.shape == (50, 2)


def test_bad_input():
    real = RNG.normal(size=(100, 2))
    with pytest.raises(ValueError, match="samples_by_epoch"):
        plot_gan_samples(real, {})
    with pytest.raises(ValueError, match="coordinates"):
        plot_gan_samples(real, {1: RNG.normal(size=(50, 1))})
    with pytest.raises(ValueError, match="points like the real data"):
        plot_gan_samples(real, {1: RNG.random((5, 8, 8))})
    with pytest.raises(ValueError, match="shape"):
        plot_gan_samples(RNG.normal(size=(100, 3)), {1: RNG.normal(size=(50, 3))})
    with pytest.raises(ValueError, match="NaN"):
        plot_gan_samples(real, {1: np.full((5, 2), np.nan)})
    with pytest.raises(TypeError, match="numbers"):
        plot_gan_samples(np.array([["a"], ["b"]]), {1: RNG.normal(size=(5, 1))})
