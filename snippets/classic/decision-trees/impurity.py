import numpy as np
from matplotlib.figure import Figure
from sklearn.datasets import load_iris
from sklearn.tree import DecisionTreeClassifier as SkDecisionTreeClassifier

from dlref.classic.tree import DecisionTreeClassifier
from dlref.plot import save_figure


def gini(counts):
    p = np.asarray(counts, dtype=float) / np.sum(counts)
    return 1.0 - np.sum(p**2)


def entropy(counts):
    p = np.asarray(counts, dtype=float) / np.sum(counts)
    p = p[p > 0]  # 0 log 0 = 0
    return -np.sum(p * np.log2(p)) + 0.0  # + 0.0 turns -0.0 into 0.0


def information_gain(parent, left, right, impurity):
    n, n_left, n_right = np.sum(parent), np.sum(left), np.sum(right)
    return impurity(parent) - n_left / n * impurity(left) - n_right / n * impurity(right)


print(f"50/50 node: Gini {gini([50, 50]):.3f}, entropy {entropy([50, 50]):.3f} bit")
print(f"pure node : Gini {gini([100, 0]):.3f}, entropy {entropy([100, 0]):.3f} bit")
print(f"3 equal classes: Gini {gini([1, 1, 1]):.3f}, entropy {entropy([1, 1, 1]):.3f} bit")

# greedy search for the best first split of the iris data, written out
X, y = load_iris(return_X_y=True)
parent = np.bincount(y)
best = (-np.inf, None, None)
for j in range(X.shape[1]):
    values = np.unique(X[:, j])
    for threshold in (values[:-1] + values[1:]) / 2:  # midpoints between distinct values
        goes_left = X[:, j] <= threshold
        left = np.bincount(y[goes_left], minlength=3)
        right = np.bincount(y[~goes_left], minlength=3)
        gain = information_gain(parent, left, right, gini)
        if gain > best[0] + 1e-12:  # strictly better: the first (lowest j, threshold) wins ties
            best = (gain, j, threshold)
gain, j, threshold = best
print(f"best root split by hand: x[{j}] <= {threshold:.2f}, Gini gain {gain:.4f}")

ours = DecisionTreeClassifier(max_depth=1).fit(X, y).tree_
theirs = SkDecisionTreeClassifier(max_depth=1, random_state=0).fit(X, y).tree_
print(f"dlref root:        x[{ours.feature[0]}] <= {ours.threshold[0]:.2f}")
print(f"scikit-learn root: x[{theirs.feature[0]}] <= {theirs.threshold[0]:.2f}")
j_sk, t_sk = theirs.feature[0], theirs.threshold[0]
goes_left = X[:, j_sk] <= t_sk
gain_sk = information_gain(
    parent, np.bincount(y[goes_left], minlength=3), np.bincount(y[~goes_left], minlength=3), gini
)
print("the two splits have the same gain:", np.isclose(gain, gain_sk))

p = np.linspace(0, 1, 201)
fig = Figure(figsize=(6.4, 3.6), layout="constrained")
ax = fig.subplots()
ax.plot(p, [entropy([q, 1 - q]) for q in p], label="entropy (bits)")
ax.plot(p, [gini([q, 1 - q]) for q in p], label="Gini impurity")
ax.plot(p, np.minimum(p, 1 - p), "--", label="misclassification error")
ax.set(xlabel="share p of class 1 in the node", ylabel="impurity", title="two classes")
ax.grid(alpha=0.3)
ax.legend()
save_figure(fig, "classic-decision-trees-impurity.svg")
