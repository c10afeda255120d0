"""Checks on the built site in site/ (``make test-site`` builds it first)."""

from __future__ import annotations

import itertools
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitetools.browser import site_path
from sitetools.pages import DEFAULT_LANGUAGE, ROOT, page_pairs

pytestmark = pytest.mark.site

SITE = ROOT / "site"
PAIRS = page_pairs()
SITE_PATH = site_path()
_EXTERNAL = re.compile(r"^(https?:)?//", re.IGNORECASE)


def built_path(key: str, lang: str) -> Path:
    prefix = SITE if lang == DEFAULT_LANGUAGE else SITE / lang
    if key == "index":
        return prefix / "index.html"
    return prefix / key.removesuffix("/index") / "index.html"


class _Collector(HTMLParser):
    """Collects the attributes of the tags a check looks at."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[tuple[int, str | None]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append((int(tag[1]), attributes.get("id")))


def parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


@pytest.fixture(scope="module", autouse=True)
def _site_is_built():
    if not (SITE / "index.html").exists():
        pytest.fail("site/ is not built: run `make build` (make test-site does)")


PAGE_PARAMS = [(key, lang) for key in sorted(PAIRS) for lang in ("zh", "en")]
PAGE_IDS = [f"{key}.{lang}" for key, lang in PAGE_PARAMS]


@pytest.mark.parametrize(("key", "lang"), PAGE_PARAMS, ids=PAGE_IDS)
def test_page_is_built_with_its_language(key, lang):
    html = built_path(key, lang).read_text(encoding="utf-8")
    assert re.search(rf'<html lang="{lang}"', html), "wrong or missing lang attribute"


@pytest.mark.parametrize(("key", "lang"), PAGE_PARAMS, ids=PAGE_IDS)
def test_page_loads_nothing_from_other_hosts(key, lang):
    parsed = parse(built_path(key, lang))
    loaded = []
    for tag, attrs in parsed.tags:
        if tag in ("script", "img", "iframe", "source", "audio", "video"):
            loaded.append(attrs.get("src"))
        if tag == "link" and set((attrs.get("rel") or "").split()) & {
            "stylesheet",
            "preload",
            "icon",
            "modulepreload",
        }:
            loaded.append(attrs.get("href"))
    external = [url for url in loaded if url and _EXTERNAL.match(url)]
    assert external == []
    assert "fonts.googleapis" not in built_path(key, lang).read_text(encoding="utf-8")


@pytest.mark.parametrize(("key", "lang"), PAGE_PARAMS, ids=PAGE_IDS)
def test_images_have_alt_text_and_exist(key, lang):
    path = built_path(key, lang)
    for tag, attrs in parse(path).tags:
        if tag != "img":
            continue
        assert (attrs.get("alt") or "").strip(), f"image without alt text: {attrs.get('src')}"
        src = attrs["src"]
        if not src.startswith("data:"):
            assert (path.parent / src.split("#")[0]).resolve().is_file(), f"missing image {src}"


@pytest.mark.parametrize("key", sorted(PAIRS), ids=str)
def test_language_switcher_leads_to_the_same_page(key):
    for lang, other in (("zh", "en"), ("en", "zh")):
        path = built_path(key, lang)
        links = [
            attrs.get("href")
            for tag, attrs in parse(path).tags
            if tag == "a" and attrs.get("hreflang") == other
        ]
        assert links, f"no link to the {other} version on {path}"
        link = links[0]
        assert not link.startswith(("/", "http")), f"{path}: the switch links {link!r}"
        if link.startswith(SITE_PATH):  # absolute, under the site_url path
            target = SITE / link.removeprefix(SITE_PATH)
        else:
            target = path.parent / link
        assert target.resolve() / "index.html" == built_path(key, other).resolve()


def test_chinese_headings_get_readable_anchors():
    headings = parse(built_path("basics/activations", "zh")).headings
    ids = [anchor for level, anchor in headings if level == 2]
    assert "为什么需要非线性" in ids
    assert not [anchor for anchor in ids if anchor and re.fullmatch(r"_\d+", anchor)]


def test_formulas_are_left_for_katex_and_katex_is_local():
    html = built_path("basics/activations", "en").read_text(encoding="utf-8")
    assert html.count('class="arithmatex"') >= 30
    for asset in ("katex.min.js", "katex.min.css", "contrib/auto-render.min.js"):
        assert (SITE / "assets/vendor/katex" / asset).is_file()
    fonts = list((SITE / "assets/vendor/katex/fonts").glob("*.woff2"))
    assert len(fonts) >= 10


def _search_index(lang: str) -> dict:
    folder = SITE if lang == DEFAULT_LANGUAGE else SITE / lang
    return json.loads((folder / "search/search_index.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_language_has_its_own_search_index(lang):
    """One index per language: every page of that language, and none of the other."""
    docs = _search_index(lang)["docs"]
    pages = {doc["location"] for doc in docs if "#" not in doc["location"]}
    expected = {"" if key == "index" else key + "/" for key in PAIRS}
    assert pages == expected
    han = [doc["location"] for doc in docs if re.search(r"[\u4e00-\u9fff]", doc["title"])]
    if lang == "en":  # an English index with Chinese titles would hold the zh pages
        assert han == []
    else:
        assert len(han) > len(docs) / 3


def test_search_index_segments_chinese_at_build_time():
    zh, en = _search_index("zh"), _search_index("en")
    assert {d["location"]: d["title"] for d in zh["docs"]}["basics/activations/"] == (
        "激活\u200b函数"  # jieba split the word
    )
    assert {d["location"]: d["title"] for d in en["docs"]}["basics/activations/"] == (
        "Activation functions"
    )
    assert "\\u200b" in zh["config"]["separator"]
    # lunr.zh needs a Node module and breaks search in browsers: Chinese is segmented at build
    assert zh["config"]["lang"] == en["config"]["lang"] == ["en"]


NOTEBOOK_KEYS = sorted(key for key, pair in PAIRS.items() if pair["en"].is_notebook)


@pytest.mark.parametrize("key", NOTEBOOK_KEYS)
def test_notebook_pages_offer_the_ipynb_that_ran(key):
    """Each notebook page links its .ipynb, and that file is the executed, Jupyter-ready one."""
    name = key.rsplit("/", 1)[-1] + ".ipynb"
    for lang in ("zh", "en"):
        page = built_path(key, lang)
        html = page.read_text(encoding="utf-8")
        assert f'href="{name}"' in html and "dlref-download-notebook" in html
        assert "jp-OutputArea" in html, "outputs are not rendered on the page"
        notebook = json.loads((page.parent / name).read_text(encoding="utf-8"))
        code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
        ran = [c for c in code if "skip-execution" not in c["metadata"].get("tags", [])]
        assert ran and all(c["execution_count"] for c in ran), "a cell did not run"
        assert any(c["outputs"] for c in ran), "the downloadable notebook has no outputs"
        markdown = "\n".join(
            "".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown"
        )
        assert "!!! " not in markdown and "<!--" not in markdown and ".md)" not in markdown
        assert "REQUIREMENTS = [" in "".join(code[0]["source"]), "no install cell first"


def test_reader_features_are_on():
    html = built_path("basics/activations", "zh").read_text(encoding="utf-8")
    assert '"content.code.copy"' in html  # copy button
    assert "data-md-color-scheme" in html and "md-header__button" in html  # palette toggle
    assert 'rel="edit"' in html  # edit this page
    assert 'class="md-nav md-nav--secondary"' in html  # table of contents
    assert 'class="admonition warning"' in html


def test_glossary_page_lists_every_term():
    from sitetools.glossary import load

    terms = load()
    for lang in ("zh", "en"):
        html = built_path("appendix/glossary", lang).read_text(encoding="utf-8")
        assert html.count("<tr>") == len(terms) + 1  # header row + one per term
        assert all(term.name(lang) in html for term in terms)


def test_api_reference_renders_docstring_formulas():
    html = built_path("appendix/api", "en").read_text(encoding="utf-8")
    assert 'id="dlref.math.activations.sigmoid"' in html
    assert "arithmatex" in html
    roles = re.findall(r":(?:math|func|class|meth|mod|data|attr|obj|exc):(?:<code>|`)", html)
    assert roles == [], f"{len(roles)} literal Sphinx roles on the API page, e.g. {roles[:3]}"


def _all_html() -> list[Path]:
    return sorted(SITE.rglob("*.html"))


def _anchors(path: Path, cache: dict[Path, set[str]]) -> set[str]:
    if path not in cache:
        ids = set()
        for _, attrs in parse(path).tags:
            ids.update(v for k, v in attrs.items() if k in ("id", "name") and v)
        cache[path] = ids
    return cache[path]


BOOK_PDFS = {lang: (SITE / f"dlref-{lang}.pdf").resolve() for lang in ("zh", "en")}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_home_page_links_both_pdfs_where_the_pages_workflow_puts_them(lang):
    home = built_path("index", lang)
    hrefs = re.findall(r'href="([^"]+\.pdf)"', home.read_text(encoding="utf-8"))
    assert {(home.parent / h).resolve() for h in hrefs} == set(BOOK_PDFS.values())
    workflow = (ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8")
    assert "make pdf && cp pdf/dlref-zh.pdf pdf/dlref-en.pdf site/" in workflow


def test_every_internal_link_and_anchor_in_the_built_site_resolves():
    """A link checker over site/: each internal href/src points at a file, each #anchor exists."""
    from urllib.parse import unquote

    anchors: dict[Path, set[str]] = {}
    broken = []
    for page in _all_html():
        if page.name == "404.html":  # its links are relative to wherever the 404 is served
            continue
        for tag, attrs in parse(page).tags:
            url = attrs.get("href") if tag in ("a", "link") else attrs.get("src")
            if (
                not url
                or _EXTERNAL.match(url)
                or url.startswith(("mailto:", "data:", "javascript:"))
            ):
                continue
            target, _, fragment = url.partition("#")
            target = unquote(target.split("?")[0])
            if target.startswith(SITE_PATH):
                file = SITE / target.removeprefix(SITE_PATH)
            elif target.startswith("/"):
                broken.append(f"{page.relative_to(SITE)}: absolute link {url}")
                continue
            else:
                file = (page.parent / target) if target else page
            if file.is_dir() or not file.suffix:
                file = file / "index.html"
            if file.resolve() in BOOK_PDFS.values():
                continue  # made by `make pdf`, published by the Pages workflow (test below)
            if not file.resolve().is_file():
                broken.append(f"{page.relative_to(SITE)}: {url}")
            elif (
                fragment
                and file.suffix == ".html"
                and unquote(fragment) not in _anchors(file.resolve(), anchors)
            ):
                broken.append(f"{page.relative_to(SITE)}: missing anchor {url}")
    assert broken == [], "\n".join(broken)


