"""MkDocs hook: fill the pages generated from data files.

``<!-- glossary-table -->`` becomes the glossary (data/glossary.yml) and ``<!-- errata-list -->``
the errata (data/errata.yml), in the page's language. Links in them are checked by the build.
"""

from __future__ import annotations

from pathlib import Path

from sitetools import errata, glossary
from sitetools.pages import Page

GENERATORS = {
    "<!-- glossary-table -->": glossary.markdown_table,
    "<!-- errata-list -->": errata.markdown,
}


def on_page_markdown(markdown, page, config, files):
    lang = None
    for marker, generate in GENERATORS.items():
        if marker in markdown:
            lang = lang or Page(Path(page.file.abs_src_path)).lang
            markdown = markdown.replace(marker, generate(lang))
    return markdown
