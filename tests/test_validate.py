"""The shared argument checks in dlref._validate, modelled on scikit-learn's, and log_sum_exp."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.special import logsumexp

from dlref._validate import check_bool, check_finite_scalar, check_random_state
from dlref.math import log_sum_exp


@pytest.mark.parametrize(
    ("boundaries", "value", "message"),
    [
        ("both", 1.5, r"x must be in \[0, 1\]; got 1.5"),
        ("left", 1.0, r"x must be in \[0, 1\); got 1.0"),
        ("right", 0.0, r"x must be in \(0, 1\]; got 0.0"),
        ("neither", 0.0, r"x must be in \(0, 1\); got 0.0"),
    ],
)
def test_include_boundaries_like_sklearn_check_scalar(boundaries, value, message):
    with pytest.raises(ValueError, match=message):
        check_finite_scalar(value, "x", minimum=0.0, maximum=1.0, include_boundaries=boundaries)
    inside = {"both": [0.0, 1.0], "left": [0.0], "right": [1.0], "neither": [0.5]}[boundaries]
    for ok in inside:
        assert (
            check_finite_scalar(ok, "x", minimum=0.0, maximum=1.0, include_boundaries=boundaries)
            == ok
        )


def test_one_sided_bounds_hints_and_types():
    with pytest.raises(ValueError, match=r"lr must be > 0.0; got 0.0"):
        check_finite_scalar(0.0, "lr", minimum=0.0, include_boundaries="neither")
    with pytest.raises(ValueError, match=r"p must be <= 1; got 2.0"):
        check_finite_scalar(2, "p", maximum=1)
    with pytest.raises(ValueError, match=r"gamma must be in \[0, 1\) so returns are finite"):
        check_finite_scalar(
            1.0,
            "gamma",
            minimum=0,
            maximum=1,
            include_boundaries="left",
            hint=" so returns are finite",
        )
    with pytest.raises(TypeError, match="x must be a real number; got bool"):
        check_finite_scalar(True, "x")
    with pytest.raises(ValueError, match="x must be finite; got nan"):
        check_finite_scalar(float("nan"), "x")
    with pytest.raises(ValueError, match="include_boundaries must be one of"):
        check_finite_scalar(0.5, "x", minimum=0, include_boundaries="closed")


def test_check_bool():
    assert check_bool(np.bool_(True), "flag") is True
    for bad in (1, "yes", None):
        with pytest.raises(TypeError, match="flag must be a bool"):
            check_bool(bad, "flag")


def test_check_random_state():
    generator = np.random.default_rng(3)
    assert check_random_state(generator) is generator
    assert check_random_state(7).random() == np.random.default_rng(7).random()
    assert isinstance(check_random_state(None), np.random.Generator)
    with pytest.raises(ValueError, match="random_state must be >= 0"):
        check_random_state(-1)
    with pytest.raises(
        TypeError, match=r"rng must be None, an int seed or a numpy\.random\.Generator"
    ):
        check_random_state(1.5, "rng")


def test_log_sum_exp_matches_scipy():
    x = np.random.default_rng(0).normal(scale=50.0, size=(4, 5, 6))
    for axis in (0, 1, -1):
        np.testing.assert_allclose(log_sum_exp(x, axis=axis), logsumexp(x, axis=axis), rtol=1e-13)
    kept = log_sum_exp(x, axis=1, keepdims=True)
    assert kept.shape == (4, 1, 6)
    assert log_sum_exp(np.array([1e4, 1e4])) == pytest.approx(1e4 + np.log(2.0))
    assert log_sum_exp(np.array([-np.inf, -np.inf])) == -np.inf
    with pytest.raises(ValueError, match="axis=2 is out of range"):
        log_sum_exp(np.ones((2, 2)), axis=2)
