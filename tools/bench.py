"""``make bench``: measure the project's time budgets and print them next to the budget.

Budgets (2-core machine, after set-up): ``mkdocs build --strict`` (both languages) within 30 s;
one page's code within 20 s (a notebook within 60 s); the whole ``make test`` within 6 minutes.
These are measurements for the closing notes and CI logs, not pass/fail tests.

Usage: ``python tools/bench.py [--skip-suite] [--only SECTION ...]``
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_digits_cnn import TARGET_S as DIGITS_CNN_BUDGET_S  # tools/ is on sys.path

from sitetools.pages import page_pairs

ROOT = Path(__file__).resolve().parents[1]

PYTHON = sys.executable
BIN = Path(PYTHON).parent
ENV = {**os.environ, "MPLBACKEND": "Agg", "TF_CPP_MIN_LOG_LEVEL": "3", "NO_MKDOCS_2_WARNING": "1"}

BUILD_BUDGET_S = 30.0
PAGE_BUDGET_S = 20.0
NOTEBOOK_BUDGET_S = 60.0
SUITE_BUDGET_S = 360.0


def _row(label: str, seconds: float, budget: float) -> None:
    verdict = "ok" if seconds <= budget else "OVER BUDGET"
    print(f"  {label:<56}{seconds:>8.1f} s   budget {budget:>5.0f} s   {verdict}")


def _timed(command: list[str], **env: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        command,
        cwd=ROOT,
        env={**ENV, **env},
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def _build_both() -> float:
    """Seconds for `make build`'s two strict builds: zh into site/, en into site/en/."""
    zh = _timed([str(BIN / "mkdocs"), "build", "--strict"], DLREF_LOCALE="zh")
    en = _timed(
        [str(BIN / "mkdocs"), "build", "--strict", "--site-dir", "site/en"], DLREF_LOCALE="en"
    )
    return zh + en


def bench_build() -> None:
    print("Site build (mkdocs build --strict, one build per language, notebook outputs cached):")
    _build_both()  # warm the notebook cache
    _row("mkdocs build --strict, zh + en", _build_both(), BUILD_BUDGET_S)


def bench_pages() -> None:
    print("Each page's code, in a fresh interpreter (imports included):")
    pairs = page_pairs()
    slowest = 0.0
    for key in sorted(pairs):
        page = pairs[key]["zh"]
        if page.is_notebook:
            code = (
                "import time; from pathlib import Path; "
                "import tempfile; from sitetools import notebooks; from sitetools.pages import "
                f"Page, DOCS; nb = notebooks.load(Page(DOCS / {page.rel!r})); "
                "t = time.perf_counter(); d = tempfile.mkdtemp(); "
                "notebooks._run(nb, Path(d)); print(f'{time.perf_counter() - t:.2f}')"
            )
            budget, label = NOTEBOOK_BUDGET_S, f"{key} (notebook)"
        else:
            code = None
            budget, label = PAGE_BUDGET_S, key
        command = [PYTHON, "-c", code] if code else [PYTHON, "-m", "sitetools.run_page", page.rel]
        result = subprocess.run(
            command, cwd=ROOT, env=ENV, check=True, capture_output=True, text=True
        )
        seconds = float(result.stdout.strip().splitlines()[-1])
        slowest = max(slowest, seconds)
        _row(label, seconds, budget)
    print(f"  slowest page: {slowest:.1f} s over {len(pairs)} pages per language")


_RESOURCES_JS = """async () => {
  document.querySelectorAll('img').forEach(i => { i.loading = 'eager'; });
  await new Promise(r => setTimeout(r, 300));
  return [...performance.getEntriesByType('navigation'),
          ...performance.getEntriesByType('resource')].map(e => e.name);
}"""

# Text that a static host (GitHub Pages) sends gzip-compressed; fonts and images go as they are.
_COMPRESSED_SUFFIXES = {".html", ".css", ".js", ".svg", ".json", ".txt", ".xml"}


def _transfer_bytes(file: Path) -> tuple[int, int]:
    """(bytes on disk, bytes sent by a server that gzips text) for one file of the built site."""
    data = file.read_bytes()
    if file.suffix in _COMPRESSED_SUFFIXES:
        return len(data), len(gzip.compress(data, compresslevel=6, mtime=0))
    return len(data), len(data)


def _site_file(url: str, base: str) -> Path:
    """The file under site/ that the local server answered ``url`` with."""
    path = urllib.parse.unquote(urllib.parse.urlsplit(url).path)
    relative = path[len(urllib.parse.urlsplit(base).path) :]
    file = ROOT / "site" / relative
    return file / "index.html" if relative == "" or relative.endswith("/") else file


