"""The errata: one YAML file (data/errata.yml) of errors in the source articles and what is true.

The file has two parts. ``articles`` describes the five source articles: they have no titles, so
each gets a short descriptive title per language, its author, and readable labels for the
sections the errata cite. ``errata`` lists the errors, each naming its article and section, the
page and heading of this site that shows what is true, and the claim and the truth in both
languages (paraphrased: the articles are never quoted).

:func:`markdown` turns the file into the errata page: a group per article, headed by its number
and title, and a numbered entry per error whose link text is the linked page's own title and
section heading, read from ``docs/<page>.<lang>.md``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from pymdownx.slugs import slugify

from sitetools.pages import DOCS, LANGUAGES, ROOT, Page

ERRATA_FILE = ROOT / "data" / "errata.yml"
ARTICLE_FIELDS = ("id", "author", "title_zh", "title_en", "sections")
FIELDS = ("article", "section", "page", "anchor", "claim_zh", "claim_en", "truth_zh", "truth_en")

_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_HEADING = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<text>.+?)[ \t]*#*[ \t]*$")
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_SLUGIFY = slugify(case="lower")  # the same slugify as mkdocs.yml's toc extension


@dataclass(frozen=True)
class Article:
    id: str
    author: str
    title_zh: str
    title_en: str
    sections: dict[str, dict[str, str]]

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en

    def section(self, key: str, lang: str) -> str:
        return self.sections[key][lang]


@dataclass(frozen=True)
class Erratum:
    article: str
    section: str
    page: str
    anchor: dict[str, str] | None  # None: the page's introduction, above its first section
    claim_zh: str
    claim_en: str
    truth_zh: str
    truth_en: str

    def claim(self, lang: str) -> str:
        return self.claim_zh if lang == "zh" else self.claim_en

    def truth(self, lang: str) -> str:
        return self.truth_zh if lang == "zh" else self.truth_en


def _is_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _article(number: int, entry: object, name: str) -> Article:
    if not isinstance(entry, dict) or set(entry) != set(ARTICLE_FIELDS):
        raise ValueError(f"{name} article {number} must have exactly {ARTICLE_FIELDS}")
    if not all(_is_text(entry[f]) for f in ARTICLE_FIELDS if f != "sections"):
        raise ValueError(f"{name} article {number} has an empty field")
    sections = entry["sections"]
    if not isinstance(sections, dict) or not sections:
        raise ValueError(f"{name} article {entry['id']}: sections must be a non-empty mapping")
    for key, labels in sections.items():
        if not (
            isinstance(labels, dict)
            and set(labels) == set(LANGUAGES)
            and all(_is_text(v) for v in labels.values())
        ):
            raise ValueError(
                f"{name} article {entry['id']} section {key!r} needs a zh and an en label"
            )
        if _CJK.search(labels["en"]):
            raise ValueError(
                f"{name} article {entry['id']} section {key!r}: the en label has Chinese text"
            )
    return Article(**{**entry, "sections": {str(k): v for k, v in sections.items()}})


def _erratum(number: int, entry: object, articles: dict[str, Article], name: str) -> Erratum:
    if not isinstance(entry, dict) or set(entry) != set(FIELDS):
        raise ValueError(f"{name} entry {number} must have exactly {FIELDS}")
    anchor = entry["anchor"]
    if anchor is not None and (
        not isinstance(anchor, dict)
        or set(anchor) != set(LANGUAGES)
        or not all(_is_text(v) for v in anchor.values())
    ):
        raise ValueError(f"{name} entry {number}: anchor needs a zh and an en heading id (or null)")
    if not all(_is_text(entry[f]) for f in FIELDS if f != "anchor"):
        raise ValueError(f"{name} entry {number} has an empty field")
    article = articles.get(entry["article"])
    if article is None:
        raise ValueError(f"{name} entry {number}: unknown article {entry['article']!r}")
    if entry["section"] not in article.sections:
        raise ValueError(
            f"{name} entry {number}: article {article.id} has no section {entry['section']!r}"
        )
    return Erratum(**entry)


def load_all(path: Path = ERRATA_FILE) -> tuple[dict[str, Article], list[Erratum]]:
    """The articles by id and all entries in file order; ValueError for a malformed file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or set(data) != {"articles", "errata"}:
        raise ValueError(f"{path.name} must be a mapping with exactly 'articles' and 'errata'")
    articles: dict[str, Article] = {}
    for number, entry in enumerate(data["articles"] or [], start=1):
        article = _article(number, entry, path.name)
        if article.id in articles:
            raise ValueError(f"{path.name}: article {article.id} is listed twice")
        articles[article.id] = article
    errata = [
        _erratum(number, entry, articles, path.name)
        for number, entry in enumerate(data["errata"] or [], start=1)
    ]
    return articles, errata


