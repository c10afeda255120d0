"""Print the book to PDF with the project's Chromium: one file per language.

`make pdf` builds the site with the print-site plugin switched on (``DLREF_PDF=true``), which adds
a ``print_page/`` holding every page in ``nav`` order after a table of contents, then opens that
page in headless Chromium, waits until KaTeX has rendered every formula (the browser is what
renders them), and prints it. The PDF has bookmarks for the headings (``outline``).

Usage: ``python -m sitetools.pdf BUILT_SITE OUTPUT_FOLDER``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sitetools.browser import CHROMIUM_FLAGS, chromium_executable, serve_site
from sitetools.pages import DEFAULT_LANGUAGE, LANGUAGES

TIMEOUT_MS = 120_000
_FORMULAS_RENDERED = """() => [...document.querySelectorAll('.arithmatex')]
  .every(e => e.querySelector('.katex'))"""
_FOOTER = (
    '<div style="font-size:8px;width:100%;text-align:center;color:#666">'
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)


class PdfError(RuntimeError):
    """The page could not be printed: no Chromium, a formula KaTeX could not parse, ..."""


def print_url(browser, url: str, target: Path) -> bytes:
    """Print the page at ``url`` to ``target`` once every formula has rendered; return the PDF.

    Raises `PdfError` when a formula shows a KaTeX error instead of rendering.
    """
    page = browser.new_page()
    try:
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(url, wait_until="load")
        page.wait_for_function(_FORMULAS_RENDERED, timeout=TIMEOUT_MS)
        errors = page.locator(".katex-error").all_inner_texts()
        if errors:
            raise PdfError(f"{url}: formulas KaTeX could not parse: {errors[:3]}")
        page.emulate_media(media="print")
        target.parent.mkdir(parents=True, exist_ok=True)
        return page.pdf(
            path=target,
            format="A4",
            margin={"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"},
            print_background=True,
            display_header_footer=True,
            header_template="<span></span>",
            footer_template=_FOOTER,
            outline=True,
            tagged=True,  # Chromium builds the outline from the tagged headings
        )
    finally:
        page.close()


def print_book(site: Path, output: Path) -> list[Path]:
    """Print ``site``'s print page in each language to ``output/dlref-<lang>.pdf``."""
    from playwright.sync_api import sync_playwright

    executable = chromium_executable()
    if executable is None:
        raise PdfError("no system Chromium: run `make browser-deps`")
    written = []
    with serve_site(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        try:
            for lang in LANGUAGES:
                prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
                if not (site / prefix / "print_page" / "index.html").is_file():
                    raise PdfError(
                        f"{site / prefix}print_page/ is missing: build with DLREF_PDF=true"
                    )
                target = output / f"dlref-{lang}.pdf"
                print_url(browser, f"{base}{prefix}print_page/", target)
                written.append(target)
        finally:
            browser.close()
    return written


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    for path in print_book(Path(argv[0]), Path(argv[1])):
        print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
