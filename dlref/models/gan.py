r"""A generative adversarial network (Goodfellow et al., 2014) as a ``keras.Model`` subclass.

The discriminator $D$ outputs a logit; $\sigma(D(x))$ is its probability that
$x$ is real. Each training step alternates

- discriminator: minimise $-\log\sigma(D(x)) - \log(1 - \sigma(D(G(z))))$ on a batch of
  real samples $x$ and as many fakes $G(z)$;
- generator: minimise the *non-saturating* loss $-\log\sigma(D(G(z)))$ on fresh noise,
  which keeps useful gradients when $D$ rejects the fakes easily (the minimax form
  $\log(1 - \sigma(D(G(z))))$ saturates there).

`dcgan_generator` and `dcgan_discriminator` build convolutional networks for small images
following the guidelines of DCGAN (Radford et al., 2016): strided convolutions instead of
pooling, transposed convolutions to upsample in the generator, batch normalisation in both
networks except the generator's output and the discriminator's input, ReLU in the generator,
LeakyReLU(0.2) in the discriminator and a tanh output for pixels in $[-1, 1]$.

`GAN`'s ``train_step`` uses ``tf.GradientTape`` and so needs the TensorFlow backend. It runs the
network that is not being updated in inference mode, so batch normalisation there uses its
moving averages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import keras
import numpy as np

from dlref._validate import check_finite_scalar, check_int
from dlref.models._common import check_input_shape, check_units


def gan_generator(
    latent_dim: int, output_dim: int, hidden: Sequence[int] = (32, 32)
) -> keras.Model:
    """Generator ``z -> x`` for toy data: ReLU dense layers of widths ``hidden``, linear output.

    ``latent_dim`` is the size of the Gaussian noise vector $z$, ``output_dim`` that of a
    sample (1 for a 1-D distribution, 2 for points in the plane).
    """
    latent_dim = check_int(latent_dim, "latent_dim", minimum=1)
    output_dim = check_int(output_dim, "output_dim", minimum=1)
    hidden = check_units(hidden, "hidden")
    inputs = keras.Input(shape=(latent_dim,), name="z")
    x = inputs
    for i, units in enumerate(hidden, start=1):
        x = keras.layers.Dense(units, activation="relu", name=f"dense_{i}")(x)
    outputs = keras.layers.Dense(output_dim, name="sample")(x)
    return keras.Model(inputs, outputs, name="generator")


def gan_discriminator(input_dim: int, hidden: Sequence[int] = (32, 32)) -> keras.Model:
    """Discriminator ``x -> logit``: dense layers of widths ``hidden`` with LeakyReLU(0.2).

    The output is a single logit (no sigmoid): pair it with
    ``keras.losses.BinaryCrossentropy(from_logits=True)``.
    """
    input_dim = check_int(input_dim, "input_dim", minimum=1)
    hidden = check_units(hidden, "hidden")
    inputs = keras.Input(shape=(input_dim,), name="x")
    x = inputs
    for i, units in enumerate(hidden, start=1):
        x = keras.layers.Dense(units, name=f"dense_{i}")(x)
        x = keras.layers.LeakyReLU(0.2, name=f"leaky_relu_{i}")(x)
    outputs = keras.layers.Dense(1, name="logit")(x)
    return keras.Model(inputs, outputs, name="discriminator")


def _check_dcgan_shape(image_shape: Any, filters: Any) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Check ``image_shape`` (square, side divisible by ``2 ** len(filters)``) and ``filters``."""
    image_shape = check_input_shape(image_shape, "image_shape")
    filters = check_units(filters, "filters")
    if not filters:
        raise ValueError("filters must name at least one layer width, e.g. (32, 16); got ()")
    height, width = image_shape[0], image_shape[1]
    step = 2 ** len(filters)
    if height != width or height % step:
        raise ValueError(
            f"image_shape must be square with a side divisible by 2 ** len(filters) = {step} "
            f"(each of the {len(filters)} layers halves or doubles it); got {image_shape}"
        )
    return image_shape, filters


def _check_momentum(momentum: Any) -> float:
    return check_finite_scalar(
        momentum, "momentum", minimum=0.0, maximum=1.0, include_boundaries="left"
    )