def load(path: Path = ERRATA_FILE) -> list[Erratum]:
    """All entries, in file order; raises ValueError for a malformed entry."""
    return load_all(path)[1]


def load_articles(path: Path = ERRATA_FILE) -> dict[str, Article]:
    """The source articles by id (``"000"`` ... ``"004"``), in file order."""
    return load_all(path)[0]


def _plain(text: str) -> str:
    """Heading Markdown as the text a reader sees: no code ticks, emphasis or link targets."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[`*]", "", text).strip()


@cache
def headings(page: str, lang: str) -> tuple[tuple[int, str, str], ...]:
    """``(level, text, anchor)`` for each heading of ``docs/<page>.<lang>.md``, outside code.

    The anchor is the id the site gives the heading: the toc extension's slug (with ``_1``,
    ``_2`` for repeats) on ordinary pages, the heading text with ``-`` for spaces on notebook
    pages, which mkdocs-jupyter renders.
    """
    source = Page(DOCS / f"{page}.{lang}.md")
    text = _FRONT_MATTER.sub("", source.source) if source.is_notebook else source.source
    found: list[tuple[int, str, str]] = []
    seen: set[str] = set()
    fence: str | None = None
    for line in text.splitlines():
        marker = _FENCE.match(line)
        if fence is not None:
            if marker and marker.group(1)[0] == fence[0] and len(marker.group(1)) >= len(fence):
                fence = None
            continue
        if marker:
            fence = marker.group(1)
            continue
        match = _HEADING.match(line)
        if not match:
            continue
        shown = match.group("text")
        if source.is_notebook:
            anchor = _plain(shown).replace(" ", "-")
        else:
            anchor = base = _SLUGIFY(_plain(shown), "-")
            repeat = 0
            while anchor in seen:
                repeat += 1
                anchor = f"{base}_{repeat}"
        seen.add(anchor)
        found.append((len(match.group("hashes")), shown, anchor))
    return tuple(found)


def page_title(page: str, lang: str) -> str:
    """The first level-1 heading of ``docs/<page>.<lang>.md``."""
    for level, text, _ in headings(page, lang):
        if level == 1:
            return text
    raise ValueError(f"docs/{page}.{lang}.md has no '# ' title")


def section_title(page: str, lang: str, anchor: str) -> str:
    """The heading of ``docs/<page>.<lang>.md`` whose id is ``anchor``."""
    for _, text, heading_anchor in headings(page, lang):
        if heading_anchor == anchor:
            return text
    raise ValueError(f"docs/{page}.{lang}.md has no heading with the id {anchor!r}")


LABELS = {
    "zh": {
        "article": "文章 {id}：{title}",
        "author": "作者：{author}",
        "said": "原文（转述）",
        "true": "事实",
        "where": "依据",
        "link": "{title} › {section}",
        "intro": "{title}（开头部分）",
    },
    "en": {
        "article": "Article {id}: {title}",
        "author": "By {author}",
        "said": "The article said (paraphrased)",
        "true": "What is true",
        "where": "Shown on",
        "link": "{title} › {section}",
        "intro": "{title} (introduction)",
    },
}


def link_text(item: Erratum, lang: str) -> str:
    """The text of an entry's link: the page's title and the heading it points at."""
    labels = LABELS[lang]
    title = page_title(item.page, lang)
    if item.anchor is None:
        return labels["intro"].format(title=title)
    section = section_title(item.page, lang, item.anchor[lang])
    return labels["link"].format(title=title, section=section)


def markdown(lang: str, link_prefix: str = "../") -> str:
    """The errata as Markdown for ``lang``: a section per article, a numbered entry per error.

    Within an article the entries follow the order of its ``sections``, then the file order.
    """
    labels = LABELS[lang]
    articles, errata = load_all()
    by_article: dict[str, list[Erratum]] = {key: [] for key in articles}
    for item in errata:
        by_article[item.article].append(item)
    colon = "：" if lang == "zh" else ": "
    blocks = []
    number = 0
    for key in sorted(by_article):
        if not by_article[key]:
            continue
        article = articles[key]
        order = list(article.sections)
        by_article[key].sort(key=lambda item: order.index(item.section))  # stable: file order
        blocks.append(
            f"## {labels['article'].format(id=key, title=article.title(lang))}\n\n"
            f"{labels['author'].format(author=article.author)}\n"
        )
        for item in by_article[key]:
            number += 1
            target = f"{link_prefix}{item.page}.md"
            if item.anchor is not None:
                target += f"#{item.anchor[lang]}"
            blocks.append(
                f"### {number}. {article.section(item.section, lang)}\n\n"
                f"- **{labels['said']}**{colon}{item.claim(lang)}\n"
                f"- **{labels['true']}**{colon}{item.truth(lang)}\n"
                f"- **{labels['where']}**{colon}[{link_text(item, lang)}]({target})\n"
            )
    return "\n".join(blocks)
