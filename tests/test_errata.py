"""The errata data file: complete, bilingual and pointing at real pages."""

from __future__ import annotations

import pytest

from sitetools import errata
from sitetools.pages import page_pairs

ERRATA = errata.load()


def test_every_entry_points_at_an_existing_page():
    pages = page_pairs()
    assert [e.page for e in ERRATA if e.page not in pages] == []


def test_entries_are_filled_in_both_languages():
    for entry in ERRATA:
        for text in (entry.claim_zh, entry.claim_en, entry.truth_zh, entry.truth_en):
            assert isinstance(text, str) and text.strip()
        assert entry.anchor["zh"] and entry.anchor["en"]


def test_the_content_map_examples_are_all_listed():
    seeds = {e.seed.split()[0] for e in ERRATA}
    assert {"000", "002", "003", "004"} <= seeds


def test_malformed_entries_are_rejected(tmp_path):
    bad = tmp_path / "e.yml"
    bad.write_text("- seed: '000'\n  page: index\n", encoding="utf-8")
    with pytest.raises(ValueError, match="entry 1 must have exactly"):
        errata.load(bad)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_markdown_has_a_section_per_entry(lang):
    text = errata.markdown(lang)
    assert text.count("\n### ") + text.startswith("### ") == len(ERRATA)
