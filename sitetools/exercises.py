"""The exercises at the end of each content page, and the index page generated from them.

A page's exercises follow a ``## Exercises`` (zh: ``## 练习``) heading, one ``###`` heading
each, numbered and labelled with its kind::

    ### 1. Compute: the derivative of tanh          ### 1. 计算：tanh 的导数

The kinds are compute (derive or calculate something, checked by code), experiment (change the
page's code, predict, measure) and explain (a conceptual question). Each exercise has one worked
solution, collapsed: ``??? success "Solution"`` (zh: ``??? success "解答"``). On notebook pages
the solution's code is the code cell after the block, marked ``<!--dlref:solution-->`` (see
`sitetools.notebooks.mark_solutions`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pymdownx.slugs import slugify

from sitetools.pages import Page, PageError

KINDS = ("compute", "experiment", "explain")
_LABELS = {
    "en": {"compute": "Compute", "experiment": "Experiment", "explain": "Explain"},
    "zh": {"compute": "计算", "experiment": "实验", "explain": "解释"},
}
SECTION = {"en": "Exercises", "zh": "练习"}
SOLUTION = {"en": "Solution", "zh": "解答"}
_SLUG = slugify(case="lower")
# solution code: indented in the ??? block, or (notebook pages) a solution cell after the mark
_SOLUTION_CODE = r"^ {4}```python\s*$|^<!--dlref:solution-->\s*\n```python\s*$"


@dataclass(frozen=True)
class Exercise:
    """One exercise of a page: its number, kind, title and the anchor of its heading."""

    page: str
    number: int
    kind: str
    title: str
    heading: str
    has_solution: bool
    has_code: bool

    notebook: bool = False

    @property
    def anchor(self) -> str:
        """The heading's id: MkDocs' slug, or on notebook pages nbconvert's (spaces become
        hyphens, the text is kept)."""
        if self.notebook:
            return self.heading.replace(" ", "-")
        return _SLUG(self.heading, "-")


def _section(text: str, lang: str) -> str | None:
    match = re.search(rf"^## {SECTION[lang]}\s*$", text, re.MULTILINE)
    if match is None:
        return None
    rest = text[match.end() :]
    end = re.search(r"^## ", rest, re.MULTILINE)
    return rest[: end.start()] if end else rest


def parse(page: Page) -> list[Exercise]:
    """The exercises of ``page`` (none if it has no exercises section).

    Raises `PageError` for a heading that does not follow the pattern, numbers out of order, or
    an exercise with more than one solution.
    """
    section = _section(page.source, page.lang)
    if section is None:
        return []
    labels = {label: kind for kind, label in _LABELS[page.lang].items()}
    colon = "：" if page.lang == "zh" else ": "
    pattern = re.compile(rf"^(\d+)\. ({'|'.join(labels)}){colon}(.+)$")
    parts = re.split(r"^### (.+)$", section, flags=re.MULTILINE)
    exercises = []
    for heading, body in zip(parts[1::2], parts[2::2], strict=True):
        match = pattern.match(heading.strip())
        if match is None:
            raise PageError(
                f"{page.rel}: exercise heading {heading!r} must read "
                f"'N. {'|'.join(labels)}{colon}title'"
            )
        number = int(match[1])
        if number != len(exercises) + 1:
            raise PageError(f"{page.rel}: exercise {number} follows exercise {len(exercises)}")
        solutions = len(re.findall(rf'^\?\?\? success "{SOLUTION[page.lang]}"\s*$', body, re.M))
        if solutions > 1:
            raise PageError(f"{page.rel}: exercise {number} has {solutions} solutions")
        exercises.append(
            Exercise(
                page=page.key,
                number=number,
                kind=labels[match[2]],
                title=match[3].strip(),
                heading=heading.strip(),
                has_solution=solutions == 1,
                has_code=bool(re.search(_SOLUTION_CODE, body, re.M)),
                notebook=page.is_notebook,
            )
        )
    return exercises


def markdown(lang: str, nav: list | None = None) -> str:
    """The exercise index in ``lang``: per chapter of ``nav``, each page's exercises by kind."""
    from sitetools import contents
    from sitetools.pages import DOCS

    header = (
        "| 页面 | 计算 | 实验 | 解释 |\n|---|---|---|---|"
        if lang == "zh"
        else "| Page | Compute | Experiment | Explain |\n|---|---|---|---|"
    )
    out = []
    total = 0
    for chapter in contents.chapters(nav):
        rows = []
        for key in chapter.pages:
            found = parse(Page(DOCS / f"{key}.{lang}.md"))
            if not found:
                continue
            total += len(found)
            cells = [
                "<br>".join(
                    f"[{e.number}. {e.title}](../{key}.md#{e.anchor})"
                    for e in found
                    if e.kind == kind
                )
                or "—"
                for kind in KINDS
            ]
            rows.append(
                f"| [{contents.title(key, lang)}](../{key}.md) | " + " | ".join(cells) + " |"
            )
        if rows:
            out.append(
                f"## {contents.section_name(chapter.name, lang)}\n\n{header}\n" + "\n".join(rows)
            )
    summary = (
        f"共 {total} 道练习，每道都附有解答。\n"
        if lang == "zh"
        else f"{total} exercises, each with a solution.\n"
    )
    return summary + "\n" + "\n\n".join(out) + "\n"
