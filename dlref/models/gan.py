r"""A generative adversarial network (Goodfellow et al., 2014) as a ``keras.Model`` subclass.

The discriminator $D$ outputs a logit; $\sigma(D(x))$ is its probability that
$x$ is real. Each training step alternates

- discriminator: minimise $-\log\sigma(D(x)) - \log(1 - \sigma(D(G(z))))$ on a batch of
  real samples $x$ and as many fakes $G(z)$;
- generator: minimise the *non-saturating* loss $-\log\sigma(D(G(z)))$ on fresh noise,
  which keeps useful gradients when $D$ rejects the fakes easily (the minimax form
  $\log(1 - \sigma(D(G(z))))$ saturates there).

`GAN`'s ``train_step`` uses ``tf.GradientTape`` and so needs the TensorFlow backend.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import keras
import numpy as np

from dlref._validate import check_int
from dlref.models._common import check_units


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


__all__ = ["GAN", "gan_discriminator", "gan_generator"]
