"""The figure check (``make check-figures``): float noise passes, real changes fail."""

from __future__ import annotations

from sitetools.figures import TOLERANCE, difference

SVG = (
    '<path d="M 10.000001 20.5 L 30 40" clip-path="url(#p6ed30a37fe)"/><text x="5">epoch 10</text>'
)


def test_identical_and_noisy_figures_pass():
    assert difference(SVG, SVG) is None
    noisy = SVG.replace("10.000001", "10.000003").replace("p6ed30a37fe", "pca05b7749c")
    assert difference(SVG, noisy) is None


def test_a_moved_curve_fails():
    moved = SVG.replace("20.5", f"{20.5 + 10 * TOLERANCE}")
    assert "numbers differ by up to 0.1" in difference(SVG, moved)


def test_changed_text_or_an_extra_point_fails():
    relabelled = SVG.replace("epoch 10", "epochs 10")
    assert "different elements or text" in difference(SVG, relabelled)
    extra = SVG.replace("L 30 40", "L 30 40 L 50 60")
    assert "different elements or text" in difference(SVG, extra)
