"""`mkdocs serve` keeps serving through a broken registry, shows why, and recovers."""

from __future__ import annotations

import contextlib
import http.client
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from handbook.siteconfig import site_config
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


@contextmanager
def serving(project: Path, log_path: Path, ready: str = "courses/") -> Iterator[str]:
    """`mkdocs serve` of `project` on a free port; yields the base URL once `ready` answers."""
    port = free_port()
    log = log_path.open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env=mkdocs_env(), stdout=log, stderr=subprocess.STDOUT,
    )
    # `mkdocs serve` serves under the path of site_url (/handbook/).
    site_path = urlsplit(site_config(project)["site_url"]).path
    base = f"http://127.0.0.1:{port}{site_path}"
    try:
        wait_for(lambda: fetch(base + ready)[0] == 200)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    project = copy_project(tmp_path / "project", with_real(synthetic_registry(6)))
    with serving(project, tmp_path / "serve.log") as base:
        yield project, base


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


def test_requests_during_rebuilds_never_stall_an_edit(served: tuple[Path, str]) -> None:
    """The live-reload server logs a redirect or a 404 as a WARNING; with strict on, one
    landing during a rebuild used to abort it, and the edit never appeared."""
    project, base = served
    registry = project / "data" / "resources.yaml"
    address = urlsplit(base)
    stop = threading.Event()

    def keep_asking(path: str) -> None:
        # As a browser left open does: the redirect from / and a missing page, again and
        # again, never following the redirect (which would wait for the rebuild).
        while not stop.is_set():
            with contextlib.suppress(OSError):
                connection = http.client.HTTPConnection(address.hostname, address.port, timeout=5)
                connection.request("GET", path)
                connection.getresponse().read()
                connection.close()
            time.sleep(0.02)

    askers = [threading.Thread(target=keep_asking, args=(path,), daemon=True)
              for path in ("/", address.path + "no-such-page/")]
    for asker in askers:
        asker.start()
    try:
        text, shown = registry.read_text(), "Provider 0\n"
        for n in range(3):
            text, shown = text.replace(shown, f"Provider Edited {n}\n", 1), f"Provider Edited {n}\n"
            registry.write_text(text)
            wait_for(lambda n=n: f"Provider Edited {n}" in fetch(base + "courses/")[1], seconds=90)
    finally:
        stop.set()
        for asker in askers:
            asker.join(timeout=10)


def test_serve_started_on_a_broken_registry_shows_the_errors_then_the_fix(tmp_path: Path) -> None:
    good = with_real(synthetic_registry(6))
    broken = good.replace("cost: free", "cost: cheap", 1)
    broken = broken.replace("Provider 1\n", "Provider 1\n  colour: red\n", 1)
    project = copy_project(tmp_path / "project", broken)
    with serving(project, tmp_path / "serve.log") as base:
        page = fetch(base + "courses/")[1]
        assert "hb-registry-errors" in page
        assert "is not one of" in page and "unknown field" in page, "every error line is shown"
        assert 'id="synthetic-course-0"' in page, "the valid entries are previewed"
        assert 'id="synthetic-tool-1"' not in fetch(base + "tools/")[1], "the broken one is not"
        (project / "data" / "resources.yaml").write_text(good.replace("Provider 2\n", "Provider Fixed\n", 1))
        wait_for(lambda: "Provider Fixed" in fetch(base + "tools/")[1] + fetch(base + "library/")[1]
                 + fetch(base + "courses/")[1], seconds=90)
        assert "hb-registry-errors" not in fetch(base + "courses/")[1]
