"""Check that the figures the page code regenerated match the committed ones.

The pages' code writes its figures into ``docs/assets/figures``; ``make test`` runs that code and
then this check. A figure passes when it equals the committed file, or when the two SVGs differ
only in numbers that are within ``TOLERANCE`` of each other (coordinates are in points, printed
with six decimals, so the last bits of a float computed on another CPU can move a path by 1e-6).
Matplotlib's clip-path and marker ids are hashes of the geometry and are compared as ids.

A figure that passes within tolerance is restored to the committed bytes, so the working tree
stays clean; the others are listed and the check fails.

Usage: ``python -m sitetools.figures`` (``make check-figures``).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from sitetools.pages import ROOT

FIGURES = Path("docs/assets/figures")
TOLERANCE = 0.01  # in SVG points; a visible change is about 0.5

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?")
_HASH_ID = re.compile(r"\b([pm])[0-9a-f]{10}\b")  # matplotlib's clip-path / marker ids


def _tokens(svg: str) -> tuple[list[str], list[float]]:
    """The SVG split into its text between numbers (ids normalised) and its numbers."""
    text = _HASH_ID.sub(r"\1-id", svg)
    return _NUMBER.split(text), [float(n) for n in _NUMBER.findall(text)]


def difference(committed: str, current: str) -> str | None:
    """``None`` if ``current`` matches ``committed`` (see the module docstring), else why not."""
    if committed == current:
        return None
    old_text, old_numbers = _tokens(committed)
    new_text, new_numbers = _tokens(current)
    if old_text != new_text:
        first = next(
            (i for i, (a, b) in enumerate(zip(old_text, new_text, strict=False)) if a != b),
            min(len(old_text), len(new_text)),
        )
        return f"different elements or text (first at token {first})"
    worst = max(abs(a - b) for a, b in zip(old_numbers, new_numbers, strict=True))
    if worst > TOLERANCE:
        return f"numbers differ by up to {worst:.3g} (tolerance {TOLERANCE})"
    return None


def _git(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)


def changed_figures() -> list[tuple[str, str]]:
    """``(status, path)`` of the figures that differ from the commit, as ``git status`` says."""
    out = _git("status", "--porcelain", "--", str(FIGURES)).stdout
    return [(line[:2].strip(), line[3:]) for line in out.splitlines() if line.strip()]


def main() -> int:
    if _git("rev-parse", "--is-inside-work-tree").returncode != 0:
        print("check-figures: not a git work tree; nothing to compare")
        return 0
    problems = []
    for status, path in changed_figures():
        if status != "M":
            problems.append(f"{path}: {'new, not committed' if status == '??' else status}")
            continue
        committed = _git("show", f"HEAD:{path}").stdout
        current = (ROOT / path).read_text(encoding="utf-8")
        why = difference(committed, current)
        if why is None:
            _git("checkout", "--", path)  # noise: keep the committed bytes
        else:
            problems.append(f"{path}: {why}")
    if problems:
        print("figures differ from the committed ones (commit them or fix the code):")
        print("\n".join(f"  {p}" for p in problems))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
