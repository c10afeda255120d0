import keras

from dlref.data import load_digits
from dlref.models import mlp
from dlref.train import TrainingDiverged, fit

keras.utils.set_random_seed(0)  # the same weights, dropout masks and shuffling every run

data = load_digits(seed=0)
model = mlp(64, (64,), num_classes=10)
model.compile(optimizer=keras.optimizers.SGD(1e4), loss="sparse_categorical_crossentropy")
try:
    fit(model, data, epochs=20, batch_size=128)
except TrainingDiverged as error:
    print(f"stopped at epoch {error.epoch}, batch {error.batch}")
    message = str(error)
    print(message.split(" (loss")[0])  # the loss values themselves vary between machines
    print("Try" + message.split("Try", 1)[1])
