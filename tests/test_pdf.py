"""`make pdf` prints with Chromium: one chapter's page printed here, checked as a PDF.

The whole book is printed by `make pdf` (minutes), not by every `make test`; this prints the
densest page of formulas and checks that KaTeX rendered them before printing.
"""

from __future__ import annotations

import os

import pytest
from pypdf import PdfReader

from sitetools.browser import CHROMIUM_FLAGS, chromium_executable, serve_site
from sitetools.pages import ROOT
from sitetools.pdf import print_url

pytestmark = [pytest.mark.site, pytest.mark.browser]


@pytest.fixture(scope="module")
def browser():
    executable = chromium_executable()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI: `make browser-deps` installs Debian's chromium")
        pytest.skip("no system Chromium (install Debian's `chromium`, or run `make browser-deps`)")
    if not (ROOT / "site" / "index.html").exists():
        pytest.fail("site/ is not built: run `make build` (make test-site does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_printed_chapter_page_has_its_formulas_rendered(browser, tmp_path, lang):
    prefix = "" if lang == "zh" else "en/"
    target = tmp_path / f"activations-{lang}.pdf"
    with serve_site() as base:
        print_url(browser, f"{base}{prefix}basics/activations/", target)
    reader = PdfReader(target)
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    assert 5 <= len(reader.pages) <= 40, len(reader.pages)
    assert 10_000 < target.stat().st_size < 4_000_000
    assert ("Activation functions" if lang == "en" else "激活函数") in text
    assert "σ" in text and "softmax" in text  # formulas rendered by KaTeX ...
    assert "\\frac" not in text and "$$" not in text and "\\(" not in text  # ... not raw TeX
    assert reader.outline, "no bookmarks for the headings"
