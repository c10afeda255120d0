"""MkDocs hook: render jupytext-Markdown notebook pages from their executed ``.ipynb``.

mkdocs-static-i18n rebuilds MkDocs' file list, which drops mkdocs-jupyter's notebook files
(mkdocs-static-i18n issue #198). Notebook pages therefore stay ordinary ``.zh.md``/``.en.md``
pages for MkDocs and the i18n plugin, and this hook swaps in mkdocs-jupyter's rendering of the
executed notebook, and publishes that ``.ipynb`` next to the page for download.
"""

from __future__ import annotations

import re
import shutil
import sys
import types
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mkdocs.structure.toc import get_toc
from mkdocs_jupyter.nbconvert2 import nb2html
from mkdocs_jupyter.plugin import _get_nb_toc_tokens

from sitetools.notebooks import executed
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


def on_pre_page(page, config, files):
    source = Path(page.file.abs_src_path)
    if source.suffix != ".md" or not Page(source).is_notebook:
        return page
    notebook = executed(Page(source))

    def render(self, config, files):
        html = nb2html(
            str(notebook),
            execute=False,
            theme="light",
            allow_errors=False,
            include_requirejs=False,
            custom_mathjax_url="",
        )
        self.content = _slim(html)
        toc_tokens, title = _get_nb_toc_tokens(str(notebook), 3)
        self.toc = get_toc(toc_tokens)
        if title:
            self.title = title

    page.render = types.MethodType(render, page)
    page.nb_url = notebook.name  # relative: the .ipynb is published next to the page
    _published[page.file.abs_dest_path] = notebook
    return page


def on_post_page(output, page, config):
    notebook = _published.pop(page.file.abs_dest_path, None)
    if notebook is not None:
        target = Path(page.file.abs_dest_path).parent / notebook.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(notebook, target)
    return output
