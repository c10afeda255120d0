"""Which tests must share one pytest-xdist worker, and the scheduler that keeps them together.

Two kinds of tests share something expensive to make: the keras.applications references of
``tests/test_models_reference.py`` (one module fixture), and a notebook's tests in
``tests/test_notebooks.py`` (one executed notebook per key). pytest-xdist 3.8 puts a test into a
group by renaming ``item._nodeid``, which pytest 9 no longer reads, so its ``xdist_group`` marks
are silently ignored and a group's tests spread over both workers. ``--dist loadgroup`` here
groups by :func:`group_of` instead, from the test id alone (the controller sees only ids).
"""

from __future__ import annotations

from typing import Any

MODULE_GROUPS = ("tests/test_models_reference.py",)
PARAMETER_GROUPS = ("tests/test_notebooks.py",)


def group_of(nodeid: str) -> str | None:
    """The worker group of a test id, or None for a test that may run on any worker.

    A test of a module in ``MODULE_GROUPS`` belongs to the module's group; a parametrized test
    of a module in ``PARAMETER_GROUPS`` to the group of its parameters, e.g.
    ``tests/test_notebooks.py[practice/evaluation]``.
    """
    if not isinstance(nodeid, str):
        raise TypeError(f"nodeid must be a pytest test id (str); got {type(nodeid).__name__}")
    path, _, name = nodeid.partition("::")
    if path in MODULE_GROUPS:
        return path
    if path in PARAMETER_GROUPS and name.endswith("]") and "[" in name:
        return f"{path}[{name[name.index('[') + 1 : -1]}]"
    return None


def make_scheduler(config: Any, log: Any) -> Any:
    """A load scheduler that sends each group's tests to one worker, for ``--dist loadgroup``.

    Returns None for any other ``--dist`` mode, so pytest-xdist picks its own scheduler.
    """
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class GroupScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return group_of(nodeid) or nodeid

    return GroupScheduling(config, log)
