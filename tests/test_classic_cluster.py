"""dlref.classic clustering and mixtures against scikit-learn: k-means, agglomerative, GMM.

Random seeds differ between the two libraries, so results are compared where the answer does
not depend on them: well-separated blobs, on which k-means and EM reach the same optimum.
Tolerances: partitions equal up to relabelling (adjusted Rand index 1.0); k-means inertia
within 1e-6 relative; mixture means within 1e-2 and mean log-likelihood within 1e-3 relative
(both in fact agree to about 1e-12); agglomerative merges and heights to 1e-10.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn import cluster as sk_cluster
from sklearn.datasets import make_blobs
from sklearn.metrics import adjusted_rand_score
from sklearn.mixture import GaussianMixture as SkGaussianMixture
from threadpoolctl import threadpool_limits

from dlref.classic.cluster import AgglomerativeClustering, KMeans
from dlref.classic.mixture import GaussianMixture


def _match(ours, theirs):
    """Index into ``theirs`` of the row closest to each row of ``ours``."""
    return np.argmin(((ours[:, None, :] - theirs[None]) ** 2).sum(axis=2), axis=1)


@pytest.fixture(autouse=True)
def _one_thread():
    """One BLAS/OpenMP thread: these fits are small, and thread start-up only slows them down."""
    with threadpool_limits(1):
        yield


# --- k-means -----------------------------------------------------------------------------------


@pytest.mark.parametrize("init", ["k-means++", "random"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_kmeans_matches_sklearn_on_blobs(init, seed):
    X, _ = make_blobs(300, n_features=3, centers=4, cluster_std=1.0, random_state=seed)
    ours = KMeans(4, init=init, n_init=10, random_state=seed).fit(X)
    theirs = sk_cluster.KMeans(4, init=init, n_init=10, random_state=seed).fit(X)
    assert adjusted_rand_score(ours.labels_, theirs.labels_) == 1.0
    assert ours.inertia_ == pytest.approx(theirs.inertia_, rel=1e-6)
    matched = theirs.cluster_centers_[_match(ours.cluster_centers_, theirs.cluster_centers_)]
    np.testing.assert_allclose(ours.cluster_centers_, matched, atol=1e-8)
    np.testing.assert_array_equal(ours.predict(X), ours.labels_)
    assert ours.score(X) == pytest.approx(-ours.inertia_)
    columns = _match(theirs.cluster_centers_, ours.cluster_centers_)
    np.testing.assert_allclose(ours.transform(X)[:, columns], theirs.transform(X), atol=1e-8)


def test_kmeans_recovers_from_an_empty_cluster():
    # Three distinct points, each repeated: random seeds often coincide, leaving a cluster empty;
    # it is moved onto the point farthest from its centre, and every run ends with inertia 0.
    X = np.repeat([[0.0, 0.0], [5.0, 0.0], [0.0, 5.0]], 10, axis=0)
    for seed in range(5):
        model = KMeans(3, init="random", n_init=1, random_state=seed).fit(X)
        assert model.inertia_ == pytest.approx(0.0, abs=1e-12)
        assert np.unique(model.labels_).size == 3


def test_kmeans_single_cluster_is_the_mean():
    X = np.random.default_rng(0).normal(size=(50, 2))
    model = KMeans(1, n_init=1, random_state=0).fit(X)
    np.testing.assert_allclose(model.cluster_centers_[0], X.mean(axis=0))
    assert model.inertia_ == pytest.approx(((X - X.mean(axis=0)) ** 2).sum())


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 40), st.integers(1, 6), st.integers(0, 2**32 - 1))
def test_kmeans_labels_are_in_range_and_nearest(n, k, seed):
    k = min(k, n)
    X = np.random.default_rng(seed).normal(size=(n, 2))
    model = KMeans(k, n_init=2, random_state=seed).fit(X)
    assert model.labels_.shape == (n,)
    assert model.labels_.min() >= 0 and model.labels_.max() < k
    distances = ((X[:, None, :] - model.cluster_centers_[None]) ** 2).sum(axis=2)
    np.testing.assert_allclose(distances[np.arange(n), model.labels_], distances.min(axis=1))
    assert model.inertia_ == pytest.approx(distances.min(axis=1).sum(), rel=1e-9, abs=1e-9)


# --- agglomerative clustering -----------------------------------------------------------------


@pytest.mark.parametrize("linkage", ["single", "complete", "average", "ward"])
@pytest.mark.parametrize(("n", "seed"), [(60, 0), (100, 1), (150, 2)])
def test_agglomerative_matches_sklearn(linkage, n, seed):
    X, _ = make_blobs(n, centers=3, cluster_std=1.0, random_state=seed)
    ours = AgglomerativeClustering(3, linkage=linkage).fit(X)
    theirs = sk_cluster.AgglomerativeClustering(3, linkage=linkage, compute_distances=True).fit(X)
    assert adjusted_rand_score(ours.labels_, theirs.labels_) == 1.0
    merges = n - 3  # sklearn builds the whole tree; ours stops at n_clusters
    pairs, their_pairs = np.sort(ours.children_, axis=1), np.sort(theirs.children_, axis=1)
    np.testing.assert_array_equal(pairs, their_pairs[:merges])
    np.testing.assert_allclose(ours.distances_, theirs.distances_[:merges], atol=1e-10)
    assert ours.labels_[0] == 0 and np.unique(ours.labels_).size == 3


def test_single_linkage_cuts_at_the_widest_gap():
    # Points 1 apart along a line, with one gap of 5: single linkage chains along each arm.
    X = np.concatenate([np.arange(10.0), np.arange(14.0, 30.0)])[:, None]
    single = AgglomerativeClustering(2, linkage="single").fit(X)
    np.testing.assert_array_equal(single.labels_, np.repeat([0, 1], [10, 16]))
    assert single.distances_[-1] == 1.0  # every merge before the cut joins neighbours 1 apart


@settings(max_examples=20, deadline=None)
@given(st.integers(2, 30), st.integers(1, 5), st.sampled_from(["single", "complete", "average"]))
def test_agglomerative_makes_exactly_n_clusters(n, k, linkage):
    k = min(k, n)
    X = np.random.default_rng(n * 7 + k).normal(size=(n, 2))
    model = AgglomerativeClustering(k, linkage=linkage).fit(X)
    assert np.unique(model.labels_).size == k and model.labels_.max() == k - 1
    assert np.all(np.diff(model.distances_) >= -1e-12)  # these linkages never invert


# --- Gaussian mixture --------------------------------------------------------------------------


def _blobs(seed):
    X, _ = make_blobs(400, centers=3, cluster_std=[0.6, 1.0, 0.8], random_state=seed)
    return X @ np.array([[1.0, 0.3], [0.0, 1.0]])  # shear: the covariances are not diagonal


@pytest.mark.parametrize("covariance_type", ["full", "diag"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_gaussian_mixture_matches_sklearn(covariance_type, seed):
    X = _blobs(seed)
    ours = GaussianMixture(3, covariance_type=covariance_type, random_state=seed).fit(X)
    theirs = SkGaussianMixture(3, covariance_type=covariance_type, random_state=seed).fit(X)
    assert adjusted_rand_score(ours.predict(X), theirs.predict(X)) == 1.0
    order = _match(ours.means_, theirs.means_)
    np.testing.assert_allclose(ours.means_, theirs.means_[order], atol=1e-2)
    np.testing.assert_allclose(ours.weights_, theirs.weights_[order], atol=1e-3)
    np.testing.assert_allclose(ours.covariances_, theirs.covariances_[order], atol=1e-2)
    assert ours.score(X) == pytest.approx(theirs.score(X), rel=1e-3)
    np.testing.assert_allclose(ours.score_samples(X), theirs.score_samples(X), rtol=1e-3)
    np.testing.assert_allclose(ours.predict_proba(X), theirs.predict_proba(X)[:, order], atol=1e-6)
    assert ours.converged_ and ours.lower_bound_ == ours.lower_bounds_[-1]
    assert ours.lower_bound_ == pytest.approx(theirs.lower_bound_, rel=1e-3)


def test_em_never_lowers_the_likelihood():
    X = np.random.default_rng(0).normal(size=(200, 2))  # no clear clusters: many EM steps
    model = GaussianMixture(4, tol=1e-8, max_iter=60, init="random", random_state=0).fit(X)
    assert len(model.lower_bounds_) > 5
    assert np.all(np.diff(model.lower_bounds_) >= -1e-10)
    np.testing.assert_allclose(model.predict_proba(X).sum(axis=1), 1.0)
    assert model.weights_.sum() == pytest.approx(1.0)
    assert model.score(X) >= model.lower_bound_ - 1e-10  # the final M step can only help


# --- bad input ---------------------------------------------------------------------------------
