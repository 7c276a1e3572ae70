"""`handbook links` and `handbook stale`: is every entry still where it says?

Links are checked with a timeout, a few retries and a bounded number of
requests at once; redirects are followed by hand so they can be reported.
"""

from __future__ import annotations

import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import date

from .records import Registry, Resource

USER_AGENT = "CyberDiplomacyHandbook-linkcheck/1.0 (+https://github.com/cyber-diplomacy-handbook)"
MAX_REDIRECTS = 5


@dataclass(frozen=True)
class LinkResult:
    resource_id: str
    url: str
    status: int | None  # the final HTTP status, None when no answer came
    final_url: str
    seconds: float
    error: str | None = None

    @property
    def broken(self) -> bool:
        return self.status is None or self.status >= 400

    @property
    def redirected(self) -> bool:
        return not self.broken and self.final_url != self.url


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # report redirects instead of following them silently


_opener = urllib.request.build_opener(_NoRedirect)


def check_url(resource_id: str, url: str, *, timeout: float = 15, retries: int = 2,
              backoff: float = 0.5) -> LinkResult:
    """Fetch `url` (following up to 5 redirects), retrying errors and 5xx answers after
    `backoff` seconds, doubling each time (at most 4 s)."""
    start = time.monotonic()
    status, final, error = None, url, None
    for attempt in range(retries + 1):
        if attempt:
            time.sleep(min(backoff * 2 ** (attempt - 1), 4))
        status, final, error = _fetch(url, timeout)
        if status is not None and status < 500:
            break
    return LinkResult(resource_id, url, status, final, time.monotonic() - start, error)


def _fetch(url: str, timeout: float) -> tuple[int | None, str, str | None]:
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        request = urllib.request.Request(current, headers={"User-Agent": USER_AGENT})
        try:
            with _opener.open(request, timeout=timeout) as response:
                response.read(1024)
                return response.status, current, None
        except urllib.error.HTTPError as answer:
            location = answer.headers.get("Location")
            if 300 <= answer.code < 400 and location:
                current = urllib.parse.urljoin(current, location)
                continue
            return answer.code, current, None
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as failure:
            reason = getattr(failure, "reason", failure)
            return None, current, str(reason) or type(failure).__name__
    return None, current, f"more than {MAX_REDIRECTS} redirects"


def check_links(resources: Iterable[Resource], *, workers: int = 8, timeout: float = 15,
                retries: int = 2, progress: Callable[[int, int], None] | None = None
                ) -> list[LinkResult]:
    """Check every entry's URL, at most `workers` at a time; results in registry order."""
    items = list(resources)
    results: dict[str, LinkResult] = {}
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = [pool.submit(check_url, r.id, r.url, timeout=timeout, retries=retries)
                   for r in items]
        for done, future in enumerate(as_completed(futures), 1):
            result = future.result()
            results[result.resource_id] = result
            if progress:
                progress(done, len(items))
    return [results[r.id] for r in items]


def report(results: list[LinkResult], slow_after: float) -> list[str]:
    """Lines for the reader: broken first, then redirected, then slow."""
    lines = []
    for r in results:
        if r.broken:
            why = f"HTTP {r.status}" if r.status else (r.error or "no answer")
            lines.append(f"BROKEN      {r.resource_id}: {r.url} ({why})")
    for r in results:
        if r.redirected:
            lines.append(f"REDIRECTED  {r.resource_id}: {r.url} -> {r.final_url}")
    for r in results:
        if not r.broken and r.seconds > slow_after:
            lines.append(f"SLOW        {r.resource_id}: {r.url} ({r.seconds:.1f} s)")
    return lines


def stale_entries(registry: Registry, months: int, today: date | None = None) -> list[Resource]:
    """Entries whose last check is older than `months` months, oldest first."""
    today = today or date.today()
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    day = min(today.day, 28)
    cutoff = date(year, month + 1, day)
    old = [r for r in registry.resources if r.last_checked < cutoff]
    return sorted(old, key=lambda r: r.last_checked)


def terminal_progress(done: int, total: int) -> None:
    sys.stderr.write(f"\rchecked {done}/{total} links")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()
