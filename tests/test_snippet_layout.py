"""The snippets folder mirrors the pages, and every snippet stands alone.

``snippets/<chapter>/<page>/<topic>.py`` belongs to ``docs/<chapter>/<page>.*.md``; the page's
figures are named ``<chapter>-<page>-<topic>.svg``. A snippet runs alone: it defines or
imports every name it uses, is included whole in its own fence, and never continues a block.
"""

from __future__ import annotations

import builtins
import re
import subprocess
import symtable
import sys

import pytest

from sitetools.codeblocks import blocks
from sitetools.pages import DOCS, ROOT, SNIPPETS, all_pages, expand_snippets

PAGES = all_pages()
SNIPPET_FILES = sorted(SNIPPETS.rglob("*.py"))
_FIGURE_REF = re.compile(r"figures/([\w.-]+\.(?:svg|png))")
_SAVED = re.compile(r"""save_figure\([^)]*?f?["']([\w{}.' =-]+\.(?:svg|png))["']""")


def layout_problems(includes: dict[str, list[str]]) -> list[str]:
    """Snippets (``{page key: included targets}``) not under the folder of their page."""
    problems = []
    for key, targets in includes.items():
        for target in targets:
            folder, _, name = target.rpartition("/")
            if folder != key or not name.endswith(".py"):
                problems.append(f"{key} includes {target!r}, not {key}/<topic>.py")
    return problems


def _includes() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for page in PAGES:
        found.setdefault(page.key, []).extend(page.snippet_targets())
    return found


def undefined_names(source: str, filename: str) -> set[str]:
    """Global names ``source`` reads but never defines, imports or gets from builtins."""
    top = symtable.symtable(source, filename, "exec")
    defined = {s.get_name() for s in top.get_symbols() if s.is_assigned() or s.is_imported()}
    defined |= set(dir(builtins)) | {"__name__", "__file__", "__doc__"}
    used: set[str] = set()

    def walk(table: symtable.SymbolTable) -> None:
        for symbol in table.get_symbols():
            if symbol.is_referenced() and (table is top or symbol.is_global()):
                used.add(symbol.get_name())
        for child in table.get_children():
            walk(child)

    walk(top)
    return used - defined


def test_every_snippet_is_under_the_page_that_includes_it():
    assert layout_problems(_includes()) == []


def test_layout_check_catches_a_misplaced_snippet():
    targets = _includes()["basics/neuron"]
    assert targets and layout_problems({"basics/neuron": targets}) == []
    assert layout_problems({"basics/neuron": ["neuron_xor.py"]}) != []
    assert layout_problems({"cnn/pooling": targets}) != []


def test_every_snippet_is_included_by_a_page():
    used = {t for page in PAGES for t in page.snippet_targets()}
    files = {p.relative_to(SNIPPETS).as_posix() for p in SNIPPET_FILES}
    assert sorted(files - used) == []


@pytest.mark.parametrize("path", SNIPPET_FILES, ids=lambda p: p.relative_to(SNIPPETS).as_posix())
def test_snippet_needs_no_names_from_elsewhere(path):
    source = path.read_text(encoding="utf-8")
    assert undefined_names(source, str(path)) == set()
    assert not re.search(r"^#\s*(ruff|flake8)\s*:\s*noqa", source, re.MULTILINE | re.IGNORECASE)


def test_undefined_name_check_catches_a_continuation():
    assert undefined_names("net = Stack(3)\n", "x.py") == {"Stack"}
    assert undefined_names("def f():\n    return g()\n", "x.py") == {"g"}
    assert undefined_names("import numpy as np\nx = np.zeros(2)\n", "x.py") == set()


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.rel)
def test_snippet_fences_hold_the_include_alone_and_continue_nothing(page):
    for block in blocks(page):
        if any(mark.startswith("pytest-codeblocks:cont") for mark in block.marks):
            raise AssertionError(f"docs/{page.rel}:{block.lineno}: a block continues another")
    text = page.source
    for match in re.finditer(r"```python\n(?P<body>.*?)```", text, re.DOTALL):
        body = match.group("body")
        if "--8<--" in body:
            assert len(body.strip().splitlines()) == 1, f"docs/{page.rel}: include with more code"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.rel)
def test_figures_are_named_from_the_page_key(page):
    prefix = page.key.replace("/", "-") + "-"
    text = expand_snippets(page.source)
    names = set(_FIGURE_REF.findall(page.source)) | set(_SAVED.findall(text))
    wrong = sorted(n for n in names if not n.startswith(prefix))
    assert wrong == [], f"figures of {page.key} must start with {prefix!r}"


def test_every_committed_figure_is_shown_by_a_page():
    shown = {name for page in PAGES for name in _FIGURE_REF.findall(page.source)}
    figures = DOCS / "assets" / "figures"
    files = {p.name for p in figures.iterdir() if p.suffix in (".svg", ".png")}
    assert sorted(files - shown) == []


def test_inline_page_code_passes_ruff(tmp_path):
    """Code written inline in the pages (not in snippets) is linted like the snippets."""
    written = 0
    for page in PAGES:
        if page.is_notebook:
            continue
        for index, block in enumerate(blocks(page)):
            if block.syntax != "python" or ("--8<--" in page.source and _is_include(page, block)):
                continue
            name = re.sub(r"\W", "_", page.key) + f"_{page.lang}_{index}.py"
            (tmp_path / name).write_text(_as_written(page, block), encoding="utf-8")
            written += 1
    assert written > 10
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--config", str(ROOT / "pyproject.toml"),
         "--extend-ignore", "E402", "--no-cache", str(tmp_path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout


def _as_written(page, block) -> str:
    """The block's code as the page shows it. pytest-codeblocks drops the blank lines of a fence
    indented inside an admonition (an exercise's solution), which ruff would read as unsorted
    imports; take those blocks from the page instead, dedented."""
    lines = page.expanded.splitlines()
    fence = lines[block.lineno - 1]
    indent = fence[: len(fence) - len(fence.lstrip())]
    if not indent:
        return block.code
    body = []
    for line in lines[block.lineno :]:
        if line.strip().startswith("```"):
            break
        body.append(line.removeprefix(indent))
    assert [line for line in body if line.strip()] == block.code.rstrip("\n").split("\n")
    return "\n".join(body) + "\n"


def _is_include(page, block) -> bool:
    snippet_bodies = {(SNIPPETS / t).read_text(encoding="utf-8") for t in page.snippet_targets()}
    return block.code in snippet_bodies or block.code.rstrip("\n") + "\n" in snippet_bodies
