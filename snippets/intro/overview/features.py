import numpy as np

from dlref.classic import LogisticRegression
from dlref.data import make_circles
from dlref.math import MLP
from dlref.plot import plot_decision_boundary, save_figure

# Two classes on concentric circles: no straight line separates them.
x, y = make_circles(400, noise=0.1, factor=0.5, seed=0)
x_train, y_train, x_test, y_test = x[:300], y[:300], x[300:], y[300:]


def accuracy(predicted, target):
    return float(np.mean(predicted == target))


# 1. Classical model on the raw inputs (x1, x2): a linear boundary.
raw = LogisticRegression().fit(x_train, y_train)


# 2. Classical model plus a hand-made feature: the squared radius x1^2 + x2^2.
def engineer(points):
    return np.column_stack([points, (points**2).sum(axis=1)])


engineered = LogisticRegression().fit(engineer(x_train), y_train)

# 3. A small neural network on the raw inputs: its hidden layer learns the features.
#    dlref.math.MLP is a NumPy network with backpropagation: 2 inputs, 8 tanh units, 2 classes.
network = MLP((2, 8, 2), activation="tanh", seed=0)
network.fit(x_train, y_train, epochs=300, batch_size=300, learning_rate=0.05)
network_pred = network.predict(x_test)

# The same logistic regression as in 1., now fitted on the 8 learned hidden features.
hidden_layer = network.layers[0]
probe = LogisticRegression().fit(hidden_layer.forward(x_train), y_train)
probe_pred = probe.predict(hidden_layer.forward(x_test))

print("test accuracy")
print(f"  logistic regression, raw (x1, x2):        {accuracy(raw.predict(x_test), y_test):.2f}")
print(
    f"  logistic regression, + hand-made r^2:     "
    f"{accuracy(engineered.predict(engineer(x_test)), y_test):.2f}"
)
print(f"  neural network, raw (x1, x2):             {accuracy(network_pred, y_test):.2f}")
print(f"  logistic regression, learned features:    {accuracy(probe_pred, y_test):.2f}")

fig = plot_decision_boundary(network.predict_proba, x_test, y_test)
fig.axes[0].set_title("a small network's decision boundary (test points)")
save_figure(fig, "intro-overview-circles.svg")
