"""dlref.classic clustering and mixtures against scikit-learn: k-means, agglomerative, DBSCAN, GMM.

Random seeds differ between the two libraries, so results are compared where the answer does
not depend on them: well-separated blobs, on which k-means and EM reach the same optimum.
Tolerances: partitions equal up to relabelling (adjusted Rand index 1.0); k-means inertia
within 1e-6 relative; mixture means within 1e-2 and mean log-likelihood within 1e-3 relative
(both in fact agree to about 1e-12); agglomerative merges and heights to 1e-10. DBSCAN is
exact: its labels, core points and components equal scikit-learn's as numbers, also where a
distance equals eps exactly (integer coordinates) and where a border point touches two clusters.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn import cluster as sk_cluster
from sklearn.datasets import make_blobs, make_moons
from sklearn.metrics import adjusted_rand_score
from sklearn.mixture import GaussianMixture as SkGaussianMixture
from threadpoolctl import threadpool_limits

from dlref.classic.cluster import DBSCAN, AgglomerativeClustering, KMeans
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


# --- DBSCAN ------------------------------------------------------------------------------------


def _assert_same_as_sklearn(X, eps, min_samples):
    ours = DBSCAN(eps, min_samples=min_samples).fit(X)
    theirs = sk_cluster.DBSCAN(eps=eps, min_samples=min_samples).fit(X)
    np.testing.assert_array_equal(ours.labels_, theirs.labels_)
    np.testing.assert_array_equal(ours.core_sample_indices_, theirs.core_sample_indices_)
    np.testing.assert_array_equal(ours.components_, theirs.components_)
    np.testing.assert_array_equal(DBSCAN(eps, min_samples=min_samples).fit_predict(X), ours.labels_)
    assert ours.labels_.dtype == np.intp
    assert ours.components_.shape == (ours.core_sample_indices_.size, X.shape[1])
    return ours


def _blobs_with_noise():
    X, _ = make_blobs(200, centers=3, cluster_std=0.5, random_state=0)
    noise = np.random.default_rng(0).uniform(X.min(axis=0), X.max(axis=0), size=(40, 2))
    return np.vstack([X, noise])


def _integer_grid():
    # a 12 x 12 grid with holes and repeated points: many distances equal 1, sqrt(2) or 2 exactly
    rng = np.random.default_rng(1)
    grid = np.stack(np.meshgrid(np.arange(12.0), np.arange(12.0)), axis=-1).reshape(-1, 2)
    kept = grid[rng.uniform(size=len(grid)) < 0.6]
    X = np.vstack([kept, kept[rng.integers(len(kept), size=30)]])
    return X[rng.permutation(len(X))]


DBSCAN_CASES = {  # name: (X, eps, min_samples)
    "moons": (make_moons(300, noise=0.05, random_state=0)[0], 0.2, 5),
    "noisy moons": (make_moons(300, noise=0.12, random_state=0)[0], 0.25, 10),
    "blobs with noise": (_blobs_with_noise(), 0.5, 5),
    "uniform, sparse": (np.random.default_rng(2).uniform(size=(250, 2)), 0.05, 4),
    "uniform, 3-D": (np.random.default_rng(3).uniform(size=(200, 3)), 0.15, 5),
    "blobs in 20-D": (make_blobs(150, n_features=20, centers=3, random_state=4)[0], 4.0, 5),
    "grid, eps = 1 exactly": (_integer_grid(), 1.0, 4),
    "grid, eps = 2 exactly": (_integer_grid(), 2.0, 10),
    "duplicates only": (np.repeat([[0.0, 0.0], [1.0, 1.0], [5.0, 5.0]], [6, 2, 4], axis=0), 0.5, 4),
    "min_samples = 1": (np.random.default_rng(5).normal(size=(120, 2)), 0.2, 1),
    "all noise": (np.random.default_rng(6).normal(size=(50, 2)), 1e-3, 2),
    "one cluster": (np.random.default_rng(7).normal(size=(50, 2)), 100.0, 3),
}


@pytest.mark.parametrize("case", DBSCAN_CASES, ids=list(DBSCAN_CASES))
def test_dbscan_matches_sklearn(case):
    X, eps, min_samples = DBSCAN_CASES[case]
    model = _assert_same_as_sklearn(X, eps, min_samples)
    if case == "all noise":
        assert np.all(model.labels_ == -1) and model.components_.shape == (0, 2)
    if case == "one cluster":
        assert np.all(model.labels_ == 0)
    if case == "min_samples = 1":
        assert model.core_sample_indices_.size == len(X) and np.all(model.labels_ >= 0)


def test_dbscan_eps_is_inclusive_at_an_exact_distance():
    # x = 0, 1, 2, ..., 9 on a line: with eps = 1 each inner point has 3 neighbours, itself included
    X = np.arange(10.0)[:, None]
    at = _assert_same_as_sklearn(X, 1.0, 3)
    np.testing.assert_array_equal(at.core_sample_indices_, np.arange(1, 9))
    np.testing.assert_array_equal(at.labels_, np.zeros(10, dtype=int))  # ends are border points
    below = _assert_same_as_sklearn(X, np.nextafter(1.0, 0.0), 3)  # no neighbours but itself
    assert below.core_sample_indices_.size == 0 and np.all(below.labels_ == -1)
    # 3-4-5 triangles: the distance 5 is exact too
    X = np.array([[0.0, 0.0], [3.0, 4.0], [6.0, 8.0], [9.0, 12.0], [0.0, 30.0]])
    five = _assert_same_as_sklearn(X, 5.0, 2)
    np.testing.assert_array_equal(five.labels_, [0, 0, 0, 0, -1])


def test_dbscan_counts_duplicates_and_itself():
    X = np.array([[0.0, 0.0]] * 3 + [[10.0, 0.0]] * 2)
    model = _assert_same_as_sklearn(X, 0.1, 3)
    np.testing.assert_array_equal(model.labels_, [0, 0, 0, -1, -1])
    np.testing.assert_array_equal(model.core_sample_indices_, [0, 1, 2])


def _two_cores_one_border(order):
    left, p, right = [-1, -1, -1, 0], [1], [2, 3, 3, 3]
    rows = left + p + right if order == "left first" else right + p + left
    return np.array(rows, dtype=float)[:, None], rows.index(1)


@pytest.mark.parametrize("order", ["left first", "right first"])
def test_dbscan_border_point_joins_the_cluster_found_first(order):
    # x = 1 is a border point within eps = 1 of the cores at 0 and 2, which are in two clusters
    X, p = _two_cores_one_border(order)
    model = _assert_same_as_sklearn(X, 1.0, 5)
    assert sorted(X[model.core_sample_indices_, 0]) == [0.0, 2.0]
    first_core = model.core_sample_indices_[0]
    assert model.labels_[p] == model.labels_[first_core] == 0
    expected = [-1.0, 0.0] if order == "left first" else [2.0, 3.0]
    assert sorted(set(X[model.labels_ == 0, 0]) - {1.0}) == expected


@settings(max_examples=40, deadline=None)
@given(
    st.integers(1, 60),
    st.integers(1, 3),
    st.sampled_from([0.5, 1.0, 1.5, 2.0, 3.0]),
    st.integers(1, 7),
    st.integers(0, 2**32 - 1),
)
def test_dbscan_matches_sklearn_on_small_integer_data(n, d, eps, min_samples, seed):
    # small integer coordinates: many exact ties with eps, duplicates, shared border points
    X = np.random.default_rng(seed).integers(0, 6, size=(n, d)).astype(float)
    model = _assert_same_as_sklearn(X, eps, min_samples)
    # the rule: clusters numbered by their first core point, border points take the lowest number
    near = ((X[:, None, :] - X[None]) ** 2).sum(axis=2) <= eps**2
    core = np.zeros(n, dtype=bool)
    core[model.core_sample_indices_] = True
    for i in np.flatnonzero(~core):
        cores_near = np.flatnonzero(near[i] & core)
        assert model.labels_[i] == (model.labels_[cores_near].min() if cores_near.size else -1)
    first_cores = [
        np.flatnonzero(core & (model.labels_ == c))[0] for c in range(model.labels_.max() + 1)
    ]
    assert first_cores == sorted(first_cores)
    linked_i, linked_j = np.nonzero(near & core[:, None] & core[None, :])
    np.testing.assert_array_equal(model.labels_[linked_i], model.labels_[linked_j])


def test_dbscan_validates_its_arguments():
    X = np.ones((4, 2))
    for eps, error, message in [
        (0.0, ValueError, r"eps must be > 0.0; got 0.0"),
        (-1.0, ValueError, r"eps must be > 0.0; got -1.0"),
        (float("inf"), ValueError, r"eps must be finite; got inf"),
        ("0.5", TypeError, r"eps must be a real number; got str"),
    ]:
        with pytest.raises(error, match=message):
            DBSCAN(eps).fit(X)
    for min_samples, error, message in [
        (0, ValueError, r"min_samples must be >= 1; got 0"),
        (2.5, TypeError, r"min_samples must be an int; got float"),
        (True, TypeError, r"min_samples must be an int; got bool"),
    ]:
        with pytest.raises(error, match=message):
            DBSCAN(min_samples=min_samples).fit(X)
    with pytest.raises(ValueError, match=r"X must be 2-D .* got shape \(4,\)"):
        DBSCAN().fit(np.ones(4))
    with pytest.raises(ValueError, match="X must not contain NaN"):
        DBSCAN().fit([[0.0, np.nan], [1.0, 1.0]])
    assert not hasattr(DBSCAN(), "predict")  # like scikit-learn's: it labels only its data


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
