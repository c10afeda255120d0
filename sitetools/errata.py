"""The errata: one YAML file (data/errata.yml) of seed errors and what is true instead."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from sitetools.pages import ROOT

ERRATA_FILE = ROOT / "data" / "errata.yml"
FIELDS = ("seed", "page", "anchor", "claim_zh", "claim_en", "truth_zh", "truth_en")


@dataclass(frozen=True)
class Erratum:
    seed: str
    page: str
    anchor: dict[str, str]
    claim_zh: str
    claim_en: str
    truth_zh: str
    truth_en: str


def load(path: Path = ERRATA_FILE) -> list[Erratum]:
    """All entries, in file order; raises ValueError for a malformed entry."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    errata = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or set(entry) != set(FIELDS):
            raise ValueError(f"{path.name} entry {number} must have exactly {FIELDS}")
        if not isinstance(entry["anchor"], dict) or set(entry["anchor"]) != {"zh", "en"}:
            raise ValueError(f"{path.name} entry {number}: anchor needs a zh and an en heading id")
        errata.append(Erratum(**entry))
    return errata


def markdown(lang: str, link_prefix: str = "../") -> str:
    """The errata as Markdown for ``lang``: a numbered section per entry, grouped by article."""
    said, true, where = (
        ("原文（转述）", "事实", "依据")
        if lang == "zh"
        else ("The article said (paraphrased)", "What is true", "Shown on")
    )
    article = "文章" if lang == "zh" else "Article"
    blocks = []
    by_article: dict[str, list[Erratum]] = {}
    for item in load():
        by_article.setdefault(item.seed.split()[0], []).append(item)
    number = 0
    for seed_id in sorted(by_article):
        blocks.append(f"## {article} {seed_id}\n")
        for item in by_article[seed_id]:
            number += 1
            claim = item.claim_zh if lang == "zh" else item.claim_en
            truth = item.truth_zh if lang == "zh" else item.truth_en
            link = f"{link_prefix}{item.page}.md#{item.anchor[lang]}"
            blocks.append(
                f"### {number}. {item.seed}\n\n- **{said}**: {claim}\n- **{true}**: {truth}\n"
                f"- **{where}**: [{item.page}#{item.anchor[lang]}]({link})\n"
            )
    text = "\n".join(blocks)
    return text.replace("**: ", "**：") if lang == "zh" else text
