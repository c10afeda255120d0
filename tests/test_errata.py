"""The errata (data/errata.yml) and the page generated from it (appendix/errata).

The page must be readable in each language, group its entries by article, link each entry to
the page and heading that show the truth under that page's own title, and never quote the
source articles.
"""

from __future__ import annotations

import re

import pytest
from pymdownx.slugs import slugify

from sitetools import errata
from sitetools.pages import DOCS, LANGUAGES, ROOT, page_pairs

ARTICLES, ERRATA = errata.load_all()
SEEDS = ROOT.parent / "shared" / "seeds"  # the source articles, beside a working checkout
CJK = re.compile(r"[\u4e00-\u9fff]")
QUOTE_RUN = 12  # a run of this many characters found in an article counts as a quote


def _title_and_headings(page: str, lang: str) -> tuple[str, list[str]]:
    """The ``# `` title and the texts of the other headings of a page, outside code fences."""
    lines, fence = [], False
    for line in (DOCS / f"{page}.{lang}.md").read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        elif not fence:
            lines.append(line)
    title = next(line[2:].strip() for line in lines if line.startswith("# "))
    others = [m.group(1).strip() for m in map(re.compile(r"^#{2,6} (.+)$").match, lines) if m]
    return title, others


def _sections(markdown: str, prefix: str) -> list[tuple[str, str]]:
    """``(heading, body)`` for each heading that starts with ``prefix`` (e.g. ``"## "``)."""
    parts = re.split(rf"^({re.escape(prefix)}.+)$", markdown, flags=re.MULTILINE)
    return [(parts[i][len(prefix) :], parts[i + 1]) for i in range(1, len(parts), 2)]


def test_every_entry_points_at_an_existing_page():
    pages = page_pairs()
    assert [e.page for e in ERRATA if e.page not in pages] == []


def test_all_five_articles_are_described_and_have_entries():
    assert list(ARTICLES) == ["000", "001", "002", "003", "004"]
    for article in ARTICLES.values():
        assert article.author.strip() and article.title_zh.strip() and article.title_en.strip()
        assert not CJK.search(article.title_en)
    assert {e.article for e in ERRATA} == set(ARTICLES)


def test_no_error_is_listed_twice():
    for lang in LANGUAGES:
        claims = [(e.article, e.claim(lang)) for e in ERRATA]
        assert len(claims) == len(set(claims)), lang


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- seed: '000'\n  page: index\n", "exactly 'articles' and 'errata'"),
        ("articles: []\nerrata:\n- seed: '000'\n  page: index\n", "entry 1 must have exactly"),
        (
            "articles: []\nerrata:\n- {article: '009', section: '1', page: index, anchor: null,"
            " claim_zh: a, claim_en: a, truth_zh: a, truth_en: a}\n",
            "unknown article '009'",
        ),
        (
            "articles:\n- {id: '000', author: x, title_zh: x, title_en: x,"
            " sections: {'1': {zh: §1 引言, en: §1 Introduction}}}\n"
            "errata:\n- {article: '000', section: '2', page: index, anchor: {zh: a},"
            " claim_zh: a, claim_en: a, truth_zh: a, truth_en: a}\n",
            "anchor needs a zh and an en heading id",
        ),
        (
            "articles:\n- {id: '000', author: x, title_zh: x, title_en: x,"
            " sections: {'1': {zh: §1 引言, en: §1 Introduction}}}\n"
            "errata:\n- {article: '000', section: '2', page: index, anchor: null,"
            " claim_zh: a, claim_en: a, truth_zh: a, truth_en: a}\n",
            "article 000 has no section '2'",
        ),
        (
            "articles:\n- {id: '000', author: x, title_zh: x, title_en: x,"
            " sections: {'1': {zh: §1 引言, en: §1 引言}}}\nerrata: []\n",
            "the en label has Chinese text",
        ),
    ],
)
def test_malformed_files_are_rejected(tmp_path, text, message):
    bad = tmp_path / "e.yml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(message)):
        errata.load(bad)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_groups_every_entry_under_its_article(lang):
    groups = _sections(errata.markdown(lang), "## ")
    expected = sorted(ARTICLES)
    assert len(groups) == len(expected)
    number = 0
    for (heading, body), key in zip(groups, expected, strict=True):
        article = ARTICLES[key]
        assert key in heading and article.title(lang) in heading
        assert article.author in body.split("\n### ")[0]
        entries = _sections(body, "### ")
        mine = [e for e in ERRATA if e.article == key]
        assert len(entries) == len(mine)
        order = list(article.sections)
        positions = []
        for entry_heading, entry_body in entries:
            number += 1
            label = entry_heading.removeprefix(f"{number}. ")
            assert label != entry_heading, f"entries are numbered 1, 2, ...: {entry_heading!r}"
            assert label in {article.section(s, lang) for s in article.sections}, label
            if lang == "en":
                assert not CJK.search(label), f"Chinese text in an English heading: {label!r}"
            positions.append([article.section(s, lang) for s in order].index(label))
            claims = [e.claim(lang) for e in mine if article.section(e.section, lang) == label]
            assert any(claim in entry_body for claim in claims), entry_heading
        assert positions == sorted(positions), f"article {key}: entries out of section order"
    assert number == len(ERRATA)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_links_use_the_linked_pages_titles_and_headings(lang):
    """Each "shown on" link names the page by its ``# `` title and the heading it points at,
    and its target is a page of the same language with a heading of that id."""
    links = re.findall(
        r"^- \*\*[^*]+\*\*[:：] ?\[([^\]]+)\]\(([^)]+)\)$", errata.markdown(lang), re.M
    )
    assert len(links) == len(ERRATA)
    for text, target in links:
        assert target.startswith("../") and "seed" not in target
        path, _, anchor = target.removeprefix("../").partition("#")
        page = path.removesuffix(".md")
        assert (DOCS / f"{page}.{lang}.md").is_file(), target
        title, headings = _title_and_headings(page, lang)
        if not anchor:
            assert text.startswith(title) and text != title, text  # "Title (introduction)"
            continue
        assert text.startswith(f"{title} › "), (text, title)
        heading = text.removeprefix(f"{title} › ")
        assert heading in headings, (page, heading)
        plain = re.sub(r"[`*]", "", heading)
        notebook = (
            (DOCS / f"{page}.{lang}.md").read_text(encoding="utf-8").startswith("---\njupyter:")
        )
        expected = plain.replace(" ", "-") if notebook else slugify(case="lower")(plain, "-")
        assert anchor == expected or re.fullmatch(rf"{re.escape(expected)}_\d+", anchor), target


