import keras
import numpy as np

from dlref.models import GAN, gan_discriminator, gan_generator
from dlref.plot import plot_gan_samples, save_figure

# float64: on a CPU, TensorFlow's float32 kernels choose their instructions by CPU model, and a
# GAN amplifies the last-bit differences; in float64 this run prints the same on every CPU
keras.config.set_floatx("float64")
keras.utils.set_random_seed(0)

# Real data: an equal mixture of N(-2, 0.5^2) and N(2, 0.5^2), 4096 samples.
rng = np.random.default_rng(0)
modes = rng.choice([-2.0, 2.0], size=(4096, 1))
real = (modes + rng.normal(0.0, 0.5, size=(4096, 1))).astype("float64")

generator = gan_generator(latent_dim=4, output_dim=1, hidden=(64, 64))
discriminator = gan_discriminator(input_dim=1, hidden=(64, 64))
gan = GAN(generator, discriminator, seed=0)
gan.compile(
    d_optimizer=keras.optimizers.Adam(2e-3, beta_1=0.5),
    g_optimizer=keras.optimizers.Adam(2e-3, beta_1=0.5),
    loss_fn=keras.losses.BinaryCrossentropy(from_logits=True),
    steps_per_execution=32,  # one epoch = 32 batches, run as one TensorFlow call
)


def stats(x):
    """Mean, std, share of samples left of 0, share within 1 (two std) of -2 or 2."""
    x = x[:, 0]
    near = np.minimum(np.abs(x + 2.0), np.abs(x - 2.0)) < 1.0
    return f"{x.mean():6.2f} {x.std():5.2f} {np.mean(x < 0):6.2f} {near.mean():6.2f}"


snapshots = {}
n_g, n_d = generator.count_params(), discriminator.count_params()
print(f"parameters: generator {n_g}, discriminator {n_d}")
print("epoch  d_loss g_loss   mean   std  x<0  near a mode")
print(f"data                 {stats(real)}")
print(f"0                    {stats(gan.sample(4000, seed=1))}")
for epoch in range(1, 11):
    history = gan.fit(real, batch_size=128, epochs=1, verbose=0).history
    samples = gan.sample(4000, seed=1)  # the same noise every time
    if epoch in (1, 2, 5, 10):
        snapshots[epoch] = samples
    print(f"{epoch:<5} {history['d_loss'][0]:7.3f} {history['g_loss'][0]:6.3f} {stats(samples)}")

save_figure(plot_gan_samples(real, snapshots), "gan-gan-mixture-samples.svg")
print(f"log 2 = {np.log(2.0):.3f}")

# The last epoch against the data: coverage, and the shape of each mode
x = samples[:, 0]
assert abs(np.mean(x < 0) - 0.5) < 0.05 and abs(x.std() - real.std()) < 0.15
assert abs(history["d_loss"][0] - np.log(2.0)) < 0.01
r = real[:, 0]
spread = [x[x < 0].std(), x[x >= 0].std(), r[r < 0].std(), r[r >= 0].std()]
print("epoch 10, std of each mode: left {:.2f}, right {:.2f}; data {:.2f}, {:.2f}".format(*spread))
assert spread[1] < 0.85 * spread[3]  # the right peak is too narrow
