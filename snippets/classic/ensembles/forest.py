import numpy as np
from sklearn.datasets import load_digits
from sklearn.ensemble import RandomForestClassifier as SkRandomForestClassifier

from dlref.classic.ensemble import RandomForestClassifier

X, y = load_digits(return_X_y=True)
for split in (0, 1):  # two different train/test splits of the digits
    order = np.random.default_rng(split).permutation(len(y))
    X_train, y_train = X[order[:500]], y[order[:500]]
    X_test, y_test = X[order[500:]], y[order[500:]]
    results = []
    for name, max_features in (("bagging", None), ("random forest", "sqrt")):
        # max_features=None is bagging; the same random_state draws the same bootstrap samples
        model = RandomForestClassifier(n_estimators=20, max_features=max_features, random_state=0)
        model.fit(X_train, y_train)
        correct = np.array([tree.predict(X_test) == y_test for tree in model.estimators_], float)
        rho = np.corrcoef(correct)[np.triu_indices(len(correct), k=1)].mean()
        error = 1 - model.score(X_test, y_test)
        results.append((correct.mean(), rho, error))
        print(
            f"split {split}, {name:<13}: one tree {correct.mean():.3f} correct, "
            f"correlation between trees {rho:.2f}, ensemble test error {error:.3f}"
        )
    (acc_bag, rho_bag, err_bag), (acc_rf, rho_rf, err_rf) = results
    assert acc_rf < acc_bag and rho_rf < rho_bag - 0.05  # each tree weaker, the trees less alike
    assert err_rf < err_bag - 0.01  # and the forest makes fewer errors, on both splits
    if split == 0:
        sk_forest = SkRandomForestClassifier(n_estimators=20, random_state=0)
        sk_error = 1 - sk_forest.fit(X_train, y_train).score(X_test, y_test)
        print(f"split 0, scikit-learn : ensemble test error {sk_error:.3f}")
        assert abs(sk_error - err_rf) < 0.02  # other random draws, about the same error
