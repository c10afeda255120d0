"""Every Python code block a reader can copy, run exactly as the page shows it.

Blocks are parsed by pytest-codeblocks after ``--8<--`` includes are expanded. A block that is
identical in the zh and en pages runs once, under an id that names both. Each block runs in a
fresh namespace and a temporary working folder; figures go to docs/assets/figures so the site
shows what the code drew. Printed output is compared with the page's expected-output block.
"""

from __future__ import annotations

import re
import sys

import pytest

from sitetools.codeblocks import SharedBlock, reset_random_state, run_block, runnable_blocks
from sitetools.pages import DOCS, all_pages

FIGURES = DOCS / "assets" / "figures"

_SHARED = runnable_blocks(all_pages())


def _params():
    for shared in _SHARED:
        marks = [eval(mark, {"sys": sys, "pytest": pytest}) for mark in shared.block.marks]
        yield pytest.param(shared, marks=marks, id=shared.id)


def test_every_content_page_has_code_in_both_languages():
    """A content page whose blocks stopped being collected (a bad fence, a lost include) fails."""
    pages = [p for p in all_pages() if not p.is_notebook]  # notebooks: tests/test_notebooks.py
    content = {
        (p.key, p.lang) for p in pages if p.key != "index" and not p.key.startswith("appendix/")
    }
    with_code = {
        (loc.split(".")[0], loc.split(".")[1].split(":")[0]) for s in _SHARED for loc in s.locations
    }
    assert len(content) > 50
    assert sorted(content - with_code) == []


@pytest.mark.parametrize("shared", list(_params()))
def test_code_block(shared: SharedBlock, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DLREF_FIGURE_DIR", str(FIGURES))
    block = shared.block
    if block.importorskip:
        pytest.importorskip(block.importorskip)
    reset_random_state(code=block.code)  # seeds Keras too when this block will import it
    output = run_block(block.code, shared.locations[0])
    if block.expected_output is not None:
        expected, actual = block.expected_output, output
        if block.expected_output_ignore_whitespace:
            expected, actual = re.sub(r"\s+", "", expected), re.sub(r"\s+", "", actual)
        assert actual == expected, (
            f"printed output differs from the page ({', '.join(shared.locations)}):\n"
            f"--- page\n{block.expected_output}--- actual\n{output}"
        )
