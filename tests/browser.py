"""Drive the system Chromium with Playwright against a built site served on 127.0.0.1."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from handbook.workspace import LAUNCH_ARGS, RequestLog, serve_directory

__all__ = ["LAUNCH_ARGS", "RequestLog", "chromium_path", "serve_directory"]
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")


def chromium_path() -> str:
    """The system Chromium; skipped with a reason outside CI, a failure inside it."""
    for candidate in (os.environ.get("CHROMIUM"), *CHROMIUM_CANDIDATES, shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    if os.environ.get("CI") == "true":
        pytest.fail("Chromium not found at /usr/bin/chromium; .ci/run must install it")
    pytest.skip("browser tests need Chromium (Debian package 'chromium'); none found")


