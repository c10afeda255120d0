import numpy as np
from sklearn.datasets import load_iris
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier as SkKNeighborsClassifier

from dlref.classic.neighbors import KNeighborsClassifier

X, y = load_iris(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=0)


def knn_predict(X_train, y_train, X_query, k):
    """Majority vote among the k nearest training points (Euclidean distance)."""
    distances = np.sqrt(((X_query[:, None, :] - X_train[None, :, :]) ** 2).sum(axis=2))
    nearest = np.argsort(distances, axis=1, kind="stable")[:, :k]  # (n_query, k) indices
    votes = np.array([np.bincount(y_train[row], minlength=3) for row in nearest])
    return votes.argmax(axis=1)  # a tied vote goes to the smallest class label


k = 5
by_hand = knn_predict(X_train, y_train, X_test, k)
ours = KNeighborsClassifier(k).fit(X_train, y_train)
theirs = SkKNeighborsClassifier(k, algorithm="brute").fit(X_train, y_train)
print("by hand == dlref:", np.array_equal(by_hand, ours.predict(X_test)))
print("dlref == scikit-learn:", np.array_equal(ours.predict(X_test), theirs.predict(X_test)))
print(
    "probabilities (vote shares) agree:",
    np.allclose(ours.predict_proba(X_test), theirs.predict_proba(X_test)),
)
print(f"test accuracy with k = {k}: {ours.score(X_test, y_test):.3f} ({len(y_test)} flowers)")

# three distances between the same two flowers
a, b = X_test[0], X_train[0]
print(
    f"Euclidean {np.sqrt(np.sum((a - b) ** 2)):.3f}, Manhattan {np.sum(np.abs(a - b)):.3f}, "
    f"Chebyshev {np.max(np.abs(a - b)):.3f}"
)