def dcgan_generator(
    latent_dim: int,
    image_shape: Sequence[int] = (8, 8, 1),
    filters: Sequence[int] = (32, 16),
    *,
    kernel_size: int = 4,
    momentum: float = 0.9,
) -> keras.Model:
    r"""DCGAN generator ``z -> image`` with pixels in $[-1, 1]$ (Radford et al., 2016).

    A dense layer projects $z$ to a ``(s, s, filters[0])`` feature map, $s$ = side /
    ``2 ** len(filters)``; each further width in ``filters`` is a transposed convolution with
    stride 2 that doubles the side; a last stride-2 transposed convolution gives the image's
    channels. Every layer but the last has no bias and is followed by batch normalisation per
    channel (its shift replaces the bias; ``momentum`` is that of its moving averages) and ReLU;
    the last has a bias and tanh. All transposed convolutions use ``kernel_size`` and ``same``
    padding.
    """
    latent_dim = check_int(latent_dim, "latent_dim", minimum=1)
    image_shape, filters = _check_dcgan_shape(image_shape, filters)
    kernel_size = check_int(kernel_size, "kernel_size", minimum=1)
    momentum = _check_momentum(momentum)
    side = image_shape[0] // 2 ** len(filters)
    inputs = keras.Input(shape=(latent_dim,), name="z")
    x = keras.layers.Dense(side * side * filters[0], use_bias=False, name="project")(inputs)
    x = keras.layers.Reshape((side, side, filters[0]), name="reshape")(x)
    x = keras.layers.BatchNormalization(momentum=momentum, name="project_bn")(x)
    x = keras.layers.ReLU(name="project_relu")(x)
    for i, width in enumerate(filters[1:], start=1):
        x = keras.layers.Conv2DTranspose(
            width, kernel_size, strides=2, padding="same", use_bias=False, name=f"up_{i}"
        )(x)
        x = keras.layers.BatchNormalization(momentum=momentum, name=f"up_{i}_bn")(x)
        x = keras.layers.ReLU(name=f"up_{i}_relu")(x)
    outputs = keras.layers.Conv2DTranspose(
        image_shape[2], kernel_size, strides=2, padding="same", activation="tanh", name="image"
    )(x)
    return keras.Model(inputs, outputs, name="dcgan_generator")


def dcgan_discriminator(
    image_shape: Sequence[int] = (8, 8, 1),
    filters: Sequence[int] = (16, 32),
    *,
    kernel_size: int = 4,
    momentum: float = 0.9,
) -> keras.Model:
    """DCGAN discriminator ``image -> logit`` (Radford et al., 2016).

    One convolution with stride 2 per width in ``filters`` (``kernel_size``, ``same`` padding),
    each halving the side, with LeakyReLU(0.2); all but the first (the input layer) have batch
    normalisation and no bias. The last feature map is flattened into a dense layer with one
    logit (no sigmoid: pair it with ``keras.losses.BinaryCrossentropy(from_logits=True)``). No
    pooling: the strided convolutions learn their own downsampling.
    """
    image_shape, filters = _check_dcgan_shape(image_shape, filters)
    kernel_size = check_int(kernel_size, "kernel_size", minimum=1)
    momentum = _check_momentum(momentum)
    inputs = keras.Input(shape=image_shape, name="image")
    x = inputs
    for i, width in enumerate(filters, start=1):
        x = keras.layers.Conv2D(
            width, kernel_size, strides=2, padding="same", use_bias=i == 1, name=f"down_{i}"
        )(x)
        if i > 1:
            x = keras.layers.BatchNormalization(momentum=momentum, name=f"down_{i}_bn")(x)
        x = keras.layers.LeakyReLU(0.2, name=f"down_{i}_leaky_relu")(x)
    x = keras.layers.Flatten(name="flatten")(x)
    outputs = keras.layers.Dense(1, name="logit")(x)
    return keras.Model(inputs, outputs, name="dcgan_discriminator")


def _latent_dim_of(generator: keras.Model) -> int:
    shape = generator.inputs[0].shape if getattr(generator, "inputs", None) else None
    if shape is None or len(shape) != 2 or shape[-1] is None:
        raise ValueError(
            "generator must take a 2-D (batch, latent_dim) input with a known latent_dim; "
            f"got input shape {None if shape is None else tuple(shape)}"
        )
    return int(shape[-1])


