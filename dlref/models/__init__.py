"""Model builders that return ``keras.Model`` objects, from an MLP to ResNet and two GANs.

Every builder checks its arguments before it creates a layer and raises ``ValueError`` or
``TypeError`` naming the argument and what to change (for example the smallest ``input_shape``
a network accepts). Importing this package imports Keras.
"""

from dlref.models.cnn import (
    VGG_CONFIGS,
    alexnet,
    alexnet_min_size,
    alexnet_small,
    lenet5,
    vgg,
    vgg16,
    vgg19,
)
from dlref.models.densenet import dense_block, transition_layer
from dlref.models.gan import (
    GAN,
    dcgan_discriminator,
    dcgan_generator,
    gan_discriminator,
    gan_generator,
)
from dlref.models.inception import GOOGLENET_BLOCKS, googlenet, inception_block
from dlref.models.mlp import mlp
from dlref.models.resnet import (
    RESNET_LAYOUTS,
    residual_block,
    resnet,
    resnet_small,
    resnext_block,
)
from dlref.models.separable import (
    ParamCounts,
    conv_param_counts,
    mobilenet_block,
    separable_block,
)
from dlref.models.sequence import sequence_classifier, sequence_regressor
from dlref.models.transformer import (
    TokenAndPositionEmbedding,
    decoder_only_transformer,
    transformer_block,
)

__all__ = [
    "GAN",
    "GOOGLENET_BLOCKS",
    "RESNET_LAYOUTS",
    "VGG_CONFIGS",
    "ParamCounts",
    "TokenAndPositionEmbedding",
    "alexnet",
    "alexnet_min_size",
    "alexnet_small",
    "conv_param_counts",
    "dcgan_discriminator",
    "dcgan_generator",
    "decoder_only_transformer",
    "dense_block",
    "gan_discriminator",
    "gan_generator",
    "googlenet",
    "inception_block",
    "lenet5",
    "mlp",
    "mobilenet_block",
    "residual_block",
    "resnet",
    "resnet_small",
    "resnext_block",
    "separable_block",
    "sequence_classifier",
    "sequence_regressor",
    "transformer_block",
    "transition_layer",
    "vgg",
    "vgg16",
    "vgg19",
]
