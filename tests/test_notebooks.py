"""Notebook pages run top to bottom, and both languages run the same code."""

from __future__ import annotations

import re

import jupytext
import nbformat
import pytest
from nbclient.exceptions import CellExecutionError

from sitetools import notebooks
from sitetools.pages import ROOT, page_pairs

NOTEBOOK_PAIRS = {
    key: pair
    for key, pair in page_pairs().items()
    if any(page.is_notebook for page in pair.values())
}
# Under pytest-xdist one notebook's tests share a worker (sitetools/xdist_groups.py), and
# `notebooks.executed` also holds a lock per notebook: another process that needs the same notebook
# waits for the first and reads its result.
KEYS = sorted(NOTEBOOK_PAIRS)


@pytest.mark.parametrize("key", KEYS)
def test_notebook_languages_share_code(key):
    pair = NOTEBOOK_PAIRS[key]
    assert all(page.is_notebook for page in pair.values()), "a notebook page in one language only"
    zh, en = (notebooks.code_of(notebooks.load(pair[lang])) for lang in ("zh", "en"))
    assert zh == en, "notebook code cells differ between zh and en (comments included)"


@pytest.mark.parametrize("key", KEYS)
def test_notebook_runs_top_to_bottom(key):
    for page in NOTEBOOK_PAIRS[key].values():
        path = notebooks.executed(page)
        ran = nbformat.read(path, as_version=4)
        code_cells = [cell for cell in ran.cells if cell.cell_type == "code"]
        ran_cells = [cell for cell in code_cells if not notebooks.is_skipped(cell)]
        assert ran_cells and all(cell.execution_count for cell in ran_cells)
        errors = [out for cell in ran_cells for out in cell.outputs if out.output_type == "error"]
        assert errors == []
        skipped = [cell for cell in code_cells if notebooks.is_skipped(cell)]
        assert all(not cell.outputs and not cell.execution_count for cell in skipped)
        assert all(cell.metadata.get("dlref_skip_reason") for cell in skipped)
        assert "jupytext" not in ran.metadata


_MARKED = """# Title

A GPU cell follows.

<!--pytest.mark.skip(reason="needs a GPU: runs in the GPU workflow")-->
```python
print("gpu")
```

<!--pytest.mark.skip(reason="a shell command")-->
```shell
make test
```

<!-- an ordinary comment -->
```python
print("cpu")
```
"""


def test_skip_marked_cells_are_tagged_and_not_executed(tmp_path):
    notebook = notebooks.mark_skipped(jupytext.reads(_MARKED, fmt="md"))
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert [cell.source for cell in code] == ['print("gpu")', 'print("cpu")']
    assert [notebooks.is_skipped(cell) for cell in code] == [True, False]
    assert code[0].metadata["dlref_skip_reason"] == "needs a GPU: runs in the GPU workflow"
    ran = notebooks._run(notebook, tmp_path)
    code = [cell for cell in ran.cells if cell.cell_type == "code"]
    assert code[0].outputs == [] and not code[0].execution_count
    assert code[1].outputs[0]["text"] == "cpu\n"


def test_admonitions_become_html_for_the_notebook_renderer():
    text = 'Before.\n\n!!! warning "Pitfalls"\n\n    - **One** `code`\n    - Two\n\nAfter.'
    html = notebooks.admonitions_to_html(text)
    assert html.startswith("Before.\n")
    assert html.rstrip().endswith("After.")
    assert '<div class="admonition warning">' in html
    assert '<p class="admonition-title">Pitfalls</p>' in html
    assert "<li><strong>One</strong> <code>code</code></li>" in html
    assert "!!!" not in html
    assert notebooks.admonitions_to_html("no admonition here") == "no admonition here"


@pytest.mark.parametrize("key", KEYS)
def test_figures_become_images(key):
    """A cell that ends with a figure shows the image, not ``<Figure size ...>`` text."""
    for page in NOTEBOOK_PAIRS[key].values():
        ran = nbformat.read(notebooks.executed(page), as_version=4)
        for cell in ran.cells:
            if cell.cell_type != "code":
                continue
            for out in cell.outputs:
                text = out.get("data", {}).get("text/plain", "")
                assert not (text.startswith("<Figure size") and "image/png" not in out["data"]), (
                    f"{page.rel}: a figure was rendered as text:\n{cell.source[-200:]}"
                )


