import numpy as np
from sklearn.datasets import load_digits
from sklearn.ensemble import RandomForestClassifier as SkRandomForestClassifier

from dlref.classic.ensemble import BaggingClassifier, RandomForestClassifier

X, y = load_digits(return_X_y=True)
order = np.random.default_rng(0).permutation(len(y))
X_train, y_train = X[order[:800]], y[order[:800]]
X_test, y_test = X[order[800:]], y[order[800:]]

bagging = BaggingClassifier(n_estimators=20, random_state=0).fit(X_train, y_train)
forest = RandomForestClassifier(n_estimators=20, max_features="sqrt", random_state=0)
forest.fit(X_train, y_train)
results = {}
for name, model in (("bagging", bagging), ("random forest", forest)):
    correct = np.array([tree.predict(X_test) == y_test for tree in model.estimators_], float)
    rho = np.corrcoef(correct)[np.triu_indices(len(correct), k=1)].mean()
    error = 1 - model.score(X_test, y_test)
    results[name] = (correct.mean(), rho, error)
    print(
        f"{name:<13}: one tree {correct.mean():.3f} correct, correlation between trees "
        f"{rho:.2f}, ensemble test error {error:.3f}"
    )
sk_forest = SkRandomForestClassifier(n_estimators=20, random_state=0).fit(X_train, y_train)
print(f"scikit-learn : ensemble test error {1 - sk_forest.score(X_test, y_test):.3f}")
(acc_bag, rho_bag, err_bag), (acc_rf, rho_rf, err_rf) = results.values()
assert rho_rf < rho_bag - 0.03 and acc_rf < acc_bag  # less alike, each one weaker
assert err_rf < err_bag  # here the decorrelation wins, by a few test images
assert abs(err_rf - (1 - sk_forest.score(X_test, y_test))) < 0.02
