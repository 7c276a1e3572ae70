"""Drive the system Chromium with Playwright against a built site served on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str:
    """The system Chromium; skipped with a reason outside CI, a failure inside it."""
    for candidate in (os.environ.get("CHROMIUM"), *CHROMIUM_CANDIDATES, shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    if os.environ.get("CI") == "true":
        pytest.fail("Chromium not found at /usr/bin/chromium; .ci/run must install it")
    pytest.skip("browser tests need Chromium (Debian package 'chromium'); none found")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve_directory(root: Path) -> Iterator[str]:
    """A static server for `root` on a free 127.0.0.1 port; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class RequestLog:
    """Every request the pages made, to prove none left the reader's machine."""

    allowed_origin: str
    urls: list[str] = field(default_factory=list)

    def outside(self) -> list[str]:
        allowed = urlsplit(self.allowed_origin)
        return [u for u in self.urls
                if not u.startswith(("data:", "blob:", "about:"))
                and (urlsplit(u).scheme, urlsplit(u).netloc) != (allowed.scheme, allowed.netloc)
                and not (allowed.scheme == "file" and u.startswith("file:"))]