class GAN(keras.Model):
    """Trains ``generator`` and ``discriminator`` against each other with ``fit(real_samples)``.

    ``fit`` reports the mean ``d_loss`` and ``g_loss`` of each epoch. Calling the model on noise
    ``z`` returns ``generator(z)``; `sample` draws generated samples as a NumPy array.

    Args:
        generator: a model mapping ``(batch, latent_dim)`` noise to samples.
        discriminator: a model mapping samples to one logit each.
        seed: seed of the noise drawn in ``train_step`` (reproducible training).
    """

    def __init__(
        self,
        generator: keras.Model,
        discriminator: keras.Model,
        *,
        seed: int | None = None,
        **kwargs: Any,
    ) -> None:
        for name, model in (("generator", generator), ("discriminator", discriminator)):
            if not isinstance(model, keras.Model):
                raise TypeError(f"{name} must be a keras.Model; got {type(model).__name__}")
        latent_dim = _latent_dim_of(generator)
        if seed is not None:
            seed = check_int(seed, "seed", minimum=0)
        super().__init__(**kwargs)
        self.generator = generator
        self.discriminator = discriminator
        self.latent_dim = latent_dim
        self.seed_generator = keras.random.SeedGenerator(seed)
        self.d_loss_tracker = keras.metrics.Mean(name="d_loss")
        self.g_loss_tracker = keras.metrics.Mean(name="g_loss")

    def compile(
        self,
        d_optimizer: keras.optimizers.Optimizer,
        g_optimizer: keras.optimizers.Optimizer,
        loss_fn: Callable[[Any, Any], Any],
        **kwargs: Any,
    ) -> None:
        """Set one optimizer per network and the loss ``loss_fn(labels, logits)``.

        ``loss_fn`` is usually ``keras.losses.BinaryCrossentropy(from_logits=True)``; the two
        optimizers must be different objects (each keeps its own slot variables).
        """
        if keras.backend.backend() != "tensorflow":
            raise NotImplementedError(
                "GAN.train_step uses tf.GradientTape; set KERAS_BACKEND=tensorflow "
                f"(current backend: {keras.backend.backend()!r})"
            )
        for name, opt in (("d_optimizer", d_optimizer), ("g_optimizer", g_optimizer)):
            if not isinstance(opt, keras.optimizers.Optimizer):
                raise TypeError(
                    f"{name} must be a keras.optimizers.Optimizer instance such as "
                    f"keras.optimizers.Adam(1e-3); got {type(opt).__name__}"
                )
        if d_optimizer is g_optimizer:
            raise ValueError(
                "d_optimizer and g_optimizer must be two different optimizer objects; "
                "create one for each network"
            )
        if not callable(loss_fn):
            raise TypeError(
                "loss_fn must be callable as loss_fn(labels, logits), e.g. "
                f"keras.losses.BinaryCrossentropy(from_logits=True); got {type(loss_fn).__name__}"
            )
        super().compile(**kwargs)
        self.d_optimizer = d_optimizer
        self.g_optimizer = g_optimizer
        self.loss_fn = loss_fn

    @property
    def metrics(self) -> list[keras.metrics.Metric]:
        # Listed here so that fit() resets them at the start of every epoch.
        return [self.d_loss_tracker, self.g_loss_tracker]

    def call(self, z: Any, training: bool = False) -> Any:
        return self.generator(z, training=training)

    def sample(self, n: int, seed: int | None = None) -> np.ndarray:
        """``n`` generated samples, shape ``(n, output_dim)``, from standard normal noise."""
        n = check_int(n, "n", minimum=1)
        z = np.random.default_rng(seed).standard_normal((n, self.latent_dim))
        z = z.astype(self.generator.compute_dtype)
        return keras.ops.convert_to_numpy(self.generator(z, training=False))

    def train_step(self, data: Any) -> dict[str, Any]:
        import tensorflow as tf

        real = data[0] if isinstance(data, tuple) else data
        real = tf.cast(real, self.compute_dtype)
        batch = tf.shape(real)[0]

        # 1. Discriminator: real samples labelled 1, generated ones 0.
        z = keras.random.normal((batch, self.latent_dim), seed=self.seed_generator)
        fake = self.generator(z, training=False)
        samples = tf.concat([real, fake], axis=0)
        labels = tf.concat([tf.ones((batch, 1)), tf.zeros((batch, 1))], axis=0)
        with tf.GradientTape() as tape:
            d_loss = self.loss_fn(labels, self.discriminator(samples, training=True))
        weights = self.discriminator.trainable_weights
        self.d_optimizer.apply_gradients(zip(tape.gradient(d_loss, weights), weights, strict=True))

        # 2. Generator: non-saturating loss, i.e. fakes labelled "real".
        z = keras.random.normal((batch, self.latent_dim), seed=self.seed_generator)
        with tf.GradientTape() as tape:
            logits = self.discriminator(self.generator(z, training=True), training=False)
            g_loss = self.loss_fn(tf.ones((batch, 1)), logits)
        weights = self.generator.trainable_weights
        self.g_optimizer.apply_gradients(zip(tape.gradient(g_loss, weights), weights, strict=True))

        self.d_loss_tracker.update_state(d_loss)
        self.g_loss_tracker.update_state(g_loss)
        return {m.name: m.result() for m in self.metrics}


__all__ = ["GAN", "dcgan_discriminator", "dcgan_generator", "gan_discriminator", "gan_generator"]
