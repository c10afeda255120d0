import keras
import numpy as np

from dlref.models import GAN, gan_discriminator, gan_generator

# float64: on a CPU, TensorFlow's float32 kernels choose their instructions by CPU model, and a
# GAN amplifies the last-bit differences; in float64 this run prints the same on every CPU
keras.config.set_floatx("float64")

# The data of the mixture above: an equal mixture of N(-2, 0.5^2) and N(2, 0.5^2).
rng = np.random.default_rng(0)
real = rng.choice([-2.0, 2.0], size=(4096, 1)) + rng.normal(0.0, 0.5, size=(4096, 1))


def packed(generator, m):
    """The generator applied to m noise vectors at once: D's input is m samples side by side."""
    latent = generator.input_shape[-1]
    z = keras.Input(shape=(m * latent,))
    x = keras.layers.Reshape((m, latent))(z)
    x = keras.layers.TimeDistributed(generator)(x)  # the same weights for all m samples
    return keras.Model(z, keras.layers.Reshape((m,))(x))


def train(m, epochs=10):
    """A generator five times faster than its discriminator, D judging m samples at a time."""
    keras.utils.set_random_seed(0)  # the same initial weights for both runs
    generator = gan_generator(latent_dim=4, output_dim=1, hidden=(64, 64))
    gan = GAN(packed(generator, m), gan_discriminator(input_dim=m, hidden=(64, 64)), seed=0)
    gan.compile(
        d_optimizer=keras.optimizers.Adam(2e-3, beta_1=0.5),
        g_optimizer=keras.optimizers.Adam(1e-2, beta_1=0.5),
        loss_fn=keras.losses.BinaryCrossentropy(from_logits=True),
        steps_per_execution=32,
    )
    shares = []
    for _ in range(epochs):
        gan.fit(real.reshape(-1, m), batch_size=128 // m, epochs=1, verbose=0)
        x = gan.sample(4000 // m, seed=1).reshape(-1)  # 4000 samples
        shares.append([np.mean(np.abs(x + 2.0) < 1.0), np.mean(np.abs(x - 2.0) < 1.0)])
    return np.array(shares)


single, pairs = train(1), train(2)
print("       one sample per input   pairs (packing)")
print("epoch  near -2  near +2       near -2  near +2")
for epoch, (a, b) in enumerate(zip(single, pairs, strict=True), start=1):
    print(f"{epoch:<5} {a[0]:8.2f} {a[1]:8.2f} {b[0]:13.2f} {b[1]:8.2f}")

# The share of the mode with fewer samples, averaged over epochs 6 to 10
weaker = {"single": single[5:].min(axis=1).mean(), "pairs": pairs[5:].min(axis=1).mean()}
print("weaker mode, epochs 6-10: one sample {single:.2f}, pairs {pairs:.2f}".format(**weaker))
assert weaker["single"] < 0.05 and weaker["pairs"] > 0.2  # collapsed, and both modes kept
