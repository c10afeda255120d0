import keras
import numpy as np

eta, steps = 0.01, 50


def run(optimizer, lam, l2_in_loss):
    """One weight w = 1 whose data loss is flat: only the regulariser moves it."""
    w = keras.Variable(np.ones(1, dtype="float32"))
    for _ in range(steps):
        grad = 2 * lam * w if l2_in_loss else keras.ops.zeros_like(w)  # gradient of λw²
        optimizer.apply_gradients([(keras.ops.convert_to_tensor(grad), w)])
    return float(keras.ops.convert_to_numpy(w)[0])


for lam in (1e-4, 1e-2):
    sgd_l2 = run(keras.optimizers.SGD(eta), lam, l2_in_loss=True)
    sgd_wd = run(keras.optimizers.SGD(eta, weight_decay=2 * lam), lam, l2_in_loss=False)
    adam_l2 = run(keras.optimizers.Adam(eta), lam, l2_in_loss=True)
    adamw = run(keras.optimizers.AdamW(eta, weight_decay=2 * lam), lam, l2_in_loss=False)
    print(
        f"λ={lam:g}: SGD+L2 {sgd_l2:.5f}  SGD weight decay {sgd_wd:.5f}  "
        f"(1-2ηλ)^{steps} {(1 - 2 * eta * lam) ** steps:.5f}  |  Adam+L2 {adam_l2:.4f}  "
        f"AdamW {adamw:.5f}"
    )
