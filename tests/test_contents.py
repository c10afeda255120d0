"""The home page's contents table comes from ``nav``: every page, once, under its title."""

from __future__ import annotations

import re

import pytest

from sitetools import contents
from sitetools.pages import PageError, page_pairs


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_contents_list_every_page_once_under_its_title(lang):
    table = contents.markdown(lang)
    links = re.findall(r"\[([^\]]+)\]\(([^)]+)\.md\)", table)
    keys = [key for _, key in links]
    assert sorted(keys) == sorted(k for k in page_pairs() if k != "index")
    assert len(set(keys)) == len(keys)
    assert all(text == contents.title(key, lang) for text, key in links)
    rows = table.splitlines()[2:]
    assert len(rows) == len(contents.chapters())
    assert rows[0].startswith("| 入门 |" if lang == "zh" else "| Getting started |")


def test_an_untranslated_section_or_a_missing_page_is_an_error():
    with pytest.raises(PageError, match="no en nav_translations entry"):
        contents.section_name("不存在的章节", "en")
    with pytest.raises(PageError, match="does not exist"):
        contents.title("basics/no-such-page", "en")
