"""Serve the built site on 127.0.0.1 and drive it with Debian's Chromium through Playwright.

Nothing here downloads a browser: Playwright launches ``/usr/bin/chromium`` (or
``$DLREF_CHROMIUM``). The site is served under the path of ``site_url`` (e.g. ``/dlref/``), as
GitHub Pages and ``mkdocs serve`` do, by a thread in this process; stopping it is bounded.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from sitetools.pages import ROOT, site_url

SITE = ROOT / "site"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def site_path() -> str:
    """The path part of ``site_url`` in mkdocs.yml, e.g. ``/dlref/``."""
    return urlsplit(site_url()).path or "/"


def chromium_executable() -> str | None:
    """Path of the system Chromium, or None if it is not installed."""
    candidate = (
        os.environ.get("DLREF_CHROMIUM")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )
    return candidate if candidate and Path(candidate).exists() else None


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        return


@contextlib.contextmanager
def serve_site(site: Path = SITE) -> Iterator[str]:
    """Serve ``site`` under :func:`site_path` on a free loopback port; yield the base URL."""
    prefix = site_path().strip("/")
    with tempfile.TemporaryDirectory(prefix="dlref-serve-") as root:
        mount = Path(root, prefix) if prefix else Path(root, "site")
        mount.parent.mkdir(parents=True, exist_ok=True)
        mount.symlink_to(site.resolve(), target_is_directory=True)
        serve_root = root if prefix else str(mount)
        handler = functools.partial(_QuietHandler, directory=serve_root)
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True
        )
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/{prefix + '/' if prefix else ''}"
        finally:
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)
