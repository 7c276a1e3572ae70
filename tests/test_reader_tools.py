"""The reader's tools on a phone, on a slow link and in Excel (issue: reader's tools)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

VIEWPORTS = {"phone": (390, 844), "desktop": (1366, 900)}


def open_page(browser: Any, url: str, viewport: tuple[int, int]) -> Any:
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]},
                                  accept_downloads=True)
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector(".hb-catalog[data-ready]")
    return page


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
@pytest.mark.parametrize("query", ["lang=fr", "cost=free"])
def test_count_and_first_result_show_without_scrolling(browser: Any, real_url: str,
                                                       viewport: tuple[int, int], query: str) -> None:
    page = open_page(browser, f"{real_url}courses/?{query}", viewport)
    height = viewport[1]
    status = page.locator(".hb-status").bounding_box()
    assert status is not None and status["y"] + status["height"] <= height, "the count is on screen"
    assert " of " in page.locator(".hb-status").inner_text()
    first = page.locator(".hb-card:not([hidden]) .hb-card__title").first.bounding_box()
    assert first is not None and first["y"] + first["height"] <= height, "the first result too"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport[0], "nothing runs off the side of the screen"
    page.context.close()


def test_a_filter_is_one_tap_away_and_says_how_many_it_shows(browser: Any, real_url: str) -> None:
    page = open_page(browser, f"{real_url}courses/", VIEWPORTS["phone"])
    assert not page.locator(".hb-facet__panel").first.is_visible(), "filters start closed"
    page.locator('.hb-facet[data-key="cost"] summary').click()
    page.check('input[name="cost"][value="free"]')
    show = page.locator('.hb-facet[data-key="cost"] .hb-show')
    count = page.locator(".hb-card:not([hidden])").count()
    assert show.inner_text() == f"Show {count} courses"
    assert show.bounding_box()["y"] < VIEWPORTS["phone"][1], "the button is on screen"
    show.click()
    assert not page.locator('.hb-facet[data-key="cost"] .hb-facet__panel').is_visible()
    assert "Cost: Free" in page.locator('.hb-facet[data-key="cost"] summary').inner_text()
    page.context.close()


def test_long_topic_names_stay_inside_the_panel_on_a_phone(browser: Any, real_url: str) -> None:
    page = open_page(browser, f"{real_url}courses/", VIEWPORTS["phone"])
    page.locator('.hb-facet[data-key="topic"] summary').click()
    panel = page.locator('.hb-facet[data-key="topic"] .hb-facet__panel').bounding_box()
    assert panel["x"] >= 0 and panel["x"] + panel["width"] <= VIEWPORTS["phone"][0]
    for label in page.locator('.hb-facet[data-key="topic"] label').all():
        box = label.bounding_box()
        assert box["x"] >= panel["x"] and box["x"] + box["width"] <= panel["x"] + panel["width"] + 1
    page.context.close()


def test_a_throttled_load_with_a_filter_does_not_jump(browser: Any, real_url: str) -> None:
    """Cumulative layout shift below 0.1 on a 400 kbit/s link, the filter in the address."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.add_init_script("""
        window.__cls = 0;
        new PerformanceObserver(list => {
          for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
        }).observe({type: 'layout-shift', buffered: true});""")
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": 150, "downloadThroughput": 400_000 / 8,
        "uploadThroughput": 400_000 / 8})
    page.goto(f"{real_url}courses/?lang=fr", wait_until="load", timeout=120_000)
    page.wait_for_selector(".hb-catalog[data-ready]")
    page.wait_for_timeout(500)
    shift = page.evaluate("window.__cls")
    context.close()
    assert shift < 0.1


def test_the_filtered_list_downloads_as_csv_with_exactly_the_visible_entries(
        browser: Any, real_url: str) -> None:
    page = open_page(browser, f"{real_url}courses/?lang=fr&cost=free", VIEWPORTS["desktop"])
    visible = page.eval_on_selector_all(".hb-card:not([hidden])", "els => els.map(e => e.id)")
    assert visible
    button = page.locator(".hb-download")
    assert button.inner_text() == f"Download these {len(visible)} courses (CSV)"
    with page.expect_download() as download:
        button.click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["id"] for row in rows] == visible
    assert all(row["cost"] == "Free" for row in rows), "labels, not codes"
    assert all("French" in row["languages"] for row in rows)
    assert all(row["entry page"].startswith("http") and row["link"].startswith("http") for row in rows)
    page.context.close()
