"""MkDocs hook: fill the pages generated from data files.

``<!-- glossary-table -->`` becomes the glossary (data/glossary.yml), ``<!-- errata-list -->``
the errata (data/errata.yml), ``<!-- contents -->`` the home page's table of contents (from
``nav``) and ``<!-- exercise-index -->`` the exercise index (from the pages), in the page's
language. Links in them are checked by the build.
"""

from __future__ import annotations

from pathlib import Path

from sitetools import contents, errata, exercises, glossary
from sitetools.pages import Page

GENERATORS = {
    "<!-- glossary-table -->": glossary.markdown_table,
    "<!-- errata-list -->": errata.markdown,
    "<!-- contents -->": contents.markdown,
    "<!-- exercise-index -->": exercises.markdown,
}


def on_page_markdown(markdown, page, config, files):
    lang = None
    for marker, generate in GENERATORS.items():
        if marker in markdown:
            lang = lang or Page(Path(page.file.abs_src_path)).lang
            text = (
                generate(lang, config["nav"]) if generate is contents.markdown else generate(lang)
            )
            markdown = markdown.replace(marker, text)
    return markdown
