"""/coverage/ and /coverage.json from a small registry whose counts are known."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from handbook.coverage import compute, gap_sentence
from handbook.registry import check_text
from handbook.render import Renderer, SiteOptions
from handbook.site import generated_files
from handbook.synthetic import TOPICS, dump
from tests.sitebuild import ROOT, Build

TODAY = "2026-11-01"


def entry(id_: str, kind: str, cost: str, languages: list[str], topics: list[str],
          **extra: object) -> dict:
    return {"id": id_, "title": f"Title {id_}", "kind": kind, "provider": "P",
            "url": f"https://example.org/{id_}", "summary": "S.", "topics": topics, "cost": cost,
            "languages": languages, "last_checked": TODAY,
            "sources": [{"url": f"https://example.org/{id_}"}], **extra}


SMALL = {
    "topics": [{"id": i, "title": t} for i, t in TOPICS]
    + [{"id": "outer-space", "title": "Outer space"}],
    "resources": [
        entry("c1", "course", "free", ["en", "fr"], ["norms"], level="introductory", hours=1),
        entry("c2", "course", "paid", ["en"], ["norms", "cbms"], level="advanced", hours=30,
              regions=["africa"]),
        entry("c3", "course", "free", ["ar"], ["cybercrime"], level="intermediate"),
        entry("t1", "tool", "unknown", ["en"], ["norms"]),
        entry("g1", "guide", "free", ["es"], ["attribution"], regions=["europe"]),
    ],
}


@pytest.fixture(scope="module")
def small_registry():
    registry, problems = check_text(dump(SMALL), "data/resources.yaml")
    assert registry is not None, problems
    return registry


def series(coverage, key):
    return {value: n for value, _, n in next(s for s in coverage.series if s.key == key).rows}


def test_counts_by_topic_cost_time_language_region(small_registry) -> None:
    c = compute(small_registry)
    assert (c.total, c.courses) == (5, 3)
    topics = series(c, "topic")
    assert topics["norms"] == 3 and topics["cbms"] == 1 and topics["attribution"] == 1
    assert topics["outer-space"] == 0 and topics["strategy"] == 0
    assert series(c, "cost") == {"free": 3, "paid": 1, "mixed": 0, "unknown": 1}
    assert series(c, "time") == {"2": 1, "8": 0, "40": 1, "more": 0, "unknown": 1}
    languages = series(c, "language")
    assert (languages["en"], languages["fr"], languages["ar"], languages["es"]) == (3, 1, 1, 1)
    assert languages["zh"] == 0 and languages["ru"] == 0
    assert series(c, "region") == {"global": 3, "africa": 1, "americas": 0, "asia-pacific": 0,
                                   "europe": 1, "middle-east": 0}


def test_matrices_have_known_and_empty_cells(small_registry) -> None:
    kinds, languages, levels = compute(small_registry).matrices
    assert kinds.count("norms", "course") == 2 and kinds.count("norms", "tool") == 1
    assert languages.count("norms", "en") == 3 and languages.count("norms", "zh") == 0
    assert languages.count("outer-space", "en") == 0
    assert levels.count("norms", "introductory") == 1 and levels.count("cbms", "advanced") == 1
    assert levels.count("cybercrime", "intermediate") == 1 and levels.count("norms", "intermediate") == 0


def test_findings_state_the_numbers_in_words(small_registry) -> None:
    c = compute(small_registry)
    findings = {s.key: s.finding for s in c.series}
    assert findings["cost"] == "3 of 5 entries (60%) are free; for 1 (20%) the cost is not known."
    assert findings["time"] == ("2 of 3 courses state the effort they ask; 1 of them can be done "
                                "in two hours or less.")
    assert findings["language"] == ("3 of 5 entries are available in English; none is listed in "
                                    "Chinese and Russian.")
    assert findings["region"] == ("3 entries are for a global audience; none is aimed at Americas, "
                                  "Asia-Pacific and Middle East.")
    assert "No entries yet" in findings["topic"] and "Outer space" in findings["topic"]
    assert gap_sentence(small_registry, "norms") == ("No free course on “Norms of responsible state "
                                               "behaviour” is offered in Arabic, Chinese, Russian or "
                                               "Spanish.")


def test_gaps_are_every_combination_without_a_free_course(small_registry) -> None:
    gaps = compute(small_registry).gaps
    assert len(gaps) == 13 * 6 * 3 - 3
    keys = {(g.topic, g.language, g.level) for g in gaps}
    assert ("norms", "en", "introductory") not in keys
    assert ("cybercrime", "ar", "intermediate") not in keys
    assert ("norms", "en", "advanced") in keys  # c2 is paid
    assert gaps[0].level == "introductory"
    assert gaps[0].language in ("zh", "ru", "es"), "languages with no free course come first"


@pytest.fixture(scope="module")
def renderer(small_registry) -> Renderer:
    return Renderer(small_registry, str(ROOT / "overrides" / "handbook"), SiteOptions())


@pytest.fixture(scope="module")
def coverage_page(renderer: Renderer) -> BeautifulSoup:
    """The /coverage/ page's generated part, as the build puts it in the page."""
    return BeautifulSoup(renderer.coverage("coverage.md"), "html.parser")


