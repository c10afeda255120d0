"""The glossary data file: complete, bilingual, sorted, and pointing at real pages."""

from __future__ import annotations

import re

import pytest

from sitetools import glossary
from sitetools.pages import page_pairs

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
