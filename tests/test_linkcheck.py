"""`handbook links` against a local server, and `handbook stale` (never the internet)."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from handbook.cli import main
from handbook.linkcheck import check_links, check_url, report, stale_entries
from handbook.registry import check_text
from tests.test_validation import BASE


class Handler(http.server.BaseHTTPRequestHandler):
    flaky_hits = 0

    def do_GET(self) -> None:
        if self.path == "/ok":
            self._answer(200)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
            self.end_headers()
        elif self.path == "/missing":
            self._answer(404)
        elif self.path == "/error":
            self._answer(500)
        elif self.path == "/flaky":
            Handler.flaky_hits += 1
            self._answer(503 if Handler.flaky_hits == 1 else 200)
        elif self.path == "/slow":
            time.sleep(2)
            self._answer(200)
        elif self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()

    def _answer(self, code: int) -> None:
        self.send_response(code)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_ok_link(server: str) -> None:
    result = check_url("a", f"{server}/ok", timeout=2, retries=0)
    assert result.status == 200 and not result.broken and not result.redirected


def test_redirect_is_followed_and_reported(server: str) -> None:
    result = check_url("a", f"{server}/moved", timeout=2, retries=0)
    assert result.status == 200 and result.redirected
    assert result.final_url == f"{server}/ok"


@pytest.mark.parametrize("path, status", [("/missing", 404), ("/error", 500)])
def test_http_errors_are_broken(server: str, path: str, status: int) -> None:
    result = check_url("a", server + path, timeout=2, retries=1, backoff=0.01)
    assert result.broken and result.status == status


def test_a_5xx_is_retried(server: str) -> None:
    Handler.flaky_hits = 0
    result = check_url("a", f"{server}/flaky", timeout=2, retries=2, backoff=0.01)
    assert result.status == 200 and Handler.flaky_hits == 2


def test_timeout_is_broken_and_bounded(server: str) -> None:
    """The page answers after 2 s: with a 0.2 s timeout the check gives up and says so
    (had it waited, the answer would be a 200)."""
    result = check_url("a", f"{server}/slow", timeout=0.2, retries=0)
    assert result.broken and result.status is None and "timed out" in (result.error or "")


def test_redirect_loop_is_broken(server: str) -> None:
    result = check_url("a", f"{server}/loop", timeout=2, retries=0)
    assert result.broken and "redirects" in (result.error or "")


def test_report_lists_broken_redirected_and_slow(server: str) -> None:
    text = BASE.replace("https://www.coe.int/en/web/cybercrime/the-budapest-convention",
                        f"{server}/moved").replace("https://example.org/a-70-174", f"{server}/missing")
    registry, problems = check_text(text, "r.yaml")
    assert registry is not None, problems
    results = check_links(registry.resources, workers=2, timeout=2, retries=0)
    lines = report(results, slow_after=0.0)
    assert lines[0] == f"BROKEN      un-gge-2015: {server}/missing (HTTP 404)"
    assert lines[1] == f"REDIRECTED  budapest-convention: {server}/moved -> {server}/ok"
    assert lines[2].startswith("SLOW        budapest-convention:")


def test_links_command_exits_1_on_a_broken_link(server: str, tmp_path: Path,
                                                capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "resources.yaml"
    text = BASE.replace("https://example.org/a-70-174", f"{server}/error")
    path.write_text(text.replace("https://www.coe.int/en/web/cybercrime/the-budapest-convention",
                                 f"{server}/ok"))
    assert main(["links", str(path), "--timeout", "2", "--retries", "0"]) == 1
    out = capsys.readouterr().out
    assert "BROKEN      un-gge-2015" in out and "2 links checked: 1 broken" in out
    assert "\r" not in out, "no progress bar outside a terminal"


def test_stale_lists_entries_older_than_n_months() -> None:
    registry, _ = check_text(BASE.replace("last_checked: 2026-11-20", "last_checked: 2025-10-01"),
                             "r.yaml", today=date(2026, 11, 27))
    assert registry is not None
    assert [r.id for r in stale_entries(registry, 12, today=date(2026, 11, 27))] == [
        "budapest-convention"]
    assert stale_entries(registry, 18, today=date(2026, 11, 27)) == []


def test_stale_command(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "resources.yaml"
    path.write_text(BASE.replace("last_checked: 2026-11-20", "last_checked: 2020-01-01"))
    assert main(["stale", str(path)]) == 0
    assert main(["stale", str(path), "--fail"]) == 1
    out = capsys.readouterr().out
    assert "2020-01-01  budapest-convention" in out
    assert "1 of 2 entries last checked more than 12 months ago" in out
