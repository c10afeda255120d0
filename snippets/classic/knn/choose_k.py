import numpy as np
from sklearn.datasets import make_moons
from sklearn.model_selection import StratifiedKFold, train_test_split

from dlref.classic.neighbors import KNeighborsClassifier
from dlref.plot import plot_decision_boundary, save_figure

X, y = make_moons(n_samples=400, noise=0.3, random_state=0)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.5, random_state=0)
folds = list(StratifiedKFold(n_splits=5, shuffle=True, random_state=0).split(X_train, y_train))

cv = {}
for k in (1, 3, 5, 9, 15, 31, 61, 101):
    model = KNeighborsClassifier(k).fit(X_train, y_train)
    cv[k] = np.mean(
        [
            KNeighborsClassifier(k)
            .fit(X_train[fit], y_train[fit])
            .score(X_train[val], y_train[val])
            for fit, val in folds
        ]
    )
    print(
        f"k = {k:3d}: train {model.score(X_train, y_train):.3f}, 5-fold CV {cv[k]:.3f}, "
        f"test {model.score(X_test, y_test):.3f}"
    )
best = max(cv, key=cv.get)
print(f"k chosen by cross-validation: {best}")

for k in (1, best):
    model = KNeighborsClassifier(k).fit(X_train, y_train)
    fig = plot_decision_boundary(model.predict, X_train, y_train)
    fig.axes[0].set_title(f"k-nearest neighbours, k = {k}")
    save_figure(fig, f"classic-knn-boundary-k{1 if k == 1 else 'cv'}.svg")
