"""Checks on the page sources: no silently skipped fence, both languages in step."""

from __future__ import annotations

import re

import pytest

from sitetools import codeblocks
from sitetools.pages import (
    DOCS,
    ROOT,
    Page,
    PageError,
    all_pages,
    expand_snippets,
    missing_translations,
    page_pairs,
)

PAGES = all_pages()
PAIRS = page_pairs()
_MATH = re.compile(r"\\\(|\\\[|\$\$|(?<![\\$])\$(?!\$)")


def test_every_page_exists_in_both_languages():
    assert missing_translations() == []


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.rel)
def test_no_fence_is_skipped_silently(page: Page):
    assert codeblocks.fence_problems(page) == []


#: Pages whose languages differ by design, and why.
NOT_PARALLEL = {
    "appendix/api": "one API reference, generated in English from the docstrings; zh lists modules",
}


@pytest.mark.parametrize("key", sorted(PAIRS), ids=str)
def test_languages_share_code_and_formulas(key: str):
    if key in NOT_PARALLEL:
        pytest.skip(NOT_PARALLEL[key])
    zh, en = PAIRS[key]["zh"], PAIRS[key]["en"]
    assert zh.snippet_targets() == en.snippet_targets(), "different snippet includes"
    zh_code = [
        (b.syntax, codeblocks.without_comments(b.code), b.marks) for b in codeblocks.blocks(zh)
    ]
    en_code = [
        (b.syntax, codeblocks.without_comments(b.code), b.marks) for b in codeblocks.blocks(en)
    ]
    assert zh_code == en_code, "code blocks differ between zh and en"
    assert len(_MATH.findall(zh.source)) == len(_MATH.findall(en.source)), "formula count differs"
    zh_levels = [len(m) for m in re.findall(r"^(#{1,6}) ", zh.expanded, re.MULTILINE)]
    en_levels = [len(m) for m in re.findall(r"^(#{1,6}) ", en.expanded, re.MULTILINE)]
    assert zh_levels == en_levels, "section structure (heading levels) differs"


def test_zh_api_page_links_every_module_of_the_english_one():
    zh, en = PAIRS["appendix/api"]["zh"].source, PAIRS["appendix/api"]["en"].source
    modules = re.findall(r"^::: (dlref[\w.]*)$", en, re.MULTILINE)
    assert modules and all(f"<code>{m}</code>" in zh for m in modules)


def test_snippets_are_all_used():
    used = {t for page in PAGES for t in page.snippet_targets()}
    files = {p.relative_to(ROOT / "snippets").as_posix() for p in (ROOT / "snippets").rglob("*.py")}
    assert files - used == set(), "snippets no page includes"


def test_snippet_expansion_keeps_indentation_and_rejects_unknown_files():
    used = next(t for page in PAGES for t in page.snippet_targets())
    text = f'=== "Tab"\n\n    ```python\n    --8<-- "{used}"\n    ```\n'
    body = expand_snippets(text)
    first = (ROOT / "snippets" / used).read_text(encoding="utf-8").splitlines()[0]
    assert f"    {first}" in body
    with pytest.raises(PageError, match="not a file in snippets"):
        expand_snippets('--8<-- "no_such_file.py"\n')
    with pytest.raises(PageError, match="unsupported snippet syntax"):
        expand_snippets("--8<-- [start:x]\n")


def test_comment_stripping_keeps_code():
    code = 'x = "a#b"  # note\n# whole line\nmake serve   # 说明\n'
    assert codeblocks.without_comments(code) == 'x = "a#b"\nmake serve'


def test_fence_check_catches_silent_skips(tmp_path, monkeypatch):
    bad = DOCS / "zz-fence-check-probe.zh.md"
    text = (
        "```py\nprint(1)\n```\n\n```bash\npip install x\n```\n\n"
        "<!--pytest.mark.skip-->\n```text\nno reason\n```\n\n~~~python\nprint(2)\n~~~\n"
    )
    monkeypatch.setattr(Page, "source", text)
    problems = codeblocks.fence_problems(Page(bad))
    assert [p.split(": ", 1)[0].rsplit(":", 1)[1] for p in problems] == ["14", "1", "5", "10"]
    assert "'~~~' fences" in problems[0] and "'py' would be skipped silently" in problems[1]
    assert "shell fence" in problems[2] and "without reason" in problems[3]


def test_wrapped_chinese_lines_are_joined_outside_code():
    from sitetools.pages import join_cjk_lines

    text = "构建网站时\n在 CPU 上。\n\n- 第一项\n  继续\n```text\n中文\n中文\n```\nEnglish\n中文\n"
    assert join_cjk_lines(text) == (
        "构建网站时在 CPU 上。\n\n- 第一项继续\n```text\n中文\n中文\n```\nEnglish\n中文\n"
    )


def test_a_page_in_one_language_only_fails_the_build(tmp_path, monkeypatch):
    import mkdocs.exceptions

    from hooks import i18n_guard
    from sitetools import pages

    (tmp_path / "basics").mkdir()
    (tmp_path / "basics" / "only.zh.md").write_text("# 只有中文\n", encoding="utf-8")
    (tmp_path / "index.en.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "index.zh.md").write_text("# 首页\n", encoding="utf-8")
    monkeypatch.setattr(pages, "DOCS", tmp_path)
    with pytest.raises(mkdocs.exceptions.PluginError, match=r"docs/basics/only\.en\.md"):
        i18n_guard.on_pre_build(config=None)
    (tmp_path / "stray.md").write_text("# no language\n", encoding="utf-8")
    with pytest.raises(mkdocs.exceptions.PluginError, match="language suffix"):
        i18n_guard.on_pre_build(config=None)
