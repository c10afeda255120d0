"""dlref.models VGG-16/19 and ResNet-50 have exactly the parameters of keras.applications.

Each keras.applications reference is built once per module (weights=None, nothing downloaded);
the fixtures keep only the counts and output shapes so the 100-million-weight models are freed.
"""

from __future__ import annotations

import gc

import keras
import numpy as np
import pytest

from dlref.models.cnn import vgg16, vgg19
from dlref.models.resnet import resnet


def _summary(model: keras.Model) -> dict[str, object]:
    trainable = sum(int(np.prod(w.shape)) for w in model.trainable_weights)
    return {"total": model.count_params(), "trainable": trainable, "output": model.output_shape}


@pytest.fixture(scope="module")
def reference():
    """Parameter counts of the keras.applications models, built once (weights=None)."""
    counts = {}
    for name, build in [
        ("vgg16", keras.applications.VGG16),
        ("vgg19", keras.applications.VGG19),
        ("resnet50", keras.applications.ResNet50),
    ]:
        model = build(weights=None)
        counts[name] = _summary(model)
        del model
        keras.utils.clear_session()
        gc.collect()
    return counts


@pytest.mark.parametrize(("name", "build"), [("vgg16", vgg16), ("vgg19", vgg19)])
def test_vgg_parameter_count_equals_keras_applications(reference, name, build):
    ours = _summary(build())
    assert ours == reference[name]
    assert ours["output"] == (None, 1000)


def test_resnet50_equals_keras_applications(reference):
    """Same total and trainable counts as keras.applications.ResNet50, same block outputs."""
    model = resnet(50)
    assert _summary(model) == reference["resnet50"]
    shapes = [model.get_layer(f"conv{s}_block1_out").output.shape[1:] for s in (2, 3, 4, 5)]
    assert shapes == [(56, 56, 256), (28, 28, 512), (14, 14, 1024), (7, 7, 2048)]
    bns = [layer for layer in model.layers if isinstance(layer, keras.layers.BatchNormalization)]
    assert {layer.epsilon for layer in bns} == {1.001e-5}
    assert len(bns) == 53  # stem + 16 blocks x 3 + 4 projections
