import numpy as np
from sklearn import metrics as sk

from dlref.train import classification_metrics

y_true = np.array([0, 0, 0, 0, 1, 1, 1, 2, 2, 2])
y_pred = np.array([0, 0, 1, 2, 1, 1, 0, 2, 2, 2])
m = classification_metrics(y_true, y_pred)
print(m.confusion)
print(m.summary())
p, r, f, _ = sk.precision_recall_fscore_support(y_true, y_pred, average="macro")
print(
    "equals scikit-learn:",
    np.allclose([m.precision, m.recall, m.f1], [p, r, f]),
    np.array_equal(m.confusion, sk.confusion_matrix(y_true, y_pred)),
)
