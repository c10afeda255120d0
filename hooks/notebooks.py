"""MkDocs hook: render jupytext-Markdown notebook pages from their executed ``.ipynb``.

mkdocs-static-i18n rebuilds MkDocs' file list, which drops mkdocs-jupyter's notebook files
(mkdocs-static-i18n issue #198). Notebook pages therefore stay ordinary ``.zh.md``/``.en.md``
pages for MkDocs and the i18n plugin, and this hook swaps in mkdocs-jupyter's rendering of the
executed notebook, and publishes that ``.ipynb`` next to the page for download.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import shutil
import types
from html import escape as html_escape
from pathlib import Path
from urllib.parse import unquote

import nbformat
from mkdocs.structure.toc import get_toc
from mkdocs_jupyter.nbconvert2 import nb2html

from sitetools import notebooks as sitetools_notebooks
from sitetools.notebooks import admonitions_to_html, download_path, executed
from sitetools.pages import Page

_published: dict[str, Path] = {}
_STYLE_OR_SCRIPT = re.compile(r"<(style|script)\b[^>]*>.*?</\1>", re.DOTALL)
_EMPTY_SCRIPT = re.compile(r"<script[^>]*\bsrc=\"\"[^>]*>\s*</script>")


def _slim(html: str) -> str:
    """Drop what nbconvert inlines but these pages do not use: JupyterLab's 570 KB stylesheet
    (assets/stylesheets/notebook.css styles the cells instead), the Mermaid loader, and the
    ``<script src="">`` left by an empty MathJax URL (it would fetch the page again)."""

    def keep(match: re.Match[str]) -> str:
        block = match.group(0)
        if "mermaid" in block.lower() or len(block) > 20_000:
            return ""
        return block

    return _EMPTY_SCRIPT.sub("", _STYLE_OR_SCRIPT.sub(keep, html))


_HEADING = re.compile(r'<h([1-3])[^>]*\bid="([^"]+)"[^>]*>(.*?)</h\1>', re.DOTALL)
_MD_LINK = re.compile(r'href="(?![a-z]+:|/|#)([^"#]+)\.md(#[^"]*)?"')


_ENCODED = re.compile(r'(\bid="|href="#)([^"]*%[0-9A-Fa-f]{2}[^"]*)"')


def _readable_ids(html: str) -> str:
    """nbconvert percent-encodes heading ids (``#%E7%8E...``); use the text itself, as MkDocs
    does for Markdown pages."""
    return _ENCODED.sub(lambda m: f'{m[1]}{html_escape(unquote(m[2]))}"', html)


def _toc_tokens(html: str) -> list[dict]:
    """TOC entries from the headings nbconvert rendered, with the ids it actually gave them."""
    tokens: list[dict] = []
    stack: list[dict] = []
    for level, anchor, inner in _HEADING.findall(html):
        text = re.sub(r"<[^>]+>", "", inner).replace("¶", "").strip()
        token = {
            "level": int(level),
            "id": anchor,
            "name": text,
            "html": text,
            "children": [],
            "data-toc-label": text,
        }
        while stack and stack[-1]["level"] >= token["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else tokens).append(token)
        stack.append(token)
    return tokens


def _page_links(html: str, source_key: str) -> str:
    """Turn links to ``other.md`` in markdown cells into the URLs MkDocs gives those pages."""
    page_dir = posixpath.join(source_key, "")  # directory URLs: the page is a folder

    def replace(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(source_key), match[1]))
        target_dir = "" if target == "index" else target.removesuffix("/index") + "/"
        relative = posixpath.relpath(target_dir or ".", page_dir.rstrip("/") or ".")
        return f'href="{relative.rstrip("/") + "/" if relative != "." else "./"}{match[2] or ""}"'

    return _MD_LINK.sub(replace, html)


def _solutions_folded(cells: list) -> list:
    """Move each solution cell (code and printed output) into the collapsed ``<details>`` of
    the Markdown cell before it, so the page shows solutions collapsed, as ordinary pages do.
    A solution that draws a figure or fails has no place there: it is an error."""
    folded: list = []
    for cell in cells:
        if cell.cell_type != "code" or not sitetools_notebooks.is_solution(cell):
            folded.append(cell)
            continue
        before = folded[-1] if folded else None
        if before is None or before.cell_type != "markdown" or "</details>" not in before.source:
            raise ValueError("a solution cell must follow the Markdown cell of its ??? solution")
        printed = []
        for output in cell.outputs:
            if output.output_type != "stream":
                raise ValueError(
                    f"a solution cell may only print; it produced {output.output_type}"
                )
            printed.append(output.text)
        code = (
            '<div class="highlight"><pre><code class="language-python">'
            f"{html_escape(cell.source)}</code></pre></div>"
        )
        if printed:
            text = html_escape("".join(printed))
            code += f'\n<div class="highlight"><pre><code>{text}</code></pre></div>'
        head, _, tail = before.source.rpartition("</details>")
        before.source = f"{head}{code}\n</details>{tail}"
    return folded


def _for_rendering(notebook: Path) -> Path:
    """A copy of ``notebook`` whose Markdown cells have their admonitions as HTML, for the
    page (readers download `download_path`'s copy, in plain Jupyter Markdown)."""
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = admonitions_to_html(cell.source)
    nb.cells = _solutions_folded(nb.cells)
    target = notebook.with_name(f"{notebook.stem}.render.ipynb")
    nbformat.write(nb, target)
    return target


def _rendered(notebook: Path, key: str) -> str:
    """The page HTML of an executed notebook, cached by the notebook's bytes and this code.

    nbconvert takes about a second per notebook, most of a warm build's notebook cost.
    """
    digest = hashlib.sha256(notebook.read_bytes() + key.encode())
    for code in (Path(__file__), Path(sitetools_notebooks.__file__)):
        digest.update(code.read_bytes())
    cached = notebook.parent / "html" / f"{digest.hexdigest()[:20]}.html"
    if cached.is_file():
        return cached.read_text(encoding="utf-8")
    html = nb2html(
        str(_for_rendering(notebook)),
        execute=False,
        theme="light",
        allow_errors=False,
        include_requirejs=False,
        custom_mathjax_url="",
    )
    content = _readable_ids(_page_links(_slim(html), key))
    cached.parent.mkdir(parents=True, exist_ok=True)
    cached.write_text(content, encoding="utf-8")
    return content


def on_pre_page(page, config, files):
    source = Path(page.file.abs_src_path)
    if source.suffix != ".md" or not Page(source).is_notebook:
        return page
    notebook = executed(Page(source))

    def render(self, config, files):
        self.content = _rendered(notebook, Page(source).key)
        toc_tokens = _toc_tokens(self.content)
        self.toc = get_toc(toc_tokens)
        if toc_tokens and toc_tokens[0]["level"] == 1:
            self.title = toc_tokens[0]["name"]

    page.render = types.MethodType(render, page)
    page.nb_url = notebook.name  # relative: the .ipynb is published next to the page
    _published[page.file.abs_dest_path] = download_path(Page(source))
    return page


def on_post_page(output, page, config):
    notebook = _published.pop(page.file.abs_dest_path, None)
    if notebook is not None:
        target = Path(page.file.abs_dest_path).parent / notebook.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(notebook, target)
    return output
