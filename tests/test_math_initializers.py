"""dlref.math.initializers against keras.initializers and the variance formulas.

Statistical checks: with a fixed seed and 10^6 weights, the sample mean and variance of each
initialiser lie within a tolerance of the formula ($s/n$) and of the same statistics of the
Keras initialiser's samples (``GlorotUniform``, ``GlorotNormal``, ``HeUniform``, ``HeNormal``,
``LecunNormal``); the fans equal Keras's ``compute_fans``; uniform samples stay inside
$[-\\ell, \\ell]$ and truncated normal ones inside two standard deviations.
"""

from __future__ import annotations

import math

import keras
import numpy as np
import pytest
from keras.src.initializers.random_initializers import compute_fans as keras_compute_fans

from dlref.math.initializers import (
    TRUNCATED_STD,
    compute_fans,
    glorot_normal,
    glorot_uniform,
    he_normal,
    he_uniform,
    lecun_normal,
)

# name: (ours, keras class, scale, mode, uniform?)
INITIALIZERS = {
    "glorot_uniform": (glorot_uniform, keras.initializers.GlorotUniform, 1.0, "avg", True),
    "glorot_normal": (glorot_normal, keras.initializers.GlorotNormal, 1.0, "avg", False),
    "he_uniform": (he_uniform, keras.initializers.HeUniform, 2.0, "in", True),
    "he_normal": (he_normal, keras.initializers.HeNormal, 2.0, "in", False),
    "lecun_normal": (lecun_normal, keras.initializers.LecunNormal, 1.0, "in", False),
}
SHAPES = [(1000, 1000), (5, 5, 200, 160)]  # a dense and a convolution kernel, 10^6 weights each


def _variance(shape, scale, mode):
    fan_in, fan_out = compute_fans(shape)
    return scale / (fan_in if mode == "in" else (fan_in + fan_out) / 2)


@pytest.mark.parametrize("shape", [(7,), (3, 4), (3, 3, 16, 32), (2, 3, 5, 4, 6)])
def test_fans_equal_keras(shape):
    assert compute_fans(shape) == keras_compute_fans(shape)


def test_truncated_std_is_that_of_a_standard_normal_cut_at_two():
    x = np.linspace(-2, 2, 400_001)
    density = np.exp(-(x**2) / 2)
    variance = np.trapezoid(x**2 * density, x) / np.trapezoid(density, x)
    assert math.sqrt(variance) == pytest.approx(TRUNCATED_STD, abs=1e-9)


@pytest.mark.parametrize("shape", SHAPES, ids=["dense", "conv"])
@pytest.mark.parametrize("name", INITIALIZERS)
def test_mean_and_variance_match_formula_and_keras(name, shape):
    ours, keras_class, scale, mode, uniform = INITIALIZERS[name]
    w = ours(shape, seed=0)
    theirs = keras.ops.convert_to_numpy(keras_class(seed=0)(shape, dtype="float64"))
    assert w.shape == shape and w.dtype == np.float64
    expected = _variance(shape, scale, mode)
    # the sample variance of 10^6 draws is within about 0.3 % of the true one (a few sigma)
    assert w.var() == pytest.approx(expected, rel=0.01)
    assert theirs.var() == pytest.approx(expected, rel=0.01)
    assert w.var() == pytest.approx(theirs.var(), rel=0.015)
    assert abs(w.mean()) < 5 * math.sqrt(expected / w.size)
    bound = math.sqrt(3 * expected) if uniform else 2 * math.sqrt(expected) / TRUNCATED_STD
    assert np.abs(w).max() <= bound and np.abs(theirs).max() <= bound * (1 + 1e-6)
    # both fill their support: the largest weight is close to the bound
    assert np.abs(w).max() > 0.99 * bound


def test_uniform_limits_are_the_documented_ones():
    w = glorot_uniform((100, 300), seed=1)
    assert np.abs(w).max() <= math.sqrt(6 / 400)
    w = he_uniform((50, 10), seed=1)
    assert np.abs(w).max() <= math.sqrt(6 / 50)


def test_seed_reproduces_and_generators_are_shared():
    assert np.array_equal(he_normal((4, 5), seed=3), he_normal((4, 5), seed=3))
    rng = np.random.default_rng(0)
    first, second = he_normal((4, 5), seed=rng), he_normal((4, 5), seed=rng)
    assert not np.array_equal(first, second)


def test_an_int_shape_is_a_vector():
    assert lecun_normal(6, seed=0).shape == (6,)


@pytest.mark.parametrize(
    ("shape", "seed", "error", "match"),
    [
        ((), 0, ValueError, "shape"),
        ((3, 0), 0, ValueError, r"shape\[1\]"),
        ((3, -2), 0, ValueError, r"shape\[1\]"),
        ((3, 2.0), 0, TypeError, r"shape\[1\]"),
        ("34", 0, TypeError, "shape"),
        (None, 0, TypeError, "shape"),
        ((3, 4), -1, ValueError, "seed"),
        ((3, 4), 1.5, TypeError, "seed"),
    ],
)
@pytest.mark.parametrize("name", INITIALIZERS)
def test_bad_input_raises_naming_the_argument(name, shape, seed, error, match):
    with pytest.raises(error, match=match):
        INITIALIZERS[name][0](shape, seed=seed)
