"""dlref.models.gan: the GAN's alternating train_step, its metrics, and learning N(3, 0.5)."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from dlref.models.gan import GAN, gan_discriminator, gan_generator


def make_gan(seed: int = 0, lr: float = 1e-3, **compile_kwargs) -> GAN:
    gan = GAN(gan_generator(4, 1, (16, 16)), gan_discriminator(1, (16, 16)), seed=seed)
    gan.compile(
        d_optimizer=keras.optimizers.Adam(lr, beta_1=0.5),
        g_optimizer=keras.optimizers.Adam(lr, beta_1=0.5),
        loss_fn=keras.losses.BinaryCrossentropy(from_logits=True),
        **compile_kwargs,
    )
    return gan


def gaussian(n: int, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).normal(3.0, 0.5, size=(n, 1)).astype("float32")


def test_builders_shapes():
    generator = gan_generator(latent_dim=8, output_dim=2)
    discriminator = gan_discriminator(input_dim=2)
    assert generator.input_shape == (None, 8) and generator.output_shape == (None, 2)
    assert discriminator.output_shape == (None, 1)
    assert generator.count_params() == (8 * 32 + 32) + (32 * 32 + 32) + (32 * 2 + 2)


def test_one_step_updates_both_networks_and_reports_losses():
    gan = make_gan(run_eagerly=True)  # one step: skip tracing a tf.function
    g_before = [w.copy() for w in gan.generator.get_weights()]
    d_before = [w.copy() for w in gan.discriminator.get_weights()]
    history = gan.fit(gaussian(64), batch_size=64, epochs=1, verbose=0).history
    assert set(history) == {"d_loss", "g_loss"}
    # At initialisation D is near chance: both losses are close to log 2 = 0.693.
    assert all(0.3 < history[k][0] < 1.5 for k in history)
    for before, model in ((g_before, gan.generator), (d_before, gan.discriminator)):
        after = model.get_weights()
        assert all(not np.array_equal(a, b) for a, b in zip(before, after, strict=True))
    assert gan.sample(5, seed=0).shape == (5, 1)
    z = np.zeros((3, 4), dtype="float32")
    np.testing.assert_allclose(
        keras.ops.convert_to_numpy(gan(z)), keras.ops.convert_to_numpy(gan.generator(z))
    )


def test_learns_the_mean_of_a_gaussian():
    """After 16 short epochs (256 steps) generated samples have mean within 0.3 of 3."""
    gan = make_gan(seed=0, lr=2e-3, steps_per_execution=16)
    start = float(gan.sample(4000, seed=1).mean())
    assert abs(start - 3.0) > 1.0  # the untrained generator is far off
    gan.fit(gaussian(2048), batch_size=128, epochs=16, verbose=0)
    samples = gan.sample(4000, seed=1)
    assert abs(float(samples.mean()) - 3.0) < 0.3
    assert 0.1 < float(samples.std()) < 1.5  # spread, not collapsed to a point


def test_bad_arguments():
    generator, discriminator = gan_generator(2, 1), gan_discriminator(1)
    with pytest.raises(TypeError, match=r"generator must be a keras\.Model"):
        GAN(lambda z: z, discriminator)
    gan = GAN(generator, discriminator)
    adam = keras.optimizers.Adam()
    with pytest.raises(ValueError, match="two different optimizer objects"):
        gan.compile(adam, adam, keras.losses.BinaryCrossentropy(from_logits=True))
    with pytest.raises(TypeError, match="g_optimizer"):
        gan.compile(adam, "adam", keras.losses.BinaryCrossentropy(from_logits=True))
    with pytest.raises(TypeError, match="loss_fn"):
        gan.compile(adam, keras.optimizers.Adam(), "bce")
    with pytest.raises(ValueError, match="latent_dim"):
        gan_generator(0, 1)
    with pytest.raises(ValueError, match=r"hidden\[0\]"):
        gan_discriminator(2, (0,))
