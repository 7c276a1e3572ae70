"""Copies of the project for builds in temporary folders, and a static server: what the
tests and the benchmarks share (development tooling, not part of the site).

Builds run MkDocs in a child process, so this module imports no MkDocs.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from .synthetic import dump

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "mkdocs-offline.yml", "docs", "overrides", "hooks", "includes",
                 "handbook", "data/templates", "data/published.txt", "editions")
# Chromium flags for a closed network: no background connections, no sandbox as root.
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def copy_project(dest: Path, registry_text: str | None = None) -> Path:
    """The site sources in `dest`, with the real registry or `registry_text`."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        (dest / part).parent.mkdir(parents=True, exist_ok=True)
        if not source.exists():
            continue
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / part)
    (dest / "data").mkdir(exist_ok=True)
    registry = registry_text if registry_text is not None else (
        ROOT / "data" / "resources.yaml").read_text(encoding="utf-8")
    (dest / "data" / "resources.yaml").write_text(registry, encoding="utf-8")
    return dest


def with_real(data: dict[str, Any]) -> str:
    """Registry text: the real registry plus `data`'s resources and any new topics.

    The hand-written pages name real entries (learning paths, links), so every
    test site starts from the real registry and adds what the test needs.
    """
    real = yaml.safe_load((ROOT / "data" / "resources.yaml").read_text(encoding="utf-8"))
    known = {t["id"] for t in real["topics"]}
    topics = real["topics"] + [t for t in data.get("topics", []) if t["id"] not in known]
    return dump({"topics": topics, "resources": real["resources"] + data["resources"]})


def mkdocs_env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def run_mkdocs(project: Path, site: Path, *extra_args: str, edition: str = "en"
               ) -> tuple[int, str]:
    """`mkdocs build --strict` in `project` (of one edition): exit code and output."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site), *extra_args],
        cwd=project, env={**mkdocs_env(), "HB_EDITION": edition}, capture_output=True, text=True,
        timeout=600,
    )
    return result.returncode, result.stdout + result.stderr


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
