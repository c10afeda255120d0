"""Notebook pages: jupytext-Markdown sources in docs/, executed once into cached ``.ipynb``.

A notebook page exists in both languages with the same code cells and different prose. The
code is executed once per distinct code (the cache key also covers dlref and snippets, whose
changes can change outputs); the outputs are then written into each language's notebook.

A ``python`` fence preceded by ``<!--pytest.mark.skip(reason="...")-->`` (code that needs a GPU,
for example) stays a code cell of the notebook, so readers can run it, but it is tagged
``skip-execution`` and is not run when the site is built: it has no outputs and no execution
count.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import posixpath
import re
import tempfile
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient

from sitetools.codeblocks import mark_skip_reason
from sitetools.pages import ROOT, Page, join_cjk_lines, site_url

CACHE = ROOT / ".cache" / "notebooks"
CELL_TIMEOUT_S = 300
SKIP_TAG = "skip-execution"  # nbclient's default skip_cells_with_tag
_COMMENT = re.compile(r"^<!--(?P<mark>.*)-->$")  # a test mark, as pytest-codeblocks reads it


def load(page: Page) -> nbformat.NotebookNode:
    """The page as a notebook (no outputs yet), with snippet includes expanded and skipped
    cells marked (:func:`mark_skipped`)."""
    text = join_cjk_lines(page.expanded) if page.lang == "zh" else page.expanded
    return mark_solutions(mark_skipped(jupytext.reads(text, fmt="md")))


def mark_skipped(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Tag each code cell that follows a ``<!--pytest.mark.skip(reason="...")-->`` line with
    :data:`SKIP_TAG` (nbclient then leaves it unexecuted) and keep the reason in
    ``metadata["dlref_skip_reason"]``. Returns ``notebook``, changed in place."""
    for before, cell in zip(notebook.cells, notebook.cells[1:], strict=False):
        if cell.cell_type != "code" or before.cell_type != "markdown":
            continue
        lines = before.source.rstrip().splitlines()
        comment = _COMMENT.match(lines[-1].strip()) if lines else None
        reason = mark_skip_reason(comment.group("mark")) if comment else None
        if reason:
            tags = cell.metadata.setdefault("tags", [])
            if SKIP_TAG not in tags:
                tags.append(SKIP_TAG)
            cell.metadata["dlref_skip_reason"] = reason
    return notebook


#: A Markdown cell ending with this line makes the next code cell an exercise's solution.
SOLUTION_MARK = "<!--dlref:solution-->"
SOLUTION_TAG = "solution"


def mark_solutions(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Tag each code cell that follows a `SOLUTION_MARK` line with `SOLUTION_TAG` and hide its
    source in Jupyter (``metadata.jupyter.source_hidden``): a reader opens it when ready. The
    cell still runs, so its asserts check the solution. Returns ``notebook``, changed in place."""
    for before, cell in zip(notebook.cells, notebook.cells[1:], strict=False):
        if cell.cell_type != "code" or before.cell_type != "markdown":
            continue
        lines = before.source.rstrip().splitlines()
        if lines and lines[-1].strip() == SOLUTION_MARK:
            tags = cell.metadata.setdefault("tags", [])
            if SOLUTION_TAG not in tags:
                tags.append(SOLUTION_TAG)
            cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
    return notebook


def is_solution(cell: nbformat.NotebookNode) -> bool:
    """True for a code cell that holds an exercise's solution (see `mark_solutions`)."""
    return SOLUTION_TAG in cell.metadata.get("tags", [])


def is_skipped(cell: nbformat.NotebookNode) -> bool:
    """True for a code cell that is shown but not executed (see :func:`load`)."""
    return SKIP_TAG in cell.metadata.get("tags", [])


#: Skip reasons that start with this mark cells the GPU workflow runs (tests/test_gpu.py).
GPU_REASON = "needs a GPU"


def gpu_cells(notebook: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    """The skipped code cells whose reason starts with :data:`GPU_REASON`."""
    return [
        cell
        for cell in notebook.cells
        if is_skipped(cell) and cell.metadata.get("dlref_skip_reason", "").startswith(GPU_REASON)
    ]


def run_with_gpu_cells(page: Page, workdir: Path) -> nbformat.NotebookNode:
    """Execute ``page`` top to bottom with its GPU cells included (other skipped cells stay
    skipped); not cached. Raises ``nbclient.exceptions.CellExecutionError`` when a cell fails."""
    notebook = load(page)
    for cell in gpu_cells(notebook):
        cell.metadata["tags"].remove(SKIP_TAG)
    return _run(notebook, workdir)


def code_of(notebook: nbformat.NotebookNode) -> list[str]:
    """The source of every code cell, in order."""
    return [cell.source for cell in notebook.cells if cell.cell_type == "code"]


_ADMONITION = re.compile(r'^(?:!!!|\?\?\?\+?) +[\w-]+(?: +"[^"]*")? *$')


def admonitions_to_html(text: str) -> str:
    """Markdown ``text`` with each ``!!! type "title"`` block (and collapsible ``???`` block)
    rendered to HTML.

    nbconvert's Markdown renderer knows no admonitions (it would show ``!!! warning`` as a
    paragraph and the body as a code block), so notebook pages get them as the same HTML that
    Python-Markdown's ``admonition`` extension writes for ordinary pages.
    """
    import markdown

    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not _ADMONITION.match(lines[i]):
            out.append(lines[i])
            i += 1
            continue
        end = i + 1
        while end < len(lines) and (not lines[end].strip() or lines[end].startswith("    ")):
            end += 1
        while end > i + 1 and not lines[end - 1].strip():
            end -= 1
        block = "\n".join(lines[i:end])
        html = markdown.markdown(
            block, extensions=["admonition", "pymdownx.details"], output_format="html"
        )
        out.extend(["", html.replace("\n\n", "\n"), ""])
        i = end
    return "\n".join(out)


_ATTRIBUTE_LIST = re.compile(r"(?<=[)\]\w*`]) ?\{:? *[.#][^}\n]*\}")
_TEST_MARK = re.compile(r"^ *<!--\s*(?:pytest[-.]|dlref:)[^\n]*-->\n?", re.MULTILINE)
_MD_TARGET = re.compile(r"\]\((?![a-z]+:|/|#)([^)#\s]+)\.md(#[^)\s]*)?\)")


def markdown_for_jupyter(text: str, page: Page) -> str:
    """A notebook page's Markdown as Jupyter and Colab render it, without MkDocs-only syntax.

    Admonitions become block quotes with a bold title, attribute lists (`{ .class }`) and the
    test markers (`<!--pytest...-->`) are dropped, and links to other pages (`other.md#part`)
    point at the published site, since the downloaded notebook is read outside it.
    """
    text = _TEST_MARK.sub("", text)
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not _ADMONITION.match(lines[i]):
            out.append(lines[i])
            i += 1
            continue
        title = re.search(r'"([^"]*)"', lines[i])
        end = i + 1
        while end < len(lines) and (not lines[end].strip() or lines[end].startswith("    ")):
            end += 1
        while end > i + 1 and not lines[end - 1].strip():
            end -= 1
        kind = lines[i].split()[1]
        body = lines[i + 1 : end]
        while body and not body[0].strip():
            body.pop(0)
        out.append(f"> **{title.group(1) if title else kind.capitalize()}**")
        out.append(">")
        out.extend(f"> {line[4:]}".rstrip() for line in body)
        i = end
    text = _ATTRIBUTE_LIST.sub("", "\n".join(out))
    base = site_url(page.lang)

    def absolute(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page.key), match[1]))
        path = "" if target == "index" else target.removesuffix("/index") + "/"
        return f"]({base}{path}{match[2] or ''})"

    return _MD_TARGET.sub(absolute, text)


