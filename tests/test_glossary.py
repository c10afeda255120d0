"""The glossary data file: complete, bilingual, sorted, and pointing at real pages."""

from __future__ import annotations

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
def test_table_has_a_row_per_term(lang):
    table = glossary.markdown_table(lang)
    assert table.count("\n") == len(TERMS) + 2
