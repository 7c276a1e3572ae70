"""`mkdocs serve` keeps serving through a broken registry, shows why, and recovers."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from handbook.synthetic import synthetic_registry
from tests.sitebuild import copy_project, mkdocs_env, with_real

pytestmark = pytest.mark.build


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read().decode("utf-8")


def wait_for(condition: Callable[[], bool], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError("condition not met in time")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    project = copy_project(tmp_path, with_real(synthetic_registry(6)))
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env=mkdocs_env(), stdout=log, stderr=subprocess.STDOUT,
    )
    # `mkdocs serve` serves under the path of site_url (/handbook/).
    site_path = urlsplit(yaml.safe_load((project / "mkdocs.yml").read_text())["site_url"]).path
    base = f"http://127.0.0.1:{port}{site_path}"
    try:
        wait_for(lambda: fetch(base + "courses/")[0] == 200)
        yield project, base
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


def test_serve_keeps_serving_after_a_bad_edit_and_recovers(served: tuple[Path, str]) -> None:
    project, base = served
    registry = project / "data" / "resources.yaml"
    good = registry.read_text()
    assert "synthetic-course-0" in fetch(base + "courses/")[1]
    root = base.split("/handbook/")[0] + "/"
    assert "Cyber Diplomacy Handbook" in fetch(root)[1], "the server's root leads to the handbook"

    registry.write_text(good.replace("cost: free", "cost: cheap", 1))
    wait_for(lambda: "hb-registry-errors" in fetch(base + "courses/")[1])
    status, page = fetch(base + "courses/")
    assert status == 200
    assert "cost: &#39;cheap&#39; is not one of" in page or "cost: 'cheap' is not one of" in page
    assert "synthetic-course-0" in page, "the last good registry is still served"

    fixed = good.replace("Provider 0\n", "Provider Renamed\n", 1)
    registry.write_text(fixed)
    wait_for(lambda: "Provider Renamed" in fetch(base + "courses/")[1])
    assert "hb-registry-errors" not in fetch(base + "courses/")[1]
