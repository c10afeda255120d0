import keras
import numpy as np
from sklearn.datasets import load_breast_cancer

from dlref.classic.linear import LogisticRegression
from dlref.classic.preprocessing import StandardScaler

X, y = load_breast_cancer(return_X_y=True)
X = StandardScaler().fit_transform(X).astype("float32")
n, C = len(X), 1.0
model = LogisticRegression(C=C).fit(X, y)

# one Dense unit with a sigmoid; an L2 term 1/(2Cn)‖w‖² on its kernel, none on its bias
neuron = keras.Sequential(
    [
        keras.Input((X.shape[1],)),
        keras.layers.Dense(
            1, activation="sigmoid", kernel_regularizer=keras.regularizers.L2(1 / (2 * C * n))
        ),
    ]
)
neuron.compile(loss="binary_crossentropy")
neuron.layers[0].set_weights([model.coef_.T, model.intercept_])
p = neuron.predict(X, verbose=0)[:, 0]
print("same weights, same probabilities:", np.allclose(p, model.predict_proba(X)[:, 1], atol=1e-6))

z = model.decision_function(X)
J = np.mean(np.logaddexp(0, z) - y * z) + np.sum(model.coef_**2) / (2 * C * n)
keras_loss = neuron.evaluate(X, y, batch_size=n, verbose=0)
print(f"Keras loss {keras_loss:.5f}, logistic-regression objective J {J:.5f}")
