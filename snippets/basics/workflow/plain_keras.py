import keras
import numpy as np

from dlref.data import load_digits
from dlref.models import mlp
from dlref.train import DivergenceGuard, fit

data = load_digits(seed=0)


def new_model():
    keras.utils.set_random_seed(0)  # identical initial weights and shuffling for both runs
    model = mlp(64, (64,), num_classes=10)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


ours = fit(new_model(), data, epochs=2, batch_size=128, patience=3)

# what fit() does, written out in plain Keras
model = new_model()
plain = model.fit(
    data.x_train,
    data.y_train,
    validation_data=(data.x_val, data.y_val),
    epochs=2,
    batch_size=128,
    shuffle=True,
    verbose=0,
    callbacks=[
        DivergenceGuard(),  # raises TrainingDiverged on a NaN/inf or exploding batch loss
        keras.callbacks.TerminateOnNaN(),
        keras.callbacks.EarlyStopping(monitor="val_loss", patience=3, restore_best_weights=True),
    ],
)
for key in ("loss", "val_loss", "val_accuracy"):
    print(f"{key:<12} same history: {np.allclose(ours.history[key], plain.history[key])}")
