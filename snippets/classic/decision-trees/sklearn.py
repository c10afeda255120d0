import numpy as np
from sklearn.datasets import load_breast_cancer, load_iris
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier as SkDecisionTreeClassifier

from dlref.classic.tree import DecisionTreeClassifier


def same_structure(ours, theirs):
    """Same split features, children, node sizes and (up to float32) thresholds."""
    t, s = ours.tree_, theirs.tree_
    inner = t.feature >= 0
    return (
        np.array_equal(t.feature, np.where(s.children_left < 0, -1, s.feature))
        and np.array_equal(t.left, s.children_left)
        and np.array_equal(t.n_node_samples, s.n_node_samples)
        and np.allclose(t.threshold[inner], s.threshold[inner], rtol=1e-6, atol=1e-6)
    )


for name, load, criterion, depth in (
    ("iris", load_iris, "gini", None),
    ("breast cancer", load_breast_cancer, "entropy", 3),
):
    X_train, X_test, y_train, y_test = train_test_split(*load(return_X_y=True), random_state=0)
    ours = DecisionTreeClassifier(criterion, max_depth=depth).fit(X_train, y_train)
    # scikit-learn breaks ties between features by a random feature order: try a few seeds
    for seed in range(10):
        theirs = SkDecisionTreeClassifier(
            criterion=criterion, max_depth=depth, random_state=seed
        ).fit(X_train, y_train)
        if same_structure(ours, theirs):
            break
    print(
        f"{name}, {criterion}, max_depth={depth}: {ours.tree_.node_count} nodes, "
        f"depth {ours.get_depth()}, {ours.get_n_leaves()} leaves"
    )
    print(f"  same tree as scikit-learn (random_state={seed}): {same_structure(ours, theirs)}")
    print("  same test predictions:", np.array_equal(ours.predict(X_test), theirs.predict(X_test)))
    print(
        "  same probabilities:",
        np.allclose(ours.predict_proba(X_test), theirs.predict_proba(X_test)),
        f"test accuracy {ours.score(X_test, y_test):.3f}",
    )
