"""The glossary data file: complete, bilingual, sorted, and pointing at real pages."""

from __future__ import annotations

import re

import pytest

from sitetools import glossary
from sitetools.pages import all_pages, page_pairs

TERMS = glossary.load()


def test_terms_are_sorted_and_unique():
    keys = [t.en.lower() for t in TERMS]
    assert keys == sorted(keys), "keep data/glossary.yml sorted by the English term"
    assert len(set(keys)) == len(keys)
    assert len({t.zh for t in TERMS}) == len(TERMS)


def test_every_term_links_to_an_existing_page():
    pages = page_pairs()
    assert [t.page for t in TERMS if t.page not in pages] == []


def test_bad_entries_are_rejected(tmp_path):
    bad = tmp_path / "g.yml"
    bad.write_text("- en: x\n  zh: y\n  page: index\n  def_en: d\n", encoding="utf-8")
    with pytest.raises(ValueError, match="entry 1 must have exactly"):
        glossary.load(bad)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_row_holds_its_terms_definition_and_link(lang):
    rows = glossary.markdown_table(lang).splitlines()[2:]
    # a literal "|" in a cell must be escaped, or the row splits into extra columns
    cells = [
        [c.strip().replace(r"\|", "|") for c in re.split(r"(?<!\\)\|", row)[1:-1]] for row in rows
    ]
    names = [[t.zh, t.en] if lang == "zh" else [t.en, t.zh] for t in TERMS]
    assert [c[:3] for c in cells] == [
        [*n, t.definition(lang)] for n, t in zip(names, TERMS, strict=True)
    ]
    assert {len(c) for c in cells} == {4}
    assert all(c[3].endswith(f"](../{t.page}.md)") for c, t in zip(cells, TERMS, strict=True))


#: Pages whose bold is not checked: the glossary page lists the terms themselves.
BOLD_EXEMPT = {"appendix/glossary"}
BOLD_PAGES = [page for page in all_pages() if page.key not in BOLD_EXEMPT]


@pytest.mark.parametrize("page", BOLD_PAGES, ids=lambda p: p.rel)
def test_every_bold_term_is_in_the_glossary(page):
    # the rule for terms and labels is in sitetools/glossary.py
    missing = [t for t in glossary.bold_terms(page) if not glossary.matches(t, page.lang, TERMS)]
    assert missing == [], f"bold terms of {page.rel} missing from data/glossary.yml"


def test_bold_terms_skip_labels_code_and_math():
    text = (
        "A **perceptron** and **two perceptrons**.\n\n"
        "- **Data.** labels end with punctuation\n"
        "- **数据**：也是标签\n"
        '- **"The sigmoid\'s range is [0, 1]"**: a pitfall label\n'
        "**The perceptron convergence theorem** (Novikoff, 1962): a term, not a label\n\n"
        "`**code**` and $**x**$ and <!-- **comment** -->\n\n"
        "```python\nx = 2 ** 3 ** 4  # **not bold**\n```\n"
        "Text with **a term\nacross lines** and a **bold with `code` inside**.\n"
    )
    assert glossary.bold_terms(text) == [
        "perceptron",
        "two perceptrons",
        "The perceptron convergence theorem",
        "a term across lines",
        "bold with `code` inside",
    ]


def test_bold_terms_match_english_plurals_and_chinese_exactly():
    terms = [glossary.Term("key (attention)", "键（注意力）", "index", "d", "d")]
    assert glossary.matches("Keys", "en", terms) and glossary.matches("key", "en", terms)
    assert glossary.matches("键", "zh", terms) and glossary.matches("键（注意力）", "zh", terms)
    assert not glossary.matches("keyboard", "en", terms)
    assert not glossary.matches("键盘", "zh", terms)
