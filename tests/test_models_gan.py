"""dlref.models.gan: the GAN's alternating train_step, its metrics, learning N(3, 0.5), and the
DCGAN builders (shapes, layers and parameter counts by formula)."""

from __future__ import annotations

import itertools

import keras
import numpy as np
import pytest

from dlref.models.gan import (
    GAN,
    dcgan_discriminator,
    dcgan_generator,
    gan_discriminator,
    gan_generator,
)


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


def _layers_of(model: keras.Model, kind: type) -> list:
    return [layer for layer in model.layers if isinstance(layer, kind)]


@pytest.mark.parametrize(
    ("image_shape", "g_filters", "d_filters", "kernel"),
    [((8, 8, 1), (32, 16), (16, 32), 4), ((16, 16, 3), (24, 12, 6), (8, 16), 3)],
)
def test_dcgan_shapes_and_parameter_counts(image_shape, g_filters, d_filters, kernel):
    side, channels = image_shape[0], image_shape[2]
    generator = dcgan_generator(10, image_shape, g_filters, kernel_size=kernel)
    discriminator = dcgan_discriminator(image_shape, d_filters, kernel_size=kernel)
    assert generator.input_shape == (None, 10)
    assert generator.output_shape == (None, *image_shape)
    assert discriminator.input_shape == (None, *image_shape)
    assert discriminator.output_shape == (None, 1)
    # generator: projection (no bias) + BN, transposed convolutions (no bias) + BN, output layer
    k2 = kernel * kernel
    start = side // 2 ** len(g_filters)
    g = 10 * start * start * g_filters[0] + 4 * g_filters[0]
    for c_in, c_out in itertools.pairwise(g_filters):
        g += k2 * c_in * c_out + 4 * c_out
    g += k2 * g_filters[-1] * channels + channels
    assert generator.count_params() == g
    # discriminator: first convolution with bias and no BN, the others without bias and with BN
    d = k2 * channels * d_filters[0] + d_filters[0]
    for c_in, c_out in itertools.pairwise(d_filters):
        d += k2 * c_in * c_out + 4 * c_out
    end = side // 2 ** len(d_filters)
    d += end * end * d_filters[-1] + 1
    assert discriminator.count_params() == d


def test_dcgan_follows_the_guidelines():
    generator, discriminator = dcgan_generator(16), dcgan_discriminator()
    # strides instead of pooling; batch norm everywhere but at G's output and D's input
    assert not _layers_of(discriminator, keras.layers.MaxPooling2D)
    assert all(c.strides == (2, 2) for c in _layers_of(generator, keras.layers.Conv2DTranspose))
    assert all(c.strides == (2, 2) for c in _layers_of(discriminator, keras.layers.Conv2D))
    assert len(_layers_of(generator, keras.layers.BatchNormalization)) == 2
    assert len(_layers_of(discriminator, keras.layers.BatchNormalization)) == 1
    assert generator.layers[-1].activation.__name__ == "tanh"
    assert isinstance(discriminator.layers[2], keras.layers.LeakyReLU)  # right after the input conv
    assert all(b.momentum == 0.9 for b in _layers_of(generator, keras.layers.BatchNormalization))
    z = np.random.default_rng(0).normal(size=(5, 16)).astype("float32")
    images = keras.ops.convert_to_numpy(generator(z, training=False))
    assert images.shape == (5, 8, 8, 1) and np.all(np.abs(images) < 1.0)
    logits = keras.ops.convert_to_numpy(discriminator(images, training=False))
    assert logits.shape == (5, 1)


def test_dcgan_trains_with_the_gan_step():
    gan = GAN(dcgan_generator(4), dcgan_discriminator(), seed=0)
    gan.compile(
        d_optimizer=keras.optimizers.Adam(2e-3, beta_1=0.5),
        g_optimizer=keras.optimizers.Adam(2e-3, beta_1=0.5),
        loss_fn=keras.losses.BinaryCrossentropy(from_logits=True),
        run_eagerly=True,
    )
    real = np.random.default_rng(0).uniform(-1.0, 1.0, size=(32, 8, 8, 1)).astype("float32")
    history = gan.fit(real, batch_size=32, epochs=1, verbose=0).history
    assert all(np.isfinite(history[k][0]) for k in ("d_loss", "g_loss"))
    assert gan.sample(3, seed=0).shape == (3, 8, 8, 1)


def test_dcgan_bad_arguments():
    with pytest.raises(ValueError, match=r"divisible by 2 \*\* len\(filters\) = 4"):
        dcgan_generator(16, (10, 10, 1))
    with pytest.raises(ValueError, match="square"):
        dcgan_discriminator((8, 16, 1))
    with pytest.raises(ValueError, match="at least one"):
        dcgan_discriminator((8, 8, 1), ())
    with pytest.raises(ValueError, match=r"filters\[1\]"):
        dcgan_generator(16, (8, 8, 1), (32, 0))
    with pytest.raises(ValueError, match="image_shape must have 3 entries"):
        dcgan_generator(16, (8, 8))
    with pytest.raises(TypeError, match="kernel_size must be an int"):
        dcgan_discriminator(kernel_size=4.0)
    with pytest.raises(ValueError, match="momentum"):
        dcgan_generator(16, momentum=1.0)
    with pytest.raises(ValueError, match="latent_dim"):
        dcgan_generator(0)
