"""The built site in a real browser: headless Debian Chromium driven by Playwright.

Every page in both languages loads with no console error, no failed request and no request to
another host; its formulas are rendered; its figures load; its language switcher leads to the
same page. Search, the colour-scheme toggle and the code copy button work. Screenshots of three
pages per language go to screenshots/ (a CI artifact). Every wait is bounded.
"""

from __future__ import annotations

import os
import re
from urllib.parse import urlsplit

import pytest

from sitetools.browser import CHROMIUM_FLAGS, chromium_executable, serve_site
from sitetools.pages import DEFAULT_LANGUAGE, ROOT, page_pairs

pytestmark = [pytest.mark.site, pytest.mark.browser]

PAIRS = page_pairs()
SCREENSHOTS = ROOT / "screenshots"
TIMEOUT_MS = 20_000
SEARCHES = [  # (language, query, page that must come first)
    ("zh", "激活函数", "basics/activations"),
    ("zh", "反向传播", "basics/backpropagation"),
    ("zh", "卷积", "cnn/convolution"),
    ("en", "activation", "basics/activations"),
    ("en", "backpropagation", "basics/backpropagation"),
    ("en", "convolution", "cnn/convolution"),
    ("zh", "梯度下降", "basics/gradient-descent"),
    ("zh", "过拟合", "basics/regularization"),
    ("zh", "欠拟合", "basics/regularization"),
    ("en", "LSTM", "rnn/lstm-gru"),
    ("en", "softmax", "basics/activations"),
    ("en", "k-means", "classic/clustering"),
    ("en", "SVM", "classic/svm"),
]
SCREENSHOT_PAGES = ["index", "basics/activations", "getting-started/setup"]
_LEFTOVER_TEX = re.compile(r"\\\(|\\\)|\\\[|\\\]|\\(frac|sum|mathbf|sigma|partial)\b|\$\$?[^\s$]")

_VISIBLE_TEXT_JS = """() => {
  const article = document.querySelector('article').cloneNode(true);
  article.querySelectorAll('pre, code, .highlight, script, style, .katex-mathml, .jp-InputArea,'
    + ' .jp-OutputArea').forEach(e => e.remove());
  return article.textContent;
}"""

_BROKEN_IMAGES_JS = """async () => {
  const images = [...document.querySelectorAll('article img')];
  images.forEach(i => { i.loading = 'eager'; });
  const settled = Promise.all(images.map(i => i.complete ? null
    : new Promise(r => { i.addEventListener('load', r); i.addEventListener('error', r); })));
  await Promise.race([settled, new Promise(r => setTimeout(r, 10000))]);
  return images.filter(i => !i.complete || i.naturalWidth === 0).map(i => i.getAttribute('src'));
}"""


def page_url(base: str, key: str, lang: str) -> str:
    prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    return base + prefix + ("" if key == "index" else key + "/")


