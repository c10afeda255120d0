"""Run one page's code blocks in order, as the tests do, and print how long they took.

Usage: ``python -m sitetools.run_page basics/activations.zh.md`` (a path under docs/).
Used by ``make bench`` to time each page in a fresh interpreter, imports included.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time

from sitetools.codeblocks import RUNNABLE, blocks, reset_random_state, run_block
from sitetools.pages import DOCS, Page


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    page = Page(DOCS / argv[0])
    os.environ.setdefault("MPLBACKEND", "Agg")
    os.environ.setdefault("DLREF_FIGURE_DIR", str(DOCS / "assets" / "figures"))
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="dlref-page-") as workdir:
        os.chdir(workdir)
        for block in blocks(page):
            if block.syntax == RUNNABLE and not block.marks:
                reset_random_state(code=block.code)
                run_block(block.code, f"{page.rel}:{block.lineno}")
    print(f"{time.perf_counter() - start:.2f}", file=sys.__stdout__)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
