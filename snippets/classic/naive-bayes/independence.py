import numpy as np
from sklearn.datasets import make_classification
from sklearn.model_selection import train_test_split

from dlref.classic.naive_bayes import GaussianNB

X, y = make_classification(
    n_samples=600, n_features=2, n_informative=2, n_redundant=0, class_sep=0.7, random_state=0
)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.5, random_state=0)


def copies(data, m):
    """Feature 0 repeated m times, then feature 1: no new information."""
    return np.column_stack([np.repeat(data[:, :1], m, axis=1), data[:, 1:]])


# naive Bayes treats the m copies as m independent pieces of evidence
for m in (1, 3, 10):
    model = GaussianNB().fit(copies(X_train, m), y_train)
    p = np.clip(model.predict_proba(copies(X_test, m))[np.arange(len(y_test)), y_test], 1e-15, 1)
    confidence = model.predict_proba(copies(X_test, m)).max(axis=1).mean()
    print(
        f"feature 0 × {m:2d}: test accuracy {model.score(copies(X_test, m), y_test):.3f}, "
        f"mean confidence {confidence:.3f}, log loss {-np.log(p).mean():.3f}"
    )
