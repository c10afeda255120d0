"""Notebook pages: jupytext-Markdown sources in docs/, executed once into cached ``.ipynb``.

A notebook page exists in both languages with the same code cells and different prose. The
code is executed once per distinct code (the cache key also covers dlref and snippets, whose
changes can change outputs); the outputs are then written into each language's notebook.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient

from sitetools.pages import ROOT, Page, join_cjk_lines

CACHE = ROOT / ".cache" / "notebooks"
CELL_TIMEOUT_S = 300


def load(page: Page) -> nbformat.NotebookNode:
    """The page as a notebook (no outputs yet), with snippet includes expanded."""
    text = join_cjk_lines(page.expanded) if page.lang == "zh" else page.expanded
    return jupytext.reads(text, fmt="md")


def code_of(notebook: nbformat.NotebookNode) -> list[str]:
    """The source of every code cell, in order."""
    return [cell.source for cell in notebook.cells if cell.cell_type == "code"]


def _library_digest() -> str:
    digest = hashlib.sha256()
    for folder in ("dlref", "snippets"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            digest.update(path.relative_to(ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_key(notebook: nbformat.NotebookNode) -> str:
    digest = hashlib.sha256(_library_digest().encode())
    for source in code_of(notebook):
        digest.update(b"\0cell\0" + source.encode())
    return digest.hexdigest()[:20]


def _kernel_env() -> dict[str, str]:
    env = dict(os.environ)
    env["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"  # figures become outputs
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    env["PYTHONHASHSEED"] = "0"
    return env


def _run(notebook: nbformat.NotebookNode, workdir: Path) -> nbformat.NotebookNode:
    notebook = nbformat.from_dict(notebook)
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    client = NotebookClient(
        notebook,
        timeout=CELL_TIMEOUT_S,
        kernel_name="python3",
        allow_errors=False,
        resources={"metadata": {"path": str(workdir)}},
    )
    client.execute(env=_kernel_env(), cwd=str(workdir))
    return notebook


def executed(page: Page) -> Path:
    """Path of the executed ``.ipynb`` for ``page``, executing it only if the cache misses.

    Raises ``nbclient.exceptions.CellExecutionError`` when a cell fails.
    """
    notebook = load(page)
    key = cache_key(notebook)
    outputs_file = CACHE / f"{key}.ipynb"
    if not outputs_file.exists():
        with tempfile.TemporaryDirectory(prefix="dlref-nb-") as workdir:
            result = _run(notebook, Path(workdir))
        CACHE.mkdir(parents=True, exist_ok=True)
        nbformat.write(result, outputs_file)
    ran = nbformat.read(outputs_file, as_version=4)
    ran_cells = [cell for cell in ran.cells if cell.cell_type == "code"]
    cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    for cell, ran_cell in zip(cells, ran_cells, strict=True):
        cell.outputs = ran_cell.outputs
        cell.execution_count = ran_cell.execution_count
    notebook.metadata.pop("jupytext", None)
    notebook.metadata["kernelspec"] = ran.metadata["kernelspec"]
    target = CACHE / page.lang / f"{page.key}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)
    return target
