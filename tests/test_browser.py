"""Browser tests: the real Chromium against a built site (SPEC 4)."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from handbook.synthetic import synthetic_registry
from handbook.vocabulary import catalog_kinds
from tests.browser import serve_directory, watched_page
from tests.sitebuild import Build, build, copy_project, with_real

pytestmark = [pytest.mark.browser, pytest.mark.timeout(600)]

HOSTILE = "<script>alert(1)</script> <img src=x onerror=alert(2)> {{ 7*7 }} **Zanzibarish**"
HOSTILE_ENTRY = {
    "id": "hostile-entry", "title": f"Hostile {HOSTILE}", "kind": "course",
    "provider": f"Provider {HOSTILE}", "url": "https://example.org/?a=<b>&c='d'",
    "summary": f"Summary {HOSTILE} [x](javascript:alert(3))", "topics": ["norms"],
    "cost": "free", "hours": 1, "languages": ["en"],
    "sources": [{"url": "https://example.org/?a=<b>&c='d'", "covers": ["cost", "hours"]}],
}

AXE = Path(__import__("axe_playwright_python").__file__).with_name("axe.min.js")


@pytest.fixture(scope="module")
def filter_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real registry, 120 synthetic entries that vary every filtered field, one hostile."""
    data = synthetic_registry(120)
    data["resources"].append(HOSTILE_ENTRY | {"last_checked": data["resources"][0]["last_checked"]})
    result = build(copy_project(tmp_path_factory.mktemp("filters"), with_real(data)))
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="module")
def site_url(filter_site: Build) -> Iterator[str]:
    with serve_directory(filter_site.site) as url:
        yield url


@pytest.fixture
def page(browser: Any, site_url: str) -> Iterator[Any]:
    with watched_page(browser, site_url) as page:
        yield page


# ---------------------------------------------------------------- the spec's filter, in Python


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def spec_match(item: dict[str, Any], query: dict[str, list[str]]) -> bool:
    """SPEC 4: values of one key OR-ed, keys AND-ed."""
    for key, values in query.items():
        if key == "q":
            haystack = fold(" ".join([item["title"], item["provider"], item["summary"],
                                      *item["topics"]]))
            if not all(word in haystack for word in fold(" ".join(values)).split()):
                return False
        elif key == "hours":
            limit = max(float(v) for v in values)
            if item["hours"] is None or item["hours"] > limit:
                return False
        elif key == "region":
            if "global" not in item["regions"] and not set(values) & set(item["regions"]):
                return False
        elif key in ("lang", "topic"):
            field = {"lang": "languages", "topic": "topics"}[key]
            if not set(values) & set(item[field]):
                return False
        elif item[key] not in values:
            return False
    return True


def parse(query: str) -> dict[str, list[str]]:
    parsed = parse_qs(query.lstrip("?"))
    return {k: [v for value in vs for v in value.split(",")] for k, vs in parsed.items()}


def visible_ids(page: Any) -> list[str]:
    """The entries the catalog shows, in its order (current editions first)."""
    return page.eval_on_selector_all(".hb-card:not([hidden])", "els => els.map(e => e.id)")


def wait_ready(page: Any) -> None:
    page.wait_for_selector(".hb-catalog[data-ready]")


def pick(page: Any, key: str, value: str) -> None:
    """Tick a filter value as a reader does: open its filter, tick the box."""
    facet = page.locator(f'.hb-facet[data-key="{key}"]')
    if not facet.evaluate("el => el.open"):
        facet.locator("summary").click()
    page.check(f'input[name="{key}"][value="{value}"]')


def catalog_items(site: Build, kinds: set[str]) -> list[dict[str, Any]]:
    items = json.loads(site.text("resources.json"))["resources"]
    return [i for i in items if i["kind"] in kinds]


COURSE_QUERIES = [
    "cost=free", "cost=free,paid", "cost=unknown", "hours=2", "hours=8", "hours=40",
    "hours=2,40", "hours=1.5", "format=self-paced", "format=in-person,blended",
    "lang=fr", "lang=fr,ar", "lang=zh", "level=introductory", "level=intermediate,advanced",
    "topic=norms", "topic=norms,cbms", "region=africa", "region=europe,americas",
    "q=sanctions", "q=treaty%20review", "q=internet%20governance",
    "cost=free&hours=40&lang=en", "cost=free,mixed&level=introductory&topic=norms",
    "hours=40&format=self-paced&region=asia-pacific",
    "cost=free&hours=2&format=self-paced&lang=fr&level=introductory&topic=norms&region=africa",
]


