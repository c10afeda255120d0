import keras
import numpy as np
from sklearn.linear_model import LogisticRegression

from dlref.data import load_digits
from dlref.models import GAN, dcgan_discriminator, dcgan_generator
from dlref.plot import plot_gan_samples, plot_image_grid, save_figure

# float64: on a CPU, TensorFlow's float32 kernels choose their instructions by CPU model, and a
# GAN amplifies the last-bit differences; in float64 this run prints the same on every CPU
keras.config.set_floatx("float64")
keras.utils.set_random_seed(0)

data = load_digits(0.2, image=True, seed=0)  # 1437 training and 360 held-out 8×8 images in [0, 1]
real = data.x_train.astype("float64") * 2.0 - 1.0  # scaled to [-1, 1], the range of tanh

gan = GAN(dcgan_generator(latent_dim=16), dcgan_discriminator(), seed=0)
gan.compile(
    d_optimizer=keras.optimizers.Adam(2e-3, beta_1=0.5),
    g_optimizer=keras.optimizers.Adam(2e-3, beta_1=0.5),
    loss_fn=keras.losses.BinaryCrossentropy(from_logits=True),
    steps_per_execution=23,  # one epoch = 23 batches of 64, run as one TensorFlow call
)


def to_pixels(images):
    """Generator output in [-1, 1] -> flat pixel vectors in [0, 1], as the classifier sees them."""
    return (images.reshape(len(images), -1) + 1.0) / 2.0


# A judge trained on the real training digits only: logistic regression on the 64 pixels,
# fitted to a tight tolerance, so that its probabilities are those of the optimum on any CPU.
train, test = (x.reshape(-1, 64).astype("float64") for x in (data.x_train, data.x_test))
judge = LogisticRegression(tol=1e-8, max_iter=10_000).fit(train, data.y_train)
assert judge.n_iter_[0] < 10_000  # converged
sets = {"untrained generator": to_pixels(gan.sample(500, seed=1))}
snapshots = {}
for epoch in range(1, 16):
    gan.fit(real, batch_size=64, epochs=1, verbose=0)
    if epoch in (1, 5, 15):
        snapshots[epoch] = gan.sample(500, seed=1)  # the same noise every time
sets["generated, epoch 15"] = to_pixels(snapshots[15])
sets["real, held out"] = test

save_figure(plot_gan_samples(real, snapshots, n=10), "gan-dcgan-progress.svg")
labels = judge.predict(sets["generated, epoch 15"][:40])
grid = plot_image_grid(snapshots[15][:40], predictions=labels, ncols=10)
save_figure(grid, "gan-dcgan-samples.svg")

accuracy = judge.score(test, data.y_test)
print(f"judge: accuracy on the held-out real digits {accuracy:.2f}")
print("                      confident  classes with >= 2%  score")
summary = {}
for name, pixels in sets.items():
    proba = judge.predict_proba(pixels)  # p(y | x), one row per image
    confident = np.mean(proba.max(axis=1) > 0.8)  # share labelled with probability above 0.8
    shares = np.bincount(proba.argmax(axis=1), minlength=10) / len(pixels)
    # exp of the mean KL(p(y | x) || p(y)): 1 for a single class or no confidence, 10 at best
    score = np.exp(np.mean(np.sum(proba * np.log(proba / proba.mean(axis=0)), axis=1)))
    summary[name] = confident, int(np.sum(shares >= 0.02)), score
    print(f"{name:<21} {confident:9.2f} {summary[name][1]:19d} {score:6.1f}")

# Not copies: distance from each image to its nearest training image (64 pixels in [0, 1])
nearest = {}
for name in ("generated, epoch 15", "real, held out"):
    pixels = sets[name]
    squared = (pixels**2).sum(1)[:, None] - 2 * pixels @ train.T + (train**2).sum(1)[None, :]
    nearest[name] = np.sqrt(np.maximum(squared, 0.0).min(axis=1))
print("distance to the nearest training image      mean  smallest")
for name, distance in nearest.items():
    print(f"{name:<43} {distance.mean():4.1f} {distance.min():9.2f}")

untrained, generated, held_out = summary.values()
assert untrained[0] < 0.05 and 0.2 < generated[0] < held_out[0] - 0.2  # confident labels
assert untrained[1] <= 2 and generated[1] == 10  # every class, against one or two before
assert untrained[2] < 1.5 and 3.0 < generated[2] < held_out[2] - 1.5
# 500 generated images against 360 held-out ones: more chances of a close one, yet none is
far_generated, far_held_out = nearest.values()
assert far_generated.mean() > far_held_out.mean() + 0.3  # farther from the training set
assert far_generated.min() > far_held_out.min() + 0.2  # no generated image is a near-copy
