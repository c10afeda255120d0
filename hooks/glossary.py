"""MkDocs hook: replace ``<!-- glossary-table -->`` with the glossary generated from
data/glossary.yml in the page's language."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sitetools.glossary import markdown_table
from sitetools.pages import Page

MARKER = "<!-- glossary-table -->"


def on_page_markdown(markdown, page, config, files):
    if MARKER not in markdown:
        return markdown
    lang = Page(Path(page.file.abs_src_path)).lang
    return markdown.replace(MARKER, markdown_table(lang))
