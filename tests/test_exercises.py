"""Every content page ends with 3 to 5 exercises of the three kinds, each with a solution."""

from __future__ import annotations

import pytest

from sitetools import contents, exercises
from sitetools.pages import DOCS, Page, PageError, page_pairs

PAIRS = page_pairs()
CONTENT = sorted(k for k in PAIRS if k != "index" and not k.startswith("appendix/"))
#: Content pages without exercises, each with the reason (reported, not hidden).
WITHOUT_EXERCISES_YET = {
    "getting-started/setup": "a set-up page: there is nothing to practise but the installation",
}


def _parsed(key: str, lang: str) -> list[exercises.Exercise]:
    return exercises.parse(PAIRS[key][lang])


@pytest.mark.parametrize("key", [k for k in CONTENT if k not in WITHOUT_EXERCISES_YET])
def test_page_has_three_to_five_exercises_in_step_across_languages(key):
    zh, en = _parsed(key, "zh"), _parsed(key, "en")
    assert 3 <= len(en) <= 5, f"{key}: {len(en)} exercises"
    assert [e.kind for e in zh] == [e.kind for e in en], "kinds differ between zh and en"
    for exercise in zh + en:
        assert exercise.has_solution, f"{key} {exercise.heading!r} has no solution"
        if exercise.kind in ("compute", "experiment"):
            assert exercise.has_code, f"{key} {exercise.heading!r}: its solution needs code"


@pytest.mark.parametrize("chapter", contents.chapters(), ids=lambda c: c.name)
def test_every_chapter_has_all_three_kinds(chapter):
    keys = [k for k in chapter.pages if k in CONTENT and k not in WITHOUT_EXERCISES_YET]
    if not keys:
        pytest.skip(f"{chapter.name}: no content pages with exercises")
    kinds = {e.kind for key in keys for e in _parsed(key, "en")}
    assert kinds == set(exercises.KINDS), f"{chapter.name}: only {sorted(kinds)}"


def test_the_allowlist_names_real_pages():
    assert set(WITHOUT_EXERCISES_YET) <= set(CONTENT)


def _page(text: str, lang: str = "en") -> Page:
    page = Page(DOCS / f"zz-probe/exercises.{lang}.md")
    page.__dict__["source"] = text  # cached_property: no file needed
    return page


def test_malformed_exercises_are_errors():
    good = '## Exercises\n\n### 1. Compute: x\n\nQ?\n\n??? success "Solution"\n\n    A.\n'
    assert [e.kind for e in exercises.parse(_page(good))] == ["compute"]
    with pytest.raises(PageError, match="must read"):
        exercises.parse(_page("## Exercises\n\n### 1. Calculate: x\n"))
    with pytest.raises(PageError, match="exercise 3 follows exercise 1"):
        exercises.parse(_page(good + "\n### 3. Explain: y\n"))
    zh = '## 练习\n\n### 1. 解释：为什么\n\n问题。\n\n??? success "解答"\n\n    回答。\n'
    found = exercises.parse(_page(zh, "zh"))
    assert [(e.kind, e.title, e.has_solution) for e in found] == [("explain", "为什么", True)]
    assert exercises.parse(_page("# No exercises\n")) == []


def test_index_lists_every_exercise_with_a_link_to_its_heading():
    for lang in ("zh", "en"):
        index = exercises.markdown(lang)
        for key in CONTENT:
            for exercise in _parsed(key, lang):
                assert f"](../{key}.md#{exercise.anchor})" in index
