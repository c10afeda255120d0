import numpy as np

from dlref.data import load_breast_cancer, load_digits, to_tf_dataset

digits = load_digits(seed=0)  # stratified 70 / 15 / 15 split, pixels divided by 16
print("sizes (train, val, test):", digits.sizes(), "| one sample:", digits.x_train.shape[1:])
print("pixel range:", digits.x_train.min(), "to", digits.x_train.max())
for name, y in (("train", digits.y_train), ("val", digits.y_val), ("test", digits.y_test)):
    print(f"{name:<5} share of each class:", (np.bincount(y) / len(y)).round(2))

# standardising: mean and deviation come from the training split only
cancer = load_breast_cancer(seed=0)
print(
    "train means ~0:",
    np.allclose(cancer.x_train.mean(0), 0, atol=1e-5),
    "| val means ~0:",
    np.allclose(cancer.x_val.mean(0), 0, atol=1e-5),
    f"(largest |val mean| {np.abs(cancer.x_val.mean(0)).max():.2f})",
)

pipeline = to_tf_dataset(digits.x_train, digits.y_train, batch_size=128, seed=0)
x_batch, y_batch = next(iter(pipeline))
print(
    "tf.data batch:",
    tuple(x_batch.shape),
    tuple(y_batch.shape),
    "| batches per epoch:",
    len(pipeline),
)