@pytest.mark.parametrize(("key", "lang"), PAGE_PARAMS, ids=PAGE_IDS)
def test_headings_descend_one_level_at_a_time(key, lang):
    html = built_path(key, lang).read_text(encoding="utf-8")
    article = html[html.find("<article") : html.find("</article>")]
    levels = [int(m) for m in re.findall(r"<h([1-6])[\s>]", article)]
    assert levels and levels[0] == 1 and levels.count(1) == 1, "one h1, first"
    jumps = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
    assert jumps == [], "a heading skips a level"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_home_page_links_every_page(lang):
    home = built_path("index", lang)
    article = home.read_text(encoding="utf-8").split("<article", 1)[1].split("</article>", 1)[0]
    linked = {
        (home.parent / href).resolve()
        for href in re.findall(r'href="([^"#:]+/)"', article)
        if not href.startswith("/")
    }
    missing = [
        k for k in PAIRS if k != "index" and built_path(k, lang).parent.resolve() not in linked
    ]
    assert missing == []


def test_every_formula_parses_with_the_vendored_katex():
    """A formula KaTeX cannot parse would show as red error text in the browser: parse them all
    at once with Node and the KaTeX the site ships."""
    import shutil
    import subprocess

    if shutil.which("node") is None:
        pytest.fail("node is missing: make setup needs it for KaTeX")
    pages = sorted(str(p) for p in SITE.rglob("index.html"))
    result = subprocess.run(
        ["node", str(ROOT / "tools/katex_check.mjs"), *pages],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:]
    checked = int(result.stdout.strip().splitlines()[-1].split()[0])
    assert checked > 3000
