"""Every public name of dlref is used by a page, a notebook, a snippet or a tool of the repo.

Tests do not count as use: a name only tests call is listed here with the reason it stays
public (a constant an argument is checked against, a type a function returns, a building block,
a variant of a family a page shows), or it is deleted.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import dlref

ROOT = Path(__file__).resolve().parents[1]
_BUILDING_BLOCK = (
    "a building block of a used public function, exported for the API reference; "
    "no page calls it directly yet"
)
_CONSTANT = (
    "a constant that a public function's argument is checked against; listed in the API reference"
)
_RETURNED = "a type that a public function returns; readers meet it as that value"
_BASE_CLASS = "the base class of the public optimizers a page uses; readers subclass it"
_VARIANT = (
    "a variant of a family a page shows (the same formula with another distribution, "
    "activation or schedule); tested against Keras like the member the page uses"
)
_GENERATOR = "a data generator of the family the pages use (make_moons, adding_problem)"
ALLOWED_UNUSED: dict[str, str] = {
    "CharVocabulary": _RETURNED,
    "Split": _RETURNED,
    "DeviceReport": _RETURNED,
    "ParamCounts": _RETURNED,
    "TrainingResult": _RETURNED,
    "ValueIterationResult": _RETURNED,
    "Schedule": _RETURNED,
    "TrainingData": _RETURNED,
    "GridWorld": _RETURNED,
    "GradientCheck": _RETURNED,
    "PolicyIterationResult": _RETURNED,
    "WordVocabulary": _RETURNED,
    "Optimizer": _BASE_CLASS,
    "ANNEAL_STRATEGIES": _CONSTANT,
    "CIFAR10_CLASSES": _CONSTANT,
    "CIFAR10_URL": _CONSTANT,
    "FEED_FORWARD_ACTIVATIONS": _CONSTANT,
    "VGG_CONFIGS": _CONSTANT,
    "CIFAR10_FILES": _CONSTANT,
    "DATA_DIR_ENV": _CONSTANT,
    "DIGITS_MAX": _CONSTANT,
    "RESIZE_METHODS": _CONSTANT,
    "CORPUS_FILE": _CONSTANT,
    "REPORTED_PACKAGES": _CONSTANT,
    "RESNET_LAYOUTS": _CONSTANT,
    "BN_EPSILON": _CONSTANT,
    "FIGURE_DIR_ENV": _CONSTANT,
    "ACTIONS": _CONSTANT,
    "FLIP_MODES": _CONSTANT,
    "SCHEDULES": _CONSTANT,
    "BINARY_LOSSES": _CONSTANT,
    "ONE_HOT_LOSSES": _CONSTANT,
    "SPARSE_LOSSES": _CONSTANT,
    "SEARCH_MODES": _CONSTANT,
    "check_seed": _BUILDING_BLOCK,
    "check_split": _BUILDING_BLOCK,
    "standardize": _BUILDING_BLOCK,
    "check_mdp": _BUILDING_BLOCK,
    "loss_name": _BUILDING_BLOCK,
    "learning_rate_callback": _BUILDING_BLOCK,
    "build_callbacks": _BUILDING_BLOCK,
    "check_compiled": _BUILDING_BLOCK,
    "unpack_data": _BUILDING_BLOCK,
    "metrics_from_confusion": _BUILDING_BLOCK,
    "sample_input": _BUILDING_BLOCK,
    "predict_classes": _BUILDING_BLOCK,
    "check_labels": _BUILDING_BLOCK,
    "log_sum_exp": _BUILDING_BLOCK,
    "masked_softmax": _BUILDING_BLOCK,
    "resize_images": _BUILDING_BLOCK,
    "resize_matrix": _BUILDING_BLOCK,
    "split_dataset": _BUILDING_BLOCK,
    "terminal_states": _BUILDING_BLOCK,
    "separable_block": _VARIANT,
    "glorot_normal": _VARIANT,
    "he_uniform": _VARIANT,
    "lecun_normal": _VARIANT,
    "gelu_grad": _VARIANT,
    "leaky_relu_grad": _VARIANT,
    "swish_grad": _VARIANT,
    "cosine_schedule": _VARIANT,
    "step_schedule": _VARIANT,
    "make_regression_data": _GENERATOR,
    "sine_waves": _GENERATOR,
}


def public_names() -> dict[str, str]:
    """``{name: module}`` for every name in the ``__all__`` of dlref and its modules."""
    names = {}
    modules = [dlref] + [
        importlib.import_module(info.name)
        for info in pkgutil.walk_packages(dlref.__path__, "dlref.")
        if not info.name.rsplit(".", 1)[-1].startswith("_")
    ]
    for module in modules:
        for name in getattr(module, "__all__", []):
            names.setdefault(name, module.__name__)
    return names


def _corpus() -> str:
    """Pages and notebooks, snippets and tools: what readers and maintainers run (not tests)."""
    files = [*ROOT.glob("docs/**/*.md"), *ROOT.glob("snippets/**/*.py"), *ROOT.glob("tools/*.py")]
    return "\n".join(p.read_text(encoding="utf-8") for p in files)


def test_every_public_name_is_used():
    corpus = _corpus()
    unused = sorted(
        f"{module}.{name}"
        for name, module in public_names().items()
        if name not in ALLOWED_UNUSED and not re.search(rf"\b{re.escape(name)}\b", corpus)
    )
    assert unused == [], f"public names that no page, snippet or tool uses: {unused}"


def test_the_allowlist_is_current():
    names = public_names()
    assert sorted(set(ALLOWED_UNUSED) - set(names)) == []
