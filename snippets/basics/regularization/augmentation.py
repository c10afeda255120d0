import numpy as np

from dlref.data import load_digits
from dlref.plot import plot_image_grid, save_figure
from dlref.train import augmentation

images = load_digits(image=True, seed=0).x_train[:6]  # (6, 8, 8, 1), pixels in [0, 1]
# small rotations, zooms and shifts keep a digit a digit; flipping would not (a mirrored 2 is no 2)
augment = augmentation(flip=False, rotation=0.05, zoom=0.1, translation=0.1, seed=0)
print("layers:", [layer.__class__.__name__ for layer in augment.layers])

variants = [np.asarray(augment(images, training=True)) for _ in range(3)]
print("training=True changes the images:", not np.allclose(variants[0], images))
print("two training passes differ:", not np.allclose(variants[0], variants[1]))
print("training=False is the identity:", np.allclose(augment(images, training=False), images))

grid = np.concatenate([images, *variants])  # row 1: originals, rows 2-4: random variants
save_figure(plot_image_grid(grid, ncols=6), "basics-regularization-augmented.svg")
