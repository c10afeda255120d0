"""The glossary: one YAML file (data/glossary.yml) of terms in both languages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from sitetools.pages import ROOT

GLOSSARY_FILE = ROOT / "data" / "glossary.yml"
FIELDS = ("en", "zh", "page", "def_en", "def_zh")


@dataclass(frozen=True)
class Term:
    en: str
    zh: str
    page: str
    def_en: str
    def_zh: str

    def name(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def definition(self, lang: str) -> str:
        return self.def_zh if lang == "zh" else self.def_en


def load(path: Path = GLOSSARY_FILE) -> list[Term]:
    """All terms, in file order; raises ValueError for an entry with missing or extra fields."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    terms = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or set(entry) != set(FIELDS):
            raise ValueError(
                f"{path.name} entry {number} must have exactly {FIELDS}; got {entry!r}"
            )
        if not all(isinstance(entry[f], str) and entry[f].strip() for f in FIELDS):
            raise ValueError(f"{path.name} entry {number} has an empty field: {entry!r}")
        terms.append(Term(**entry))
    return terms


def markdown_table(lang: str, link_prefix: str = "../") -> str:
    """The glossary as a Markdown table for ``lang``, each term linked to its page."""
    if lang == "zh":
        header = "| 中文 | English | 释义 | 页面 |\n|---|---|---|---|"
    else:
        header = "| English | 中文 | Definition | Page |\n|---|---|---|---|"
    rows = []
    for term in load():
        first, second = (term.zh, term.en) if lang == "zh" else (term.en, term.zh)
        link = f"[{'查看' if lang == 'zh' else 'see'}]({link_prefix}{term.page}.md)"
        cells = (first, second, term.definition(lang))
        rows.append("| " + " | ".join(c.replace("|", r"\|") for c in cells) + f" | {link} |")
    return header + "\n" + "\n".join(rows) + "\n"


# --- Bold terms in the pages -------------------------------------------------------------------
#
# The site's rule is "every bold term is in the glossary". A page bolds a *term* where it
# introduces it. A bold span that only names what a list item or paragraph is about is a *label*
# and is not checked:
#
# - it starts a list item or a paragraph (after indentation and optional list or quote markers:
#   ``- ``, ``* ``, ``1. ``, ``> ``), and
# - its text ends with one of ``: ： . 。 ? ？`` or the closing ``**`` is followed directly by
#   one of ``: ： . 。``.
#
# So ``- **Data.** ...``, ``**数据**：...`` and ``- **"The sigmoid's range is [0, 1]"**: ...`` are
# labels, while ``**The perceptron convergence theorem** (Novikoff, 1962): ...`` is a term (the
# colon does not follow the bold directly). Bold inside code fences, inline code, HTML comments
# and math is not prose and is ignored.

_FENCE_OPEN = re.compile(r"^[ \t]*(?:(?:[-*+]|\d+\.)[ \t]+)?(`{3,}|~{3,})")
_COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)
_INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
_MATH_RE = re.compile(
    r"\$\$.*?\$\$|\\\[.*?\\\]|\\\(.*?\\\)|(?<![\\$])\$(?!\s)[^$\n]+?(?<![\\\s])\$(?!\d)",
    re.DOTALL,
)
_BOLD = re.compile(
    r"(?<![*\\])\*\*(?![\s*])(?P<text>(?:(?!\n[ \t]*\n).)+?)(?<![\s\\])\*\*", re.DOTALL
)
_BLOCK_PREFIX = re.compile(r"[ \t]*(?:(?:>[ \t]*)+)?(?:(?:[-*+]|\d+\.)[ \t]+)?")
_BLOCK_START_AFTER = re.compile(r"^[ \t]*(?:$|#{1,6} |!!!|\?\?\?|(`{3,}|~{3,})[ \t]*$)")
_LABEL_END = tuple(":：.。?？")
_LABEL_FOLLOW = tuple(":：.。")
_QUALIFIER = re.compile(r"\s*[(（][^()（）]*[)）]$")
_FILLER = "\x01"  # stands for code, math and comments in prose(); never whitespace
_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"


def _blank(match: re.Match) -> str:
    """Replace a match by a filler of the same length, keeping its line breaks."""
    return re.sub(r"[^\n]", _FILLER, match.group(0))


def prose(text: str) -> str:
    """``text`` with code fences emptied and HTML comments, inline code and math filled in.

    Positions and line breaks are kept, so line starts and paragraph breaks stay where they are.
    """
    lines = text.split("\n")
    fence: str | None = None
    for number, line in enumerate(lines):
        marker = _FENCE_OPEN.match(line)
        if fence is not None:
            if marker and marker.group(1)[0] == fence[0] and len(marker.group(1)) >= len(fence):
                fence = None
            lines[number] = " " * len(line)
        elif marker:
            fence = marker.group(1)
            lines[number] = " " * len(line)
    text = "\n".join(lines)
    for pattern in (_COMMENT_RE, _INLINE_CODE, _MATH_RE):
        text = pattern.sub(_blank, text)
    return text


def _is_label(text: str, match: re.Match) -> bool:
    line_start = text.rfind("\n", 0, match.start()) + 1
    prefix = text[line_start : match.start()]
    marker = _BLOCK_PREFIX.fullmatch(prefix)
    if marker is None:
        return False
    if not prefix.strip():  # no list or quote marker: must start a paragraph
        previous = text[: max(line_start - 1, 0)].rsplit("\n", 1)[-1] if line_start else ""
        if not _BLOCK_START_AFTER.match(previous.replace(_FILLER, "")):
            return False
    inner = match.group("text").rstrip()
    return inner.endswith(_LABEL_END) or text[match.end() : match.end() + 1] in _LABEL_FOLLOW


def _normalise(term: str) -> str:
    term = re.sub(r"\s+", " ", term).strip()
    return re.sub(rf"(?<=[{_CJK}]) (?=[{_CJK}])", "", term)


def bold_spans(text: str) -> list[tuple[str, bool]]:
    """Every bold span of ``text``'s prose as ``(text, is_label)``."""
    clean = prose(text)
    return [
        (_normalise(text[m.start("text") : m.end("text")]), _is_label(clean, m))
        for m in _BOLD.finditer(clean)
    ]


def bold_terms(page) -> list[str]:
    """The bold terms of a page's prose (labels excluded), in order; see the rule above."""
    text = page if isinstance(page, str) else page.source
    return [span for span, label in bold_spans(text) if not label]


def matches(term: str, lang: str, terms: list[Term] | None = None) -> bool:
    """True if ``term`` names a glossary entry in ``lang``.

    An entry is matched by its full name or by its name without a trailing parenthesis, which
    holds a qualifier or another name: ``key (attention)`` by ``key``, ``LSTM（长短期记忆网络）``
    by ``LSTM``. English compares case-insensitively and also accepts a regular plural (-s, -es);
    Chinese must be exact.
    """
    names = set()
    for entry in terms or load():
        name = entry.name(lang) if lang == "zh" else entry.en.lower()
        names |= {name, _QUALIFIER.sub("", name)}
    if lang == "zh":
        return term in names
    word = term.lower()
    return word in names or any(
        word.endswith(ending) and word.removesuffix(ending) in names for ending in ("s", "es")
    )