def _pins() -> dict[str, str]:
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pins = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)$", lock, re.MULTILINE))
    toml = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    version = re.search(r"^version = \"([^\"]+)\"", toml, re.MULTILINE)[1]
    repo = re.search(r"^repo_url: (\S+)$", (ROOT / "mkdocs.yml").read_text(), re.MULTILINE)[1]
    return {
        "dlref": f"dlref[keras] @ git+{repo}@v{version}",
        "keras": f"keras=={pins['keras']}",
        "tensorflow": f"tensorflow=={pins['tensorflow_cpu']}",
    }


@pytest.mark.parametrize("key", KEYS)
def test_first_cell_installs_the_versions_the_notebook_ran_with(key):
    """Downloaded, a notebook installs dlref and the Keras/TensorFlow it was executed with."""
    for page in NOTEBOOK_PAIRS[key].values():
        first = notebooks.code_of(notebooks.load(page))[0]
        namespace: dict = {}
        exec(first.split("if importlib.util.find_spec")[0], namespace)  # the list, no install
        assert namespace["REQUIREMENTS"] == list(_pins().values()), page.rel
        assert 'importlib.util.find_spec("dlref") is None' in first


_MKDOCS_ONLY = {
    "admonition": re.compile(r"^!!! ", re.MULTILINE),
    "snippet include": re.compile(r"--8<--"),
    "attribute list": re.compile(r"\{:? *[.#][\w-]+[^}]*\}"),
    "test marker": re.compile(r"<!--\s*pytest"),
    "link to a .md page": re.compile(r"\]\((?![a-z]+:)[^)]*\.md[)#]"),
}


@pytest.mark.parametrize("key", KEYS)
def test_downloaded_notebook_has_no_mkdocs_only_syntax(key):
    for page in NOTEBOOK_PAIRS[key].values():
        downloaded = notebooks.for_download(notebooks.load(page), page)
        text = "\n".join(c.source for c in downloaded.cells if c.cell_type == "markdown")
        found = {name for name, pattern in _MKDOCS_ONLY.items() if pattern.search(text)}
        assert found == set(), f"{page.rel}: {sorted(found)}"
        source = "\n".join(c.source for c in notebooks.load(page).cells)
        assert _MKDOCS_ONLY["admonition"].search(source), "the page source should have some"


def test_markdown_for_jupyter_rewrites_what_jupyter_cannot_show():
    page = next(p for pair in NOTEBOOK_PAIRS.values() for p in pair.values() if p.lang == "en")
    text = (
        "Intro, see [losses](../basics/losses.md#stable) and [home](../index.md).\n\n"
        '<!--pytest.mark.skip(reason="x")-->\n'
        "![a figure](x.svg){ .dlref-figure loading=lazy }\n\n"
        '!!! warning "Pitfalls"\n\n    - **One**\n\n      more\n    - Two\n\nAfter.'
    )
    out = notebooks.markdown_for_jupyter(text, page)
    base = notebooks.site_url("en")
    assert base.endswith("/en/")
    assert f"[losses]({base}basics/losses/#stable)" in out
    assert f"[home]({base})" in out
    assert "pytest" not in out and "{" not in out
    assert "> **Pitfalls**\n>\n> - **One**\n>\n>   more\n> - Two\n\nAfter." in out


def test_notebooks_run_outside_the_repository(tmp_path):
    """The build executes notebooks in a temporary folder: one that reads a repository file
    by a relative path fails there, as it would for a reader."""
    notebook = jupytext.reads('```python\nopen("docs/index.zh.md").read()\n```\n', fmt="md")
    with pytest.raises(CellExecutionError, match="FileNotFoundError"):
        notebooks._run(notebook, tmp_path)


_EXERCISE = """# T

## Exercises

### 1. Compute: two plus two

What is 2 + 2?

??? success "Solution"

    Four, as the cell prints.

<!--dlref:solution-->
```python
print(2 + 2)
```
"""


def test_solution_cells_are_hidden_in_jupyter_and_folded_into_the_page(tmp_path):
    import importlib.util

    notebook = notebooks.mark_solutions(jupytext.reads(_EXERCISE, fmt="md"))
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert notebooks.is_solution(code[0]) and code[0].metadata["jupyter"]["source_hidden"]
    ran = notebooks._run(notebook, tmp_path)
    spec = importlib.util.spec_from_file_location("nbhook", ROOT / "hooks" / "notebooks.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    for cell in ran.cells:
        if cell.cell_type == "markdown":
            cell.source = notebooks.admonitions_to_html(cell.source)
    folded = hook._solutions_folded(ran.cells)
    assert [c.cell_type for c in folded] == ["markdown"] * (len(folded))
    details = folded[-1].source
    assert details.index("<summary>Solution</summary>") < details.index("print(2 + 2)")
    assert details.index("print(2 + 2)") < details.index("4\n") < details.index("</details>")
