"""Rewrite the expected-output fences of pages from what their code prints now.

Usage: ``python -m sitetools.update_outputs [KEY ...]`` with page keys such as
``basics/activations`` (both languages; every page when none is given). ``make update-outputs``
runs it (``PAGES="basics/activations cnn/resnet"`` narrows it). Each runnable block runs as the
tests run it (fresh namespace, seeded, a temporary working folder, figures into
``docs/assets/figures``); the ``text`` fence after its ``<!--pytest-codeblocks:expected-output-->``
mark is replaced by the printed output. Only those fences change: prose is left alone, so read
the diff before committing it.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path

from sitetools.codeblocks import RUNNABLE, UPDATE_SEED, blocks, reset_random_state, run_block
from sitetools.pages import DOCS, SNIPPETS, Page, page_pairs

EXPECTED_MARK = "<!--pytest-codeblocks:expected-output-->"
_SNIPPET_LINE = re.compile(r'^[ \t]*-{1,}8<-{1,}[ \t]+"(?P<target>[^"]+)"[ \t]*$')
_FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<ticks>`{3,})(?P<info>[^`]*)$")


def _expanded_line_starts(source_lines: list[str]) -> list[int]:
    """For each source line, the 1-based line of the expanded text where it starts."""
    starts, current = [], 1
    for line in source_lines:
        starts.append(current)
        match = _SNIPPET_LINE.match(line)
        if match:
            body = (SNIPPETS / match.group("target")).read_text(encoding="utf-8")
            current += len(body.splitlines())
        else:
            current += 1
    return starts


def _closing_fence(lines: list[str], start: int, ticks: str) -> int:
    """Index of the line that closes the fence opened at ``start``."""
    for index in range(start + 1, len(lines)):
        if lines[index].strip() == ticks:
            return index
    raise ValueError(f"fence opened at line {start + 1} is never closed")


def _expected_fence(lines: list[str], after: int) -> tuple[int, int, str] | None:
    """(open, close, indent) of the expected-output fence that follows line ``after``."""
    index = after + 1
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index >= len(lines) or lines[index].strip() != EXPECTED_MARK:
        return None
    index += 1
    while index < len(lines) and not lines[index].strip():
        index += 1
    match = _FENCE_OPEN.match(lines[index]) if index < len(lines) else None
    if not match:
        raise ValueError(f"line {index + 1}: a fence must follow {EXPECTED_MARK}")
    return index, _closing_fence(lines, index, match.group("ticks")), match.group("indent")


def outputs_by_code(page: Page) -> dict[str, str]:
    """What each runnable, unmarked block of ``page`` prints, keyed by its code."""
    printed: dict[str, str] = {}
    for block in blocks(page):
        if block.syntax == RUNNABLE and not block.marks and block.code not in printed:
            reset_random_state(UPDATE_SEED, code=block.code)
            printed[block.code] = run_block(block.code, f"{page.rel}:{block.lineno}")
    return printed


def rewrite(page: Page, printed: dict[str, str]) -> bool:
    """Replace the expected-output fences of ``page``; return True when the file changed."""
    lines = page.source.split("\n")
    starts = _expanded_line_starts(lines)
    by_line = {block.lineno: block for block in blocks(page) if block.syntax == RUNNABLE}
    replacements: list[tuple[int, int, list[str]]] = []
    index = 0
    while index < len(lines):
        match = _FENCE_OPEN.match(lines[index])
        if not match:
            index += 1
            continue
        close = _closing_fence(lines, index, match.group("ticks"))
        block = next((by_line[n] for n in (starts[index], starts[index] + 1) if n in by_line), None)
        found = _expected_fence(lines, close) if block is not None else None
        if block is not None and found is not None and block.code in printed:
            start, end, indent = found
            body = [indent + row if row else row for row in printed[block.code].split("\n")]
            if body and body[-1] == "":
                body.pop()
            replacements.append((start + 1, end, body))
            index = end + 1
        else:
            index = close + 1
    for start, end, body in reversed(replacements):
        lines[start:end] = body
    text = "\n".join(lines)
    if text == page.source:
        return False
    page.path.write_text(text, encoding="utf-8")
    return True


def main(argv: list[str]) -> int:
    pairs = page_pairs()
    keys = argv or sorted(pairs)
    unknown = [key for key in keys if key not in pairs]
    if unknown:
        print(
            f"unknown page key(s): {', '.join(unknown)}; e.g. basics/activations", file=sys.stderr
        )
        return 2
    os.environ.setdefault("MPLBACKEND", "Agg")
    os.environ.setdefault("DLREF_FIGURE_DIR", str(DOCS / "assets" / "figures"))
    home = Path.cwd()
    for key in keys:
        pages = [page for page in pairs[key].values() if not page.is_notebook]
        if not pages:
            continue
        printed: dict[str, str] = {}
        with tempfile.TemporaryDirectory(prefix="dlref-update-") as workdir:
            os.chdir(workdir)
            try:
                for page in pages:
                    printed.update(
                        {c: o for c, o in outputs_by_code(page).items() if c not in printed}
                    )
            finally:
                os.chdir(home)
        for page in pages:
            if rewrite(Page(page.path), printed):
                print(f"updated docs/{page.rel}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
