"""MkDocs hook: join wrapped Chinese source lines so browsers do not show spaces between them."""

from __future__ import annotations

from pathlib import Path

from sitetools.pages import join_cjk_lines


def on_page_markdown(markdown, page, config, files):
    if Path(page.file.abs_src_path).name.endswith(".zh.md"):
        return join_cjk_lines(markdown)
    return markdown
