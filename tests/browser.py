"""Drive the system Chromium with Playwright against a built site served on 127.0.0.1."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from handbook.workspace import LAUNCH_ARGS, RequestLog, serve_directory

__all__ = ["LAUNCH_ARGS", "RequestLog", "chromium_path", "serve_directory", "watched_page"]
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")


def chromium_path() -> str:
    """The system Chromium; skipped with a reason outside CI, a failure inside it."""
    for candidate in (os.environ.get("CHROMIUM"), *CHROMIUM_CANDIDATES, shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    if os.environ.get("CI") == "true":
        pytest.fail("Chromium not found at /usr/bin/chromium; .ci/run must install it")
    pytest.skip("browser tests need Chromium (Debian package 'chromium'); none found")




@contextmanager
def watched_page(browser: Any, origin: str, allowed: tuple[str, ...] = ()) -> Iterator[Any]:
    """A new page whose every request is recorded; on leaving, none may have gone to a
    host other than `origin` (or the `allowed` prefixes): readers are not tracked."""
    context = browser.new_context()
    page = context.new_page()
    page.request_log = RequestLog(origin)
    page.on("request", lambda request: page.request_log.urls.append(request.url))
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    outside = [url for url in page.request_log.outside() if not url.startswith(allowed)]
    context.close()
    assert outside == [], f"a page asked another host than its own (SPEC 4, privacy): {outside}"
