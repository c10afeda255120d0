"""MultinomialNB and BernoulliNB against scikit-learn and against the smoothed-count formulas."""

import numpy as np
import pytest
from sklearn import naive_bayes as sk

from dlref.classic import BernoulliNB, MultinomialNB


def _counts(seed=0):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, size=80)
    rates = rng.gamma(1.0, size=(3, 12))
    return rng.poisson(rates[y] * 2), y


@pytest.mark.parametrize("alpha", [1.0, 0.1, 1e-3])
@pytest.mark.parametrize("fit_prior", [True, False])
def test_multinomial_and_bernoulli_equal_scikit_learn(alpha, fit_prior):
    X, y = _counts()
    for ours, theirs in (
        (
            MultinomialNB(alpha=alpha, fit_prior=fit_prior),
            sk.MultinomialNB(alpha=alpha, fit_prior=fit_prior),
        ),
        (
            BernoulliNB(alpha=alpha, fit_prior=fit_prior),
            sk.BernoulliNB(alpha=alpha, fit_prior=fit_prior),
        ),
    ):
        ours.fit(X, y)
        theirs.fit(X, y)
        for name in ("feature_log_prob_", "class_log_prior_", "feature_count_", "class_count_"):
            assert np.allclose(getattr(ours, name), getattr(theirs, name), rtol=0, atol=1e-10)
        assert np.allclose(ours.predict_proba(X), theirs.predict_proba(X), rtol=0, atol=1e-10)
        assert np.array_equal(ours.predict(X), theirs.predict(X))


def test_laplace_smoothing_formula():
    X = np.array([[2, 0, 1], [0, 0, 3], [1, 1, 0]])
    y = np.array([0, 0, 1])
    m = MultinomialNB(alpha=1.0).fit(X, y)
    assert np.exp(m.feature_log_prob_[0]) == pytest.approx(np.array([3, 1, 5]) / 9)
    b = BernoulliNB(alpha=1.0).fit(X, y)
    assert np.exp(b.feature_log_prob_[0]) == pytest.approx(np.array([2, 1, 3]) / 4)
    assert MultinomialNB(class_prior=[0.25, 0.75]).fit(X, y).class_log_prior_ == pytest.approx(
        np.log([0.25, 0.75])
    )


@pytest.mark.parametrize(
    ("model", "error", "message"),
    [
        (MultinomialNB(alpha=0.0), ValueError, "alpha must be > 0"),
        (BernoulliNB(alpha=-1.0), ValueError, "alpha must be > 0"),
        (MultinomialNB(fit_prior="yes"), TypeError, "fit_prior must be a bool"),
        (MultinomialNB(class_prior=[0.6, 0.6]), ValueError, "class_prior must be"),
        (BernoulliNB(binarize="x"), TypeError, "binarize must be a real number"),
    ],
)
def test_bad_hyper_parameters_are_named(model, error, message):
    with pytest.raises(error, match=message):
        model.fit(np.ones((4, 2)), [0, 1, 0, 1])


def test_multinomial_refuses_negative_counts():
    with pytest.raises(ValueError, match="Negative values in data passed to MultinomialNB"):
        MultinomialNB().fit(-np.ones((2, 2)), [0, 1])
