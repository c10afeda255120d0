"""Every public name of dlref is used by a page, a notebook, a snippet or a test.

Library code that nothing uses is either documented here with the reason it stays, or deleted.
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
    files = [*ROOT.glob("docs/**/*.md"), *ROOT.glob("snippets/**/*.py"), *ROOT.glob("tests/*.py")]
    return "\n".join(p.read_text(encoding="utf-8") for p in files if p.name != Path(__file__).name)


def test_every_public_name_is_used():
    corpus = _corpus()
    unused = sorted(
        f"{module}.{name}"
        for name, module in public_names().items()
        if name not in ALLOWED_UNUSED and not re.search(rf"\b{re.escape(name)}\b", corpus)
    )
    assert unused == [], f"public names that no page, snippet or test uses: {unused}"


def test_the_allowlist_is_current():
    names = public_names()
    assert sorted(set(ALLOWED_UNUSED) - set(names)) == []
