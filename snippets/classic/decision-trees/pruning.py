import numpy as np
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier as SkDecisionTreeClassifier

from dlref.classic.tree import DecisionTreeClassifier
from dlref.plot import plot_decision_boundary, save_figure

X, y = make_moons(n_samples=400, noise=0.3, random_state=0)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.5, random_state=0)

settings = {
    "no limit": {},
    "max_depth=4": {"max_depth": 4},
    "min_samples_leaf=10": {"min_samples_leaf": 10},
}
trees = {}
for name, kwargs in settings.items():
    tree = trees[name] = DecisionTreeClassifier(**kwargs).fit(X_train, y_train)
    sk_tree = SkDecisionTreeClassifier(random_state=0, **kwargs).fit(X_train, y_train)
    same = np.array_equal(tree.predict(X_test), sk_tree.predict(X_test))
    print(
        f"{name:<20} leaves {tree.get_n_leaves():3d}, depth {tree.get_depth():2d}, "
        f"train {tree.score(X_train, y_train):.3f}, test {tree.score(X_test, y_test):.3f}, "
        f"same as scikit-learn: {same}"
    )

# cost-complexity (post-)pruning, which only scikit-learn implements
path = SkDecisionTreeClassifier(random_state=0).cost_complexity_pruning_path(X_train, y_train)
for alpha in (0.0, 0.005, 0.01, 0.02, 0.05):
    pruned = SkDecisionTreeClassifier(random_state=0, ccp_alpha=alpha).fit(X_train, y_train)
    print(
        f"ccp_alpha = {alpha:<5}: leaves {pruned.get_n_leaves():3d}, "
        f"test {pruned.score(X_test, y_test):.3f}"
    )
print(f"{len(path.ccp_alphas)} effective alphas, largest {path.ccp_alphas.max():.3f}")

for name, file in (("no limit", "full"), ("min_samples_leaf=10", "pruned")):
    fig = plot_decision_boundary(trees[name].predict, X_train, y_train)
    fig.axes[0].set_title(f"decision tree, {name}: {trees[name].get_n_leaves()} leaves")
    save_figure(fig, f"classic-decision-trees-boundary-{file}.svg")
