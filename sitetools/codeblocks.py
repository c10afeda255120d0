"""Code blocks of the pages, parsed exactly as pytest-codeblocks parses them.

pytest-codeblocks runs fences tagged ``python``, ``sh`` or ``bash`` and silently ignores every
other info string. :func:`fence_problems` turns those silent skips into errors: a fence that
does not run must carry ``<!--pytest.mark.skip(reason="...")-->`` or be the expected output of
the block before it.
"""

from __future__ import annotations

import io
import random
import re
import sys
from dataclasses import dataclass

from pytest_codeblocks.main import CodeBlock, extract_from_buffer, stdout_io

from sitetools.pages import Page

RUNNABLE = "python"
_SHELL = {"sh", "bash"}
_SKIP_WITH_REASON = re.compile(r"""^pytest\.mark\.skip(if)?\(.*reason\s*=\s*(["'])(?P<r>.+?)\2""")
_TILDE_FENCE = re.compile(r"^\s*~~~")


def blocks(page: Page) -> list[CodeBlock]:
    """The code blocks of ``page`` after snippet expansion, with their marks and outputs."""
    return extract_from_buffer(io.StringIO(page.expanded))


def mark_skip_reason(mark: str) -> str | None:
    """The reason of a mark such as ``pytest.mark.skip(reason="needs a GPU")``, or None."""
    match = _SKIP_WITH_REASON.match(mark.strip())
    return (match.group("r").strip() or None) if match else None


def skip_reason(block: CodeBlock) -> str | None:
    """The reason given by the block's skip mark, or None if it has none."""
    for mark in block.marks:
        reason = mark_skip_reason(mark)
        if reason:
            return reason
    return None


def fence_problems(page: Page) -> list[str]:
    """Fences that would not run and say nothing about why, and other harness hazards."""
    problems = []
    inside_tilde_fence = False
    for number, line in enumerate(page.expanded.splitlines(), start=1):
        if _TILDE_FENCE.match(line):
            if not inside_tilde_fence:
                problems.append(f"{page.rel}:{number}: '~~~' fences are invisible to the harness")
            inside_tilde_fence = not inside_tilde_fence
    for block in blocks(page):
        where = f"{page.rel}:{block.lineno}"
        syntax = (block.syntax or "").strip()
        is_skipped = any(m.startswith("pytest.mark.skip") for m in block.marks)
        if is_skipped and skip_reason(block) is None:
            problems.append(f"{where}: skip mark without reason=... on a '{syntax}' fence")
        elif syntax == RUNNABLE:
            continue
        elif syntax in _SHELL and not is_skipped:
            problems.append(
                f"{where}: shell fence must not run in tests; mark it "
                '<!--pytest.mark.skip(reason="...")-->'
            )
        elif syntax not in _SHELL and not is_skipped:
            problems.append(
                f"{where}: fence '{syntax or '(no language)'}' would be skipped silently; use "
                "'python', or mark it <!--pytest.mark.skip(reason=\"...\")-->, or make it the "
                "expected output of the block before it"
            )
    return problems


_COMMENT = re.compile(r"(^|\s)#(?![!]).*$", re.MULTILINE)


def without_comments(code: str) -> str:
    """``code`` with ``#`` comments removed: comments are prose and may be translated."""
    return "\n".join(line.rstrip() for line in _COMMENT.sub("", code).splitlines() if line.strip())


@dataclass
class SharedBlock:
    """One runnable block and every page location that shows exactly this code."""

    block: CodeBlock
    locations: list[str]

    @property
    def id(self) -> str:
        first = self.locations[0].replace(".zh.md", "").replace(".en.md", "")
        langs = "+".join(sorted({loc.split(".")[-2] for loc in self.locations}))
        return f"{first}[{langs}]"


def runnable_blocks(pages: list[Page]) -> list[SharedBlock]:
    """Python blocks of all non-notebook pages; identical blocks across pages run once."""
    shared: dict[tuple, SharedBlock] = {}
    for page in pages:
        if page.is_notebook:
            continue
        for block in blocks(page):
            if block.syntax != RUNNABLE:
                continue
            key = (block.code, block.expected_output, tuple(block.marks))
            location = f"{page.rel}:{block.lineno}"
            if key in shared:
                shared[key].locations.append(location)
            else:
                shared[key] = SharedBlock(block, [location])
    return list(shared.values())


#: Code that imports Keras, directly or through dlref's Keras-side modules.
_USES_KERAS = re.compile(r"\b(keras|tensorflow)\b|\bdlref\.(models|train|recipes|device)\b")


#: The seed of Python's, NumPy's and Keras' global generators before each block when
#: ``make update-outputs`` regenerates the expected outputs, and the different one the tests use.
#: A reader's fresh interpreter is not seeded, so a block that needs reproducible randomness
#: seeds it itself (``keras.utils.set_random_seed(0)``); one that relies on the runner's seed
#: prints other numbers under the tests' seed and fails.
UPDATE_SEED = 0
TEST_SEED = 1


_NUMPY_PRINT_DEFAULTS = {
    "precision": 8,
    "threshold": 1000,
    "edgeitems": 3,
    "linewidth": 75,
    "suppress": False,
    "nanstr": "nan",
    "infstr": "inf",
    "sign": "-",
    "floatmode": "maxprec",
    "legacy": False,
}


def reset_random_state(seed: int = TEST_SEED, code: str = "") -> None:
    """Clear Keras' global state, NumPy's print options, and seed Python, NumPy and the
    backend with ``seed``.

    Keras is seeded when it is already loaded or when ``code`` (the block about to run) will
    load it, so a block prints the same numbers whether or not an earlier block imported Keras.
    A block that calls ``np.set_printoptions`` changes how every later block prints, so the
    options go back to NumPy's defaults before each block.
    """
    import numpy as np

    random.seed(seed)
    np.random.seed(seed)
    np.set_printoptions(**_NUMPY_PRINT_DEFAULTS)
    if "keras" in sys.modules or _USES_KERAS.search(code):
        import keras

        keras.utils.clear_session(free_memory=False)
        keras.config.set_floatx("float32")  # a block may have switched it
        keras.utils.set_random_seed(seed)


def run_block(code: str, filename: str) -> str:
    """Execute ``code`` as a fresh ``__main__`` module and return what it printed."""
    with stdout_io() as captured:
        exec(compile(code, filename, "exec"), {"__name__": "__main__"})
    return captured.getvalue()
