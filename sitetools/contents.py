"""The home page's table of contents, generated from ``nav`` in mkdocs.yml so it cannot drift.

Each chapter of the navigation becomes a row with its pages, titled by their ``# `` heading in
the reader's language and linked relative to the home page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from sitetools.pages import DOCS, ROOT, PageError


class _IgnoreTags(yaml.SafeLoader):
    """A YAML loader that reads mkdocs.yml and ignores its Python and ``!ENV`` tags."""


_IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Chapter:
    """A top-level section of ``nav``: its Chinese name and its page keys, in order."""

    name: str
    pages: tuple[str, ...]


def _config() -> dict:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)


def chapters(nav: list | None = None) -> list[Chapter]:
    """The sections of ``nav`` (default: mkdocs.yml's), leaving out top-level pages."""
    result = []
    for item in _config()["nav"] if nav is None else nav:
        ((name, value),) = item.items()
        if isinstance(value, list):
            keys = []
            for entry in value:
                path = next(iter(entry.values())) if isinstance(entry, dict) else entry
                keys.append(path.removesuffix(".md"))
            result.append(Chapter(name, tuple(keys)))
    return result


def section_name(name: str, lang: str) -> str:
    """``name`` (as written in ``nav``) in ``lang``, from the i18n plugin's nav_translations."""
    if lang == "zh":
        return name
    for plugin in _config()["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            for language in plugin["i18n"]["languages"]:
                if language["locale"] == lang:
                    translations = language.get("nav_translations", {})
                    if name not in translations:
                        raise PageError(
                            f"nav section {name!r} has no {lang} nav_translations entry"
                        )
                    return translations[name]
    raise PageError(f"no i18n language {lang!r} in mkdocs.yml")


def title(key: str, lang: str) -> str:
    """The first ``# `` heading of ``docs/<key>.<lang>.md``."""
    path = DOCS / f"{key}.{lang}.md"
    if not path.is_file():
        raise PageError(f"nav lists {key}, but {path.relative_to(ROOT)} does not exist")
    match = re.search(r"^# (.+)$", path.read_text(encoding="utf-8"), re.MULTILINE)
    if match is None:
        raise PageError(f"{path.relative_to(ROOT)} has no '# ' title")
    return match.group(1).strip()


def markdown(lang: str, nav: list | None = None) -> str:
    """The contents table for the home page in ``lang``: one row per chapter of ``nav``."""
    header = "| 章节 | 页面 |\n|---|---|" if lang == "zh" else "| Chapter | Pages |\n|---|---|"
    separator = "、" if lang == "zh" else " · "
    rows = [
        f"| {section_name(chapter.name, lang)} | "
        + separator.join(f"[{title(key, lang)}]({key}.md)" for key in chapter.pages)
        + " |"
        for chapter in chapters(nav)
    ]
    return header + "\n" + "\n".join(rows) + "\n"