@pytest.mark.parametrize("query", COURSE_QUERIES)
def test_course_filter_shows_exactly_the_matching_entries(page: Any, site_url: str,
                                                         filter_site: Build, query: str) -> None:
    items = catalog_items(filter_site, {"course"})
    expected = [i["id"] for i in items if spec_match(i, parse(query))]
    page.goto(f"{site_url}courses/?{query}")
    wait_ready(page)
    assert sorted(visible_ids(page)) == sorted(expected)
    status = page.locator(".hb-status").inner_text()
    assert status == f"{len(expected)} of {len(items)} course{'s' if len(items) != 1 else ''}"
    assert page.locator(".hb-nomatch").is_visible() == (not expected)


@pytest.mark.parametrize("catalog, kinds, query", [
    ("tools", {"tool"}, "cost=free&topic=attribution"),
    ("library", set(catalog_kinds("library")), "q=budapest"),
    ("library", set(catalog_kinds("library")), "cost=free&lang=en,fr"),
])
def test_other_catalogs_filter_too(page: Any, site_url: str, filter_site: Build,
                                   catalog: str, kinds: set[str], query: str) -> None:
    expected = [i["id"] for i in catalog_items(filter_site, kinds) if spec_match(i, parse(query))]
    assert expected, "the case must select something"
    page.goto(f"{site_url}{catalog}/?{query}")
    wait_ready(page)
    assert sorted(visible_ids(page)) == sorted(expected)


def test_clicks_update_the_url_and_the_url_restores_the_view(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}courses/")
    wait_ready(page)
    assert page.locator(".hb-status").inner_text().startswith("All ")
    pick(page, "cost", "free")
    pick(page, "hours", "40")
    pick(page, "topic", "norms")
    pick(page, "topic", "cbms")
    assert urlsplit(page.url).query == "cost=free&hours=40&topic=norms,cbms"
    shown = visible_ids(page)
    page.goto(page.url)
    wait_ready(page)
    assert visible_ids(page) == shown
    assert page.is_checked('input[name="topic"][value="cbms"]')
    assert page.is_checked('input[name="hours"][value="40"]')
    page.click(".hb-reset")
    assert urlsplit(page.url).query == ""
    assert page.locator(".hb-status").inner_text().startswith("All ")


def test_text_search_box_filters_and_lands_in_the_url(page: Any, site_url: str,
                                                      filter_site: Build) -> None:
    page.goto(f"{site_url}courses/")
    wait_ready(page)
    page.locator('input[name="q"]').press_sequentially("sanctions")
    expected = [i["id"] for i in catalog_items(filter_site, {"course"})
                if spec_match(i, {"q": ["sanctions"]})]
    page.wait_for_function("document.location.search === '?q=sanctions'")
    assert sorted(visible_ids(page)) == sorted(expected)


def test_counts_per_value_follow_the_other_filters(page: Any, site_url: str,
                                                   filter_site: Build) -> None:
    page.goto(f"{site_url}courses/?lang=fr")
    wait_ready(page)
    items = catalog_items(filter_site, {"course"})
    for cost in ("free", "paid", "mixed", "unknown"):
        selector = f'.hb-facet[data-key="cost"] .hb-n[data-value="{cost}"]'
        if page.locator(selector).count():
            expected = sum(1 for i in items if spec_match(i, {"lang": ["fr"], "cost": [cost]}))
            assert page.locator(selector).text_content() == f"({expected})"


def test_no_match_says_what_to_widen_and_widening_works(page: Any, site_url: str,
                                                        filter_site: Build) -> None:
    page.goto(f"{site_url}courses/?cost=paid&hours=1&lang=zh")
    wait_ready(page)
    assert visible_ids(page) == []
    box = page.locator(".hb-nomatch")
    assert box.is_visible()
    options = box.locator("button.hb-widen")
    texts = options.all_inner_texts()
    assert any(text.startswith("remove cost: Paid") for text in texts)
    assert texts[-1].startswith("reset all filters")
    box.locator('button.hb-widen[data-key="hours"]').click()
    expected = [i["id"] for i in catalog_items(filter_site, {"course"})
                if spec_match(i, {"cost": ["paid"], "lang": ["zh"]})]
    assert sorted(visible_ids(page)) == sorted(expected)
    assert "hours" not in page.url


def test_catalog_without_javascript_lists_everything(browser: Any, site_url: str,
                                                    filter_site: Build) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}courses/?cost=free")
    assert len(visible_ids(page)) == len(catalog_items(filter_site, {"course"}))
    assert not page.locator(".hb-filters").is_visible()
    context.close()


def test_entry_anchor_on_a_catalog_points_at_its_card(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}courses/#elements-of-ai")
    assert page.locator("#elements-of-ai").is_visible()
    title = page.locator("#elements-of-ai .hb-card__title").inner_text()
    assert title == "Elements of AI (Introduction to AI)"


