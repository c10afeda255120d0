"""The pytest-xdist worker groups: which tests must share a worker, and that the scheduler keeps
them together under `--dist loadgroup` (the Makefile's mode)."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from sitetools import xdist_groups
from sitetools.pages import ROOT


@pytest.mark.parametrize(
    ("nodeid", "group"),
    [
        (
            "tests/test_notebooks.py::test_notebook_runs_top_to_bottom[practice/evaluation]",
            "tests/test_notebooks.py[practice/evaluation]",
        ),
        (
            "tests/test_notebooks.py::test_figures_become_images[practice/evaluation]",
            "tests/test_notebooks.py[practice/evaluation]",
        ),
        ("tests/test_notebooks.py::test_notebooks_run_outside_the_repository", None),
        (
            "tests/test_models_reference.py::test_resnet50_equals_keras_applications",
            "tests/test_models_reference.py",
        ),
        (
            "tests/test_models_reference.py::test_vgg_parameter_count_equals_keras_applications"
            "[vgg16-vgg16]",
            "tests/test_models_reference.py",
        ),
        ("tests/test_pages_code.py::test_code_block[gan/gan:494[en+zh]]", None),
        ("tests/test_models.py::test_alexnet_imagenet_layout", None),
    ],
)
def test_group_of(nodeid, group):
    assert xdist_groups.group_of(nodeid) == group


def test_group_of_rejects_a_non_string():
    with pytest.raises(TypeError, match="nodeid must be a pytest test id"):
        xdist_groups.group_of(None)


def test_the_grouped_modules_exist():
    for path in xdist_groups.MODULE_GROUPS + xdist_groups.PARAMETER_GROUPS:
        assert (ROOT / path).is_file(), f"{path} is grouped but does not exist"


def _config(dist: str, workers: int = 2) -> SimpleNamespace:
    values = {"dist": dist, "tx": [f"{workers}*popen"]}
    return SimpleNamespace(getvalue=values.get)


def test_loadgroup_scheduler_keeps_a_group_together():
    scheduler = xdist_groups.make_scheduler(_config("loadgroup"), None)
    a = "tests/test_notebooks.py::test_notebook_runs_top_to_bottom[practice/evaluation]"
    b = "tests/test_notebooks.py::test_figures_become_images[practice/evaluation]"
    c = "tests/test_notebooks.py::test_figures_become_images[practice/text-generation]"
    d = "tests/test_train.py::test_digits_cnn_reaches_97_percent"
    scopes = [scheduler._split_scope(nodeid) for nodeid in (a, b, c, d)]
    assert scopes[0] == scopes[1] != scopes[2]
    assert scopes[3] == d


def test_other_dist_modes_keep_xdist_schedulers():
    assert xdist_groups.make_scheduler(_config("load"), None) is None


def test_the_makefile_runs_the_python_tests_with_loadgroup():
    makefile = Path(ROOT, "Makefile").read_text(encoding="utf-8")
    test_py = re.search(r"^test-py:.*\n\t(.*)", makefile, re.MULTILINE).group(1)
    assert "--dist loadgroup" in test_py


def test_conftest_installs_the_scheduler(pytestconfig):
    hook = pytestconfig.pluginmanager.hook.pytest_xdist_make_scheduler
    scheduler = hook(config=_config("loadgroup"), log=None)
    assert type(scheduler).__name__ == "GroupScheduling"
