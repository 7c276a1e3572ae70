"""Time applying a catalog filter in Chromium on a large course catalog.

    .venv/bin/python bench/filter_speed.py [ENTRIES]

Builds the real registry plus ENTRIES synthetic courses (default 5,000), serves
it on 127.0.0.1, and clicks filters on /courses/. Prints the median time of
the filter code (click to handler done) and of the whole update (click to the
next painted frame). `bench/run.py` uses `filter_times` on its own build.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from handbook.synthetic import synthetic_registry
from handbook.workspace import (
    LAUNCH_ARGS,
    RequestLog,
    copy_project,
    run_mkdocs,
    serve_directory,
    with_real,
)

CLICKS = ('input[name="cost"][value="free"]', 'input[name="hours"][value="8"]',
          'input[name="lang"][value="fr"]', 'input[name="topic"][value="norms"]')

MEASURE = """async (selector) => {
  const box = document.querySelector(selector);
  const start = performance.now();
  box.click();
  const script = performance.now() - start;
  await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  return [script, performance.now() - start];
}"""


def filter_times(site: Path, rounds: int = 6) -> tuple[float, float, int]:
    """(median ms of the filter code, median ms to the next frame, cards on /courses/)."""
    from playwright.sync_api import sync_playwright

    with serve_directory(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=LAUNCH_ARGS)
        page = browser.new_page()
        page.goto(url + "courses/")
        page.wait_for_selector(".hb-filters:not([hidden])")
        cards = page.locator(".hb-card").count()
        scripts, frames = [], []
        for round_ in range(rounds):
            for selector in CLICKS:
                script, frame = page.evaluate(MEASURE, selector)
                if round_:  # the first round warms up the JIT
                    scripts.append(script)
                    frames.append(frame)
        browser.close()
    return statistics.median(scripts), statistics.median(frames), cards


def home_requests(site: Path) -> list[str]:
    """Requests the home page makes to any host but its own."""
    from playwright.sync_api import sync_playwright

    with serve_directory(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=LAUNCH_ARGS)
        page = browser.new_page()
        log = RequestLog(url)
        page.on("request", lambda request: log.urls.append(request.url))
        page.goto(url, wait_until="networkidle")
        browser.close()
    return log.outside()


def main() -> None:
    entries = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp), with_real(synthetic_registry(entries, kind="course")))
        code, output = run_mkdocs(project, project / "site")
        if code != 0:
            raise SystemExit(output)
        script, frame, cards = filter_times(project / "site")
    print(f"catalog of {cards} courses: filter code {script:.1f} ms, "
          f"click to next frame {frame:.1f} ms (median of {5 * len(CLICKS)} clicks)")


if __name__ == "__main__":
    main()
