import numpy as np
from sklearn.datasets import load_digits

from dlref.classic.ensemble import BaggingClassifier
from dlref.classic.tree import DecisionTreeClassifier

X, y = load_digits(return_X_y=True)
order = np.random.default_rng(0).permutation(len(y))
X_train, y_train = X[order[:500]], y[order[:500]]
X_test, y_test = X[order[500:]], y[order[500:]]
n = len(y_train)

rng = np.random.default_rng(0)
sample = rng.integers(0, n, size=n)  # a bootstrap sample: n draws with replacement
left_out = 1 - np.unique(sample).size / n
print(
    f"out-of-bag share: (1 - 1/n)^n = {(1 - 1 / n) ** n:.4f}, 1/e = {np.exp(-1):.4f}, "
    f"this draw {left_out:.4f}"
)

rng = np.random.default_rng(0)  # bagging by hand: B trees, each on its own bootstrap sample
trees = []
for _ in range(10):
    sample = rng.integers(0, n, size=n)
    trees.append(DecisionTreeClassifier().fit(X_train[sample], y_train[sample]))
votes = np.array([tree.predict(X_test) for tree in trees])  # (B, n_test)
majority = np.array([np.bincount(column, minlength=10).argmax() for column in votes.T])
mean_proba = np.zeros((len(y_test), 10))
for tree in trees:  # a tree whose sample missed a class gives it probability 0
    mean_proba[:, tree.classes_] += tree.predict_proba(X_test) / len(trees)
soft = mean_proba.argmax(axis=1)

single = np.mean([np.mean(votes[b] == y_test) for b in range(len(trees))])
print(f"one tree (mean of 10): test accuracy {single:.3f}")
print(f"majority vote of 10  : test accuracy {np.mean(majority == y_test):.3f}")
print(f"mean probability     : test accuracy {np.mean(soft == y_test):.3f}")
print(f"test digits where the two differ: {np.sum(majority != soft)}")  # pure leaves: 0/1 votes
bag = BaggingClassifier(n_estimators=10, oob_score=True, random_state=0).fit(X_train, y_train)
print("dlref BaggingClassifier, same predictions:", np.array_equal(bag.predict(X_test), soft))
print(f"out-of-bag accuracy {bag.oob_score_:.3f}")
assert np.mean(soft == y_test) > single + 0.1  # the bag beats its average tree
assert bag.oob_score_ < np.mean(soft == y_test) - 0.03  # out-of-bag: fewer trees per vote