def for_download(notebook: nbformat.NotebookNode, page: Page) -> nbformat.NotebookNode:
    """A copy of ``notebook`` whose Markdown cells use only what Jupyter renders."""
    copy = nbformat.from_dict(notebook)
    for cell in copy.cells:
        if cell.cell_type == "markdown":
            cell.source = markdown_for_jupyter(cell.source, page)
    return copy


def _library_digest() -> str:
    digest = hashlib.sha256(Path(__file__).read_bytes())  # how cells are executed
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
        # IPython shows a returned matplotlib Figure as an image only with inline support on
        extra_arguments=["--matplotlib=inline"],
    )
    client.execute(env=_kernel_env(), cwd=str(workdir))
    return notebook


def executed(page: Page) -> Path:
    """Path of the executed ``.ipynb`` for ``page``, executing it only if the cache misses.

    What runs is the notebook readers download (`for_download`), in a new temporary folder
    outside the repository, so a notebook that reads repository files fails here. Raises
    ``nbclient.exceptions.CellExecutionError`` when a cell fails.
    """
    notebook = load(page)
    key = cache_key(notebook)
    outputs_file = CACHE / f"{key}.ipynb"
    CACHE.mkdir(parents=True, exist_ok=True)
    # One process executes a notebook; another that needs it meanwhile (a second pytest-xdist
    # worker, or a build) waits on the lock and then reads the cached result.
    with open(CACHE / f"{key}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not outputs_file.exists():
            with tempfile.TemporaryDirectory(prefix="dlref-nb-") as workdir:
                if Path(workdir).resolve().is_relative_to(ROOT):
                    raise RuntimeError(f"notebooks must run outside the repository; got {workdir}")
                result = _run(for_download(notebook, page), Path(workdir))
            _write_atomically(result, outputs_file)
    ran = nbformat.read(outputs_file, as_version=4)
    ran_cells = [cell for cell in ran.cells if cell.cell_type == "code"]
    cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    for cell, ran_cell in zip(cells, ran_cells, strict=True):
        cell.outputs = ran_cell.outputs
        cell.execution_count = ran_cell.execution_count
    notebook.metadata.pop("jupytext", None)
    notebook.metadata["kernelspec"] = ran.metadata["kernelspec"]
    target = CACHE / page.lang / f"{page.key}.ipynb"
    _write_atomically(notebook, target)
    _write_atomically(for_download(notebook, page), download_path(page))
    return target


def _write_atomically(notebook: nbformat.NotebookNode, path: Path) -> None:
    """Write ``notebook`` to ``path`` so that a reader sees the old file or the new, never half.

    Several processes (pytest-xdist workers, a build) may write the same file at once: each
    writes a temporary file of its own next to ``path`` and renames it over ``path``.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            nbformat.write(notebook, file)
        os.chmod(partial, 0o644)  # mkstemp makes it private; the site publishes these files
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def download_path(page: Page) -> Path:
    """Where `executed` writes the ``.ipynb`` readers download: the executed notebook, with
    its Markdown made plain for Jupyter (`for_download`)."""
    return CACHE / page.lang / "download" / f"{page.key}.ipynb"
