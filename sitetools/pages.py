"""The pages of the site: where they are, which language, and their text as readers see it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"
LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"
_EXCLUDED = ("assets/vendor/",)

_SNIPPET_LINE = re.compile(r'^(?P<indent>[ \t]*)-{1,}8<-{1,}[ \t]+"(?P<target>[^"]+)"[ \t]*$')
_FRONT_MATTER = re.compile(r"\A---\n(?P<yaml>.*?\n)---\n", re.DOTALL)


class PageError(ValueError):
    """A page is malformed: a bad snippet include, a missing translation, ..."""


@dataclass(frozen=True)
class Page:
    """One Markdown page in one language."""

    path: Path

    @property
    def rel(self) -> str:
        """Path relative to ``docs/``, e.g. ``basics/activations.zh.md``."""
        return self.path.relative_to(DOCS).as_posix()

    @property
    def lang(self) -> str:
        return self.path.suffixes[-2].lstrip(".")

    @property
    def key(self) -> str:
        """Language-independent name, e.g. ``basics/activations``."""
        return self.rel.removesuffix(f".{self.lang}.md")

    @cached_property
    def source(self) -> str:
        return self.path.read_text(encoding="utf-8")

    @cached_property
    def expanded(self) -> str:
        """The Markdown with every ``--8<--`` include replaced by the file it names."""
        return expand_snippets(self.source, where=self.rel)

    @property
    def is_notebook(self) -> bool:
        """True for jupytext-Markdown notebook pages (front matter with a ``jupyter`` key)."""
        match = _FRONT_MATTER.match(self.source)
        return bool(match and re.search(r"^jupyter:", match.group("yaml"), re.MULTILINE))

    def snippet_targets(self) -> list[str]:
        return [m.group("target") for m in map(_SNIPPET_LINE.match, self.source.splitlines()) if m]


def site_url(lang: str = DEFAULT_LANGUAGE) -> str:
    """The published address of the ``lang`` site, from ``site_url`` in mkdocs.yml, ending in /.

    Only that line is read: the rest of mkdocs.yml holds tags that a plain YAML parser refuses.
    """
    line = next(
        line
        for line in (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
        if line.startswith("site_url:")
    )
    base = line.split(":", 1)[1].strip().strip("'\"").rstrip("/") + "/"
    return base if lang == DEFAULT_LANGUAGE else f"{base}{lang}/"


def expand_snippets(text: str, where: str = "<text>") -> str:
    """Replace each ``--8<-- "file"`` line with ``snippets/file``, keeping the line's indentation.

    Only whole-file includes are supported; anything else raises :class:`PageError` rather than
    being tested differently from how pymdownx.snippets renders it.
    """
    out: list[str] = []
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        match = _SNIPPET_LINE.match(line.rstrip("\n"))
        if not match:
            if re.match(r"\s*-+8<-+", line):
                raise PageError(f"{where}:{number}: unsupported snippet syntax {line.strip()!r}")
            out.append(line)
            continue
        target = match.group("target")
        file = (SNIPPETS / target).resolve()
        if ":" in target or not file.is_file() or SNIPPETS not in file.parents:
            raise PageError(f"{where}:{number}: snippet {target!r} is not a file in snippets/")
        indent = match.group("indent")
        body = file.read_text(encoding="utf-8")
        out.extend(
            indent + piece if piece.strip() else piece for piece in body.splitlines(keepends=True)
        )
        if not body.endswith("\n"):
            out.append("\n")
    return "".join(out)


def all_pages() -> list[Page]:
    """Every page of every language, sorted by path."""
    pages = []
    for path in sorted(DOCS.rglob("*.md")):
        rel = path.relative_to(DOCS).as_posix()
        if rel.startswith(_EXCLUDED):
            continue
        suffixes = path.suffixes
        if len(suffixes) < 2 or suffixes[-2].lstrip(".") not in LANGUAGES:
            raise PageError(f"docs/{rel}: every page needs a language suffix (.zh.md or .en.md)")
        pages.append(Page(path))
    return pages


def page_pairs() -> dict[str, dict[str, Page]]:
    """Pages grouped by their language-independent key: ``{key: {lang: page}}``."""
    pairs: dict[str, dict[str, Page]] = {}
    for page in all_pages():
        pairs.setdefault(page.key, {})[page.lang] = page
    return pairs


def missing_translations() -> list[str]:
    """``docs/...`` paths that should exist because the other language has the page."""
    missing = []
    for key, by_lang in page_pairs().items():
        missing.extend(f"docs/{key}.{lang}.md" for lang in LANGUAGES if lang not in by_lang)
    return missing


_CJK_CHAR = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
_FENCE_LINE = re.compile(r"^[ \t]*(`{3,}|~{3,})")


def join_cjk_lines(text: str) -> str:
    """Remove source line breaks between two CJK characters outside code fences.

    Markdown keeps a line break inside a paragraph as whitespace, which browsers show as a space
    between Chinese characters; wrapped Chinese source lines would otherwise read "构建 网站".
    """
    lines = text.split("\n")
    out: list[str] = []
    fence: str | None = None
    for line in lines:
        marker = _FENCE_LINE.match(line)
        if fence is not None:
            if marker and marker.group(1)[0] == fence[0] and len(marker.group(1)) >= len(fence):
                fence = None
            out.append(line)
            continue
        if marker:
            fence = marker.group(1)
            out.append(line)
            continue
        stripped = line.lstrip(" \t")
        if (
            out
            and stripped
            and _CJK_CHAR.match(stripped)
            and out[-1]
            and _CJK_CHAR.match(out[-1][-1])
            and not _FENCE_LINE.match(out[-1])
        ):
            out[-1] += stripped
        else:
            out.append(line)
    return "\n".join(out)
