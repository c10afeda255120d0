"""Notebook pages run top to bottom, and both languages run the same code."""

from __future__ import annotations

import nbformat
import pytest

from sitetools import notebooks
from sitetools.pages import page_pairs

NOTEBOOK_PAIRS = {
    key: pair
    for key, pair in page_pairs().items()
    if any(page.is_notebook for page in pair.values())
}


@pytest.mark.parametrize("key", sorted(NOTEBOOK_PAIRS), ids=str)
def test_notebook_languages_share_code(key):
    pair = NOTEBOOK_PAIRS[key]
    assert all(page.is_notebook for page in pair.values()), "a notebook page in one language only"
    zh, en = (notebooks.code_of(notebooks.load(pair[lang])) for lang in ("zh", "en"))
    assert zh == en, "notebook code cells differ between zh and en (comments included)"


@pytest.mark.parametrize("key", sorted(NOTEBOOK_PAIRS), ids=str)
def test_notebook_runs_top_to_bottom(key):
    for page in NOTEBOOK_PAIRS[key].values():
        path = notebooks.executed(page)
        ran = nbformat.read(path, as_version=4)
        code_cells = [cell for cell in ran.cells if cell.cell_type == "code"]
        assert code_cells and all(cell.execution_count for cell in code_cells)
        errors = [out for cell in code_cells for out in cell.outputs if out.output_type == "error"]
        assert errors == []
        assert "jupytext" not in ran.metadata