# ---------------------------------------------------------------- search


def search(page: Any, site_url: str, query: str) -> list[str]:
    page.goto(site_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially(query, delay=30)
    page.wait_for_selector(".md-search-result__item", timeout=20000)
    return page.eval_on_selector_all(".md-search-result__item > a",
                                     "els => els.map(e => e.getAttribute('href'))")


def test_search_finds_an_entry_by_a_word_of_its_summary(page: Any, site_url: str) -> None:
    hrefs = search(page, site_url, "harmonises")
    assert any("resources/budapest-convention/" in h for h in hrefs)


def test_search_ranks_the_entry_page_above_pages_that_mention_it(page: Any, site_url: str) -> None:
    hrefs = search(page, site_url, "Budapest Convention")
    assert "resources/budapest-convention/" in hrefs[0]


def test_search_finds_entries_by_provider_and_topic_name(page: Any, site_url: str) -> None:
    assert any("resources/" in h for h in search(page, site_url, "DiploFoundation"))
    hrefs = search(page, site_url, "Confidence-building measures")
    assert any("resources/" in h for h in hrefs)


# ---------------------------------------------------------------- entry pages


def test_copy_link_button_copies_the_entry_address(browser: Any, site_url: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{site_url}resources/budapest-convention/")
    page.click("button.hb-copy-link")
    page.wait_for_function("document.querySelector('.hb-copy-status').textContent.length > 0")
    copied = page.evaluate("navigator.clipboard.readText()")
    # The canonical, public address: the one to paste into a briefing.
    assert copied == "https://cyber-diplomacy-handbook.github.io/handbook/resources/budapest-convention/"
    context.close()


def test_heading_permalinks_copy_the_section_address(browser: Any, site_url: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{site_url}topics/norms/")
    link = page.locator("h2#open-debates a.headerlink")
    link.click()
    page.wait_for_function("navigator.clipboard.readText().then(t => t.length > 0)")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == "https://cyber-diplomacy-handbook.github.io/handbook/topics/norms/#open-debates"
    context.close()


# ---------------------------------------------------------------- accessibility


@pytest.mark.parametrize("path", ["", "topics/norms/", "courses/", "resources/budapest-convention/",
                                  "glossary/", "coverage/", "upcoming/"])
def test_axe_finds_no_serious_or_critical_violation(page: Any, site_url: str, path: str) -> None:
    page.goto(site_url + path)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    bad = [f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
           for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == []


# ---------------------------------------------------------------- privacy


def test_no_page_asks_another_host(page: Any, site_url: str) -> None:
    for path in ("", "courses/?cost=free", "tools/", "library/", "topics/cybercrime/",
                 "glossary/", "about/", "contribute/", "upcoming/", "coverage/",
                 "resources/elements-of-ai/",
                 "resources/budapest-convention/", "404.html"):
        page.goto(site_url + path, wait_until="networkidle")
    search(page, site_url, "norms")
    assert len(page.request_log.urls) > 10
    assert page.request_log.outside() == []


# ---------------------------------------------------------------- hostile text


def test_hostile_entry_text_runs_nowhere(page: Any, site_url: str) -> None:
    for path in ("courses/", "courses/?q=zanzibarish", "topics/norms/", "resources/hostile-entry/"):
        page.goto(site_url + path, wait_until="load")
        page.wait_for_timeout(200)
        # textContent: off-screen cards are not rendered yet (content-visibility), but
        # their text is there, as text nodes, not parsed as HTML.
        assert HOSTILE in page.locator("article.md-content__inner").text_content(), path
    hrefs = search(page, site_url, "Zanzibarish")
    assert any("resources/hostile-entry/" in h for h in hrefs)
    page.wait_for_timeout(300)
    results = page.locator(".md-search-result").inner_text()
    assert "Zanzibarish" in results
    assert page.dialogs == []
    assert page.locator("img[src='x']").count() == 0


def test_other_query_parameters_survive_filtering(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}courses/?h=diplomacy&cost=free")
    wait_ready(page)
    pick(page, "lang", "fr")
    assert urlsplit(page.url).query == "cost=free&lang=fr&h=diplomacy"


@pytest.mark.parametrize("path", ["", "courses/?cost=free", "resources/budapest-convention/",
                                  "coverage/"])
def test_axe_in_the_dark_scheme_too(browser: Any, site_url: str, path: str) -> None:
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(site_url + path)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    bad = [f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
           for v in result["violations"] if v["impact"] in ("serious", "critical")]
    context.close()
    assert bad == []
