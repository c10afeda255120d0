import keras
import numpy as np

from dlref.math.activations import softmax

logits = np.array([[3.0, 1.0, -2.0], [0.0, 4.0, 1.0]], dtype="float32")
labels = np.array([0, 1])  # integer labels
one_hot = np.eye(3, dtype="float32")[labels]  # the same labels, one-hot
sparse = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
categorical = keras.losses.CategoricalCrossentropy(from_logits=True)
print(f"integer labels, SparseCategoricalCrossentropy: {float(sparse(labels, logits)):.4f}")
print(f"one-hot labels, CategoricalCrossentropy:       {float(categorical(one_hot, logits)):.4f}")
for name, loss_fn, target in (("Categorical", categorical, labels), ("Sparse", sparse, one_hot)):
    try:
        loss_fn(target, logits)
    except ValueError as error:
        print(f"{name}... with the other format: ValueError: {str(error).split('. ')[0]}")

# Softmax applied twice: probabilities passed where logits are expected
probs = softmax(logits)
print(f"probabilities passed as logits: {float(sparse(labels, probs)):.4f}")
perfect = np.eye(10, dtype="float32")[[0]]  # a certain, correct prediction over 10 classes
print(f"perfect prediction, softmax twice: {float(sparse(np.array([0]), perfect)):.4f}")

# Shapes (n,) and (n, 1) broadcast to (n, n) in plain NumPy
y_true = np.array([1.0, 2.0, 3.0])
y_pred = np.array([[1.1], [1.9], [3.2]])  # a model's output has shape (n, 1)
print("shape of y_true - y_pred:", (y_true - y_pred).shape)
print(f"MSE, broadcast by mistake: {np.mean((y_true - y_pred) ** 2):.3f}")
print(f"MSE, shapes matched:       {np.mean((y_true - y_pred[:, 0]) ** 2):.3f}")