@pytest.fixture(scope="module")
def coverage_data(small_registry, renderer: Renderer) -> dict:
    return json.loads(generated_files(small_registry, renderer)["coverage.json"])


def table_counts(page: BeautifulSoup, chart: str) -> dict[str, int]:
    figure = page.select_one(f"#chart-{chart}")
    return {row.th.get_text(strip=True): int(row.td.get_text(strip=True))
            for row in figure.select("table tbody tr")}


def test_page_tables_hold_the_counts(coverage_page: BeautifulSoup) -> None:
    assert table_counts(coverage_page, "cost") == {"Free": 3, "Paid": 1, "Free to take, paid options": 0,
                                          "Cost not known": 1}
    topics = table_counts(coverage_page, "topic")
    assert topics["Norms of responsible state behaviour"] == 3 and topics["Outer space"] == 0
    matrix = coverage_page.select_one("#matrix-topic-language table")
    header = [th.get_text(strip=True) for th in matrix.select("thead th")]
    row = next(tr for tr in matrix.select("tbody tr") if "Norms" in tr.th.get_text())
    cells = dict(zip(header[1:], [td.get_text(" ", strip=True) for td in row.select("td")], strict=True))
    assert cells["English"] == "3" and cells["French"] == "1"
    assert "none" in cells["Chinese"] and "hb-heat--0" in row.select("td")[1]["class"]


def test_page_charts_are_accessible_svg(coverage_page: BeautifulSoup) -> None:
    page = coverage_page
    charts = page.select("figure.hb-chart svg[role=img]")
    assert len(charts) == 6, "five series and what we don't know yet"
    for svg in charts:
        assert svg.find("title").get_text(strip=True) and svg.find("desc").get_text(strip=True)
        assert set(svg["aria-labelledby"].split()) == {svg.find("title")["id"], svg.find("desc")["id"]}
    cost = page.select_one("#chart-cost")
    assert "3 of 5 entries (60%) are free" in cost.figcaption.get_text()
    assert not page.select("script")


def test_gaps_list_links_to_the_contribution_guide(coverage_page: BeautifulSoup) -> None:
    items = coverage_page.select(".hb-gaps li")
    assert 0 < len(items) <= 15
    assert all(li.find("a", string="Know one? Add it.")["href"] == "../contribute/" for li in items)
    assert "introductory" in items[0].get_text()


def test_coverage_json_has_the_same_numbers(coverage_data: dict) -> None:
    data = coverage_data
    assert data["total_entries"] == 5 and data["total_courses"] == 3
    charts = {c["key"]: c for c in data["charts"]}
    assert charts["cost"]["counts"] == {"free": 3, "paid": 1, "mixed": 0, "unknown": 1}
    assert charts["cost"]["finding"].startswith("3 of 5 entries")
    matrices = {m["key"]: m for m in data["matrices"]}
    assert matrices["topic-language"]["counts"]["norms"]["en"] == 3
    assert matrices["topic-language"]["counts"]["outer-space"]["zh"] == 0
    assert len(data["gaps"]) == 13 * 6 * 3 - 3


def test_real_coverage_page_weighs_little(real_site: Build) -> None:
    import gzip
    raw = (real_site.site / "coverage" / "index.html").read_bytes()
    assert len(gzip.compress(raw)) < 60 * 1024


def test_real_coverage_json_has_the_page_s_numbers(real_site: Build, real_registry) -> None:
    data = json.loads(real_site.text("coverage.json"))
    assert data["total_entries"] == len(real_registry.resources)
    total = " ".join(real_site.html("coverage/").select_one(".hb-coverage__total").get_text(" ").split())
    assert f"{data['total_entries']} entries" in total and f"{data['total_courses']} are courses" in total
