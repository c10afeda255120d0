"""The glossary: one YAML file (data/glossary.yml) of terms in both languages."""

from __future__ import annotations

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