@pytest.fixture(scope="module")
def browser():
    executable = chromium_executable()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI: `make browser-deps` installs Debian's chromium")
        pytest.skip("no system Chromium (install Debian's `chromium`, or run `make browser-deps`)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_FLAGS, timeout=TIMEOUT_MS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def base_url():
    if not (ROOT / "site" / "index.html").exists():
        pytest.fail("site/ is not built: run `make build` (make test-site does)")
    with serve_site() as url:
        yield url


def _new_tab(browser, base_url):
    """A new browser context and page; the page records console errors, failed requests and
    requests to another host in ``page.problems``."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.problems = []
    host = urlsplit(base_url).netloc

    def on_request(request):
        if not request.url.startswith(("data:", "blob:")) and urlsplit(request.url).netloc != host:
            page.problems.append(f"request to another host: {request.url}")

    page.on("request", on_request)
    page.on("requestfailed", lambda r: page.problems.append(f"failed request: {r.url}"))
    page.on(
        "response", lambda r: r.status >= 400 and page.problems.append(f"HTTP {r.status}: {r.url}")
    )
    page.on(
        "console", lambda m: m.type == "error" and page.problems.append(f"console error: {m.text}")
    )
    page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))
    return context, page


@pytest.fixture()
def tab(browser, base_url):
    """A fresh tab in a fresh context, for tests that change state (colour scheme, clipboard)."""
    context, page = _new_tab(browser, base_url)
    yield page
    context.close()


@pytest.fixture(scope="module")
def _module_tab(browser, base_url):
    context, page = _new_tab(browser, base_url)
    yield page
    context.close()


@pytest.fixture()
def reader_tab(_module_tab):
    """The worker's one tab for tests that only load a page and read it, or search.

    Navigating one tab costs about a third less than opening a new one per page. Each test sees
    only its own page's problems: the tab leaves for about:blank after each test (requests the
    old page still had in flight are aborted then), and the list is cleared before the next.
    """
    _module_tab.problems.clear()
    yield _module_tab
    _module_tab.goto("about:blank")


def _open(tab, url: str) -> None:
    tab.goto(url, wait_until="load")  # every resource; "networkidle" adds 0.5 s of waiting
    tab.wait_for_function("() => document.querySelector('article') !== null")


PAGE_PARAMS = [(key, lang) for key in sorted(PAIRS) for lang in ("zh", "en")]


@pytest.mark.parametrize(
    ("key", "lang"), PAGE_PARAMS, ids=[f"{key}.{lang}" for key, lang in PAGE_PARAMS]
)
def test_page_in_browser(reader_tab, base_url, key, lang):
    tab = reader_tab
    _open(tab, page_url(base_url, key, lang))
    formulas = tab.locator("article .arithmatex").count()
    if formulas:
        tab.wait_for_function(
            "() => [...document.querySelectorAll('article .arithmatex')]"
            ".every(e => e.querySelector('.katex'))",
            timeout=TIMEOUT_MS,
        )
    errors = tab.locator("article .katex-error").all_inner_texts()
    assert errors == [], f"formulas KaTeX could not parse: {errors}"
    leftover = _LEFTOVER_TEX.findall(tab.evaluate(_VISIBLE_TEXT_JS))
    assert leftover == [], "unrendered TeX in the visible text"
    assert tab.evaluate(_BROKEN_IMAGES_JS) == [], "images that did not load"
    other = "en" if lang == "zh" else "zh"
    switch = tab.locator(f"a.md-select__link[hreflang='{other}']").first
    assert switch.evaluate("a => a.href") == page_url(base_url, key, other)
    raw = switch.get_attribute("href")
    assert not raw.startswith(("/", "http")), f"the language switch links {raw!r}, not relatively"
    assert tab.problems == []
    if key in SCREENSHOT_PAGES:
        SCREENSHOTS.mkdir(exist_ok=True)
        shot = SCREENSHOTS / f"{key.replace('/', '_')}.{lang}.png"
        shot.unlink(missing_ok=True)  # a file left by an earlier run must not count
        tab.screenshot(path=shot)
        assert shot.read_bytes().startswith(b"\x89PNG"), f"no screenshot written to {shot}"


def test_language_switcher_navigates(tab, base_url):
    _open(tab, page_url(base_url, "basics/activations", "zh"))
    tab.locator("a.md-select__link[hreflang='en']").first.dispatch_event("click")
    tab.wait_for_url(page_url(base_url, "basics/activations", "en"))
    assert tab.locator("article h1").inner_text().startswith("Activation functions")


@pytest.mark.parametrize(
    ("lang", "query", "target"), SEARCHES, ids=[f"{lang}:{query}" for lang, query, _ in SEARCHES]
)
def test_search_lists_the_right_page_first(reader_tab, base_url, lang, query, target):
    tab = reader_tab
    assert target in PAIRS, f"{target} is not a page: update SEARCHES when a page is renamed"
    _open(tab, page_url(base_url, "index", lang))
    tab.locator("label.md-search__icon, .md-search__input").first.click()
    box = tab.locator("input.md-search__input")
    box.fill(query)
    box.press("End")  # Material searches on key events; fill() alone sends none
    first = tab.locator(".md-search-result__item a").first
    first.wait_for(timeout=TIMEOUT_MS)
    found = urlsplit(first.evaluate("a => a.href"))
    assert f"{found.scheme}://{found.netloc}{found.path}" == page_url(base_url, target, lang)
    hrefs = tab.locator(".md-search-result__item a").evaluate_all("links => links.map(a => a.href)")
    english = [urlsplit(h).path.startswith(urlsplit(base_url).path + "en/") for h in hrefs]
    assert all(english) if lang == "en" else not any(english), (
        f"results in another language: {hrefs}"
    )
    assert tab.problems == []


def test_colour_scheme_toggle(tab, base_url):
    _open(tab, page_url(base_url, "index", "en"))
    before = tab.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
    tab.locator("form[data-md-component='palette'] label:visible").first.click()
    tab.wait_for_function(
        f"() => document.body.getAttribute('data-md-color-scheme') !== {before!r}"
    )
    assert {before, tab.evaluate("() => document.body.getAttribute('data-md-color-scheme')")} == {
        "default",
        "slate",
    }


def test_copy_button_copies_the_code(tab, base_url):
    _open(tab, page_url(base_url, "basics/activations", "en"))
    block = tab.locator("article div.highlight").first
    block.hover()
    block.locator("button[data-md-type=copy]").click()
    copied = tab.evaluate("() => navigator.clipboard.readText()")
    source = (ROOT / "snippets/basics/activations/linear_collapse.py").read_text(encoding="utf-8")
    assert copied.strip() == source.strip()  # the first block on the page includes this file
