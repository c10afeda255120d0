"""dlref.math.perceptron against scikit-learn's Perceptron and the neuron formula."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.datasets import make_blobs
from sklearn.linear_model import Perceptron as SkPerceptron

from dlref.math.activations import sigmoid
from dlref.math.perceptron import Perceptron, neuron


def test_neuron_is_an_affine_map_then_activation():
    rng = np.random.default_rng(0)
    x, w = rng.normal(size=(5, 3)), rng.normal(size=3)
    np.testing.assert_allclose(neuron(x, w, 0.5), x @ w + 0.5)
    np.testing.assert_allclose(neuron(x, w, 0.5, sigmoid), sigmoid(x @ w + 0.5))
    assert neuron(x[0], w, 0.0).shape == ()


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_matches_sklearn_step_for_step(seed):
    X, y = make_blobs(n_samples=80, centers=2, cluster_std=1.0, random_state=seed)
    ours = Perceptron(learning_rate=1.0, max_epochs=50).fit(X, y)
    theirs = SkPerceptron(eta0=1.0, max_iter=50, tol=None, shuffle=False, alpha=0.0).fit(X, y)
    np.testing.assert_allclose(ours.coef_, theirs.coef_.ravel())
    np.testing.assert_allclose(ours.intercept_, theirs.intercept_[0])
    np.testing.assert_array_equal(ours.predict(X), theirs.predict(X))


def test_converges_on_separable_data_and_labels_are_kept():
    X, y = make_blobs(n_samples=60, centers=[[-3, -3], [3, 3]], random_state=0)
    labels = np.array(["cat", "dog"])[y]
    model = Perceptron().fit(X, labels)
    assert model.converged_ and model.score(X, labels) == 1.0
    assert set(model.predict(X)) == {"cat", "dog"}


def test_does_not_converge_on_xor():
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    model = Perceptron(max_epochs=20).fit(X, [0, 1, 1, 0])
    assert not model.converged_ and len(model.errors_per_epoch_) == 20


def test_bad_input_is_named():
    with pytest.raises(ValueError, match="exactly 2 classes"):
        Perceptron().fit([[0.0], [1.0], [2.0]], [0, 1, 2])
    with pytest.raises(ValueError, match="X and y"):
        Perceptron().fit([[0.0], [1.0]], [0, 1, 1])
    with pytest.raises(ValueError, match="learning_rate"):
        Perceptron(learning_rate=0)
    with pytest.raises(ValueError, match="not fitted"):
        Perceptron().predict([[0.0]])
    with pytest.raises(ValueError, match="feature column"):
        Perceptron().fit([[0.0, 1.0], [1.0, 0.0]], [0, 1]).predict([[1.0]])
    with pytest.raises(ValueError, match="x must have shape"):
        neuron(np.ones((2, 3)), np.ones(4), 0.0)