def test_the_page_never_says_seed():
    for lang in LANGUAGES:
        text = errata.markdown(lang) + (DOCS / f"appendix/errata.{lang}.md").read_text("utf-8")
        assert not re.search(r"\bseeds?\b|种子", text, re.IGNORECASE), lang


def _fields(entry: errata.Erratum) -> dict[str, str]:
    return {f: getattr(entry, f) for f in ("claim_zh", "claim_en", "truth_zh", "truth_en")}


def test_entries_do_not_use_quoting_patterns():
    """Checks that need no copy of the articles: a quoted fragment is a term, not a sentence,
    and no claim keeps the articles' "其中 X 表示 …" phrasing (each formula's lone explanation)."""
    where_x_is = re.compile(r"其中\s*[^\s，。；]{1,12}?\s*(表示|是|为|代表|指)")
    problems = []
    for entry in ERRATA:
        number = f"{entry.article} §{entry.section}"
        for field, text in _fields(entry).items():
            if field.startswith("claim") and where_x_is.search(text):
                problems.append((number, field, "其中 … 表示"))
            problems += [(number, field, q) for q in re.findall("“([^”]*)”", text) if len(q) > 8]
            problems += [
                (number, field, q) for q in re.findall('"([^"]*)"', text) if len(q.split()) > 4
            ]
    assert problems == []


def quoted_runs(text: str, articles: dict[str, str], run: int = QUOTE_RUN) -> list[str]:
    """The runs of ``run`` characters of ``text`` (whitespace ignored) found verbatim in an
    article, among the runs that are mostly Chinese: English technical terms ("cross-entropy",
    "fully connected") are shared vocabulary, not quotes."""
    squeezed = re.sub(r"\s+", "", text)
    found = []
    for start in range(len(squeezed) - run + 1):
        piece = squeezed[start : start + run]
        if len(CJK.findall(piece)) >= run // 2 and any(piece in a for a in articles.values()):
            found.append(piece)
    return found


@pytest.fixture(scope="module")
def articles() -> dict[str, str]:
    files = sorted(SEEDS.glob("00[0-4]_*.txt")) if SEEDS.is_dir() else []
    if len(files) != 5:
        pytest.skip(f"the five source articles are not in {SEEDS} (a CI clone has no copy)")
    return {f.name[:3]: re.sub(r"\s+", "", f.read_text(encoding="utf-8")) for f in files}


def test_quote_detector_finds_a_quote(articles):
    source = next(SEEDS.glob("004_*.txt")).read_text(encoding="utf-8")
    fragment = re.search(r"[\u4e00-\u9fff]{14}", source).group()  # 14 Chinese characters
    assert quoted_runs(f"文章写道：{fragment}。", articles)
    assert quoted_runs("这句话的意思相同，用词却与原文完全不一样。", articles) == []


def test_no_entry_quotes_an_article(articles):
    quotes = [
        (f"{entry.article} §{entry.section}", field, quoted_runs(text, articles)[0])
        for entry in ERRATA
        for field, text in _fields(entry).items()
        if quoted_runs(text, articles)
    ]
    assert quotes == [], f"paraphrase these entries (article §section, field, quoted run): {quotes}"