def bench_weight() -> None:
    """Bytes a first visit loads for each page (search index apart), raw and as served gzipped."""
    from playwright.sync_api import sync_playwright

    from sitetools.browser import CHROMIUM_FLAGS, chromium_executable, serve_site

    print("Page weight (first visit, all resources, search index counted apart):")
    executable = chromium_executable()
    if executable is None:
        print("  skipped: no system Chromium (make browser-deps)")
        return
    pairs = page_pairs()
    heaviest: dict[str, tuple[int, int, str]] = {}
    with serve_site() as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        for key in sorted(pairs):
            for lang in ("zh", "en"):
                page = browser.new_page()
                prefix = "" if lang == "zh" else "en/"
                page.goto(
                    base + prefix + ("" if key == "index" else key + "/"),
                    wait_until="networkidle",
                    timeout=30_000,
                )
                urls = {url for url in page.evaluate(_RESOURCES_JS) if url.startswith(base)}
                page.close()
                sizes = [
                    _transfer_bytes(_site_file(url, base))
                    for url in urls
                    if not url.endswith("search_index.json")
                ]
                raw, sent = sum(s[0] for s in sizes), sum(s[1] for s in sizes)
                if sent > heaviest.get(lang, (0, 0, ""))[1]:
                    heaviest[lang] = (raw, sent, key)
        browser.close()
    for lang, (raw, sent, key) in sorted(heaviest.items()):
        verdict = "ok" if sent <= 1_000_000 else "OVER BUDGET"
        print(
            f"  heaviest {lang} page: {key:<28}{sent / 1e6:>6.2f} MB gzipped "
            f"({raw / 1e6:.2f} MB raw)   budget 1 MB   {verdict}"
        )
    for lang, folder in (("zh", ROOT / "site"), ("en", ROOT / "site" / "en")):
        index = folder / "search" / "search_index.json"
        size, sent = _transfer_bytes(index)
        docs = len(json.loads(index.read_text(encoding="utf-8"))["docs"])
        print(
            f"  search index {lang}: {size / 1e6:.2f} MB raw ({sent / 1e6:.2f} MB gzipped), "
            f"{docs} entries   budget 3 MB raw   {'ok' if size <= 3_000_000 else 'OVER BUDGET'}"
        )


_LIBRARY_CODE = """
import sys, json
sys.path.insert(0, 'tools')
import importlib
rows = importlib.import_module(sys.argv[1]).run()
print(json.dumps([[label, a, b] for label, a, b in rows]))
"""


def _json_from(code: str, *args: str) -> Any:
    """Run ``code`` in a fresh interpreter and decode the JSON on its last line of output."""
    result = subprocess.run(
        [PYTHON, "-c", code, *args], cwd=ROOT, env=ENV, check=True, capture_output=True, text=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def bench_library() -> None:
    """dlref's own code next to the library it mirrors, and the digits CNN's training time."""
    print("Library (dlref from scratch vs the reference; each in a fresh interpreter):")
    for module in ("bench_mlp", "bench_conv", "bench_classic"):
        for label, ours, theirs in _json_from(_LIBRARY_CODE, module):
            print(f"  {label:<56}{ours:>9.4f} s vs {theirs:>9.4f} s   ratio {ours / theirs:>5.2f}x")
    for label, seconds, _ in _json_from(_LIBRARY_CODE, "bench_digits_cnn"):
        _row(label, seconds, DIGITS_CNN_BUDGET_S)


_GPU_CODE = """
import json, time
import keras
import numpy as np
from dlref.device import describe_devices

if not describe_devices().has_gpu:
    print(json.dumps(None))
    raise SystemExit
from dlref.data import load_digits
from dlref.recipes import small_cnn

def seconds(device, size, filters, epochs):
    import tensorflow as tf
    data = load_digits(0.2, image=True, upsample=size)
    keras.utils.set_random_seed(0)
    with tf.device(device):
        model = small_cnn(data.x_train.shape[1:], 10, filters=filters)
        model.compile(optimizer="adam", metrics=["accuracy"],
                      loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
        model.fit(data.x_train, data.y_train, epochs=1, batch_size=64, verbose=0)  # warm-up
        start = time.perf_counter()
        model.fit(data.x_train, data.y_train, epochs=epochs, batch_size=64, verbose=0)
        return time.perf_counter() - start

rows = []
for label, size, filters in (("digits CNN (16x16, 32-64 filters)", 16, (32, 64)),
                             ("larger CNN (64x64, 64-128-256 filters)", 64, (64, 128, 256))):
    rows.append([label, seconds("/CPU:0", size, filters, 3), seconds("/GPU:0", size, filters, 3)])
print(json.dumps(rows))
"""


def bench_gpu() -> None:
    """CPU vs GPU training time of the digits CNN and a larger CNN, when a GPU is visible."""
    print("GPU (3 epochs after a warm-up epoch, TensorFlow backend):")
    rows = _json_from(_GPU_CODE)
    if rows is None:
        print("  skipped: no GPU visible to the Keras backend on this machine")
        return
    for label, cpu, gpu in rows:
        print(f"  {label:<44} CPU {cpu:>7.2f} s  GPU {gpu:>7.2f} s  speed-up {cpu / gpu:>5.1f}x")


def bench_suite() -> None:
    print("The whole suite:")
    _row("make test", _timed(["make", "test"]), SUITE_BUDGET_S)


SECTIONS: dict[str, Callable[[], None]] = {
    "build": bench_build,
    "pages": bench_pages,
    "weight": bench_weight,
    "library": bench_library,
    "gpu": bench_gpu,
    "suite": bench_suite,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-suite", action="store_true", help="do not time `make test`")
    parser.add_argument("--only", nargs="+", choices=sorted(SECTIONS), help="sections to run")
    args = parser.parse_args()
    chosen = args.only or [s for s in SECTIONS if not (args.skip_suite and s == "suite")]
    print(f"dlref bench on {os.cpu_count()} CPU core(s)\n")
    for name in chosen:
        SECTIONS[name]()
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
