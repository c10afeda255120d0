import keras

from dlref.data import load_digits
from dlref.models import mlp
from dlref.plot import plot_confusion_matrix, plot_history, save_figure
from dlref.train import evaluate, fit

keras.utils.set_random_seed(0)  # the same weights, dropout masks and shuffling every run

# 1. data: 1797 digits, split 70 / 15 / 15 with the class shares kept, pixels in [0, 1]
data = load_digits(seed=0)

# 2. model: 64 inputs -> 64 ReLU units (dropout 0.2) -> 10 softmax outputs
model = mlp(64, (64,), num_classes=10, dropout=0.2)
model.compile(
    optimizer=keras.optimizers.Adam(0.01),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
print("parameters:", model.count_params())

# 3. train: at most 15 epochs; stop after 3 without a lower val_loss and restore the best
history = fit(model, data, epochs=15, batch_size=128, patience=3)
val_loss = history.history["val_loss"]
best = val_loss.index(min(val_loss))
print(f"ran {len(val_loss)} epochs; lowest val_loss {val_loss[best]:.3f} at epoch {best + 1}")
save_figure(plot_history(history), "basics-workflow-history.svg")

# 4. evaluate: once, on the test split that neither training nor early stopping saw
metrics = evaluate(model, data.x_test, data.y_test)
print(metrics.summary())
print("errors on the test split:", metrics.confusion.sum() - metrics.confusion.trace())
save_figure(
    plot_confusion_matrix(metrics.confusion, data.class_names), "basics-workflow-confusion.svg"
)
