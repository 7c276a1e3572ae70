"""Exports parsed with real parsers and checked against the registry (SPEC 4)."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import icalendar
import pytest
from bs4 import BeautifulSoup

from handbook.exports import fold, safe_cell
from handbook.registry import check_text
from handbook.render import Renderer, SiteOptions
from handbook.synthetic import dump, synthetic_registry
from tests.sitebuild import ROOT, Build, built_site, registry_of

ATOM = "{http://www.w3.org/2005/Atom}"
# The registry fields of SPEC 3.2, in its order: the export's keys and columns.
SPEC_FIELDS = ("id", "title", "kind", "provider", "url", "summary", "topics", "cost", "cost_note",
               "hours", "duration_note", "format", "languages", "level", "audience", "regions",
               "year", "added", "last_checked", "eligibility", "sessions", "aliases", "related",
               "sources")
TODAY = date.today()
AWKWARD = 'Cours "avancé", droit; cyber\u2014ενότητα, 网络外交, دبلوماسية, =SUM(A1)'


def awkward_entries() -> list[dict]:
    base = synthetic_registry(1)["resources"][0]
    soon = TODAY + timedelta(days=30)
    return [
        base | {"id": "awkward-one", "title": AWKWARD, "provider": "Provider, with; punctuation",
                "summary": "Line one.\nLine two, with \"quotes\" and a comma.",
                "kind": "course", "added": TODAY, "languages": ["fr", "el", "zh", "ar"],
                "sessions": [{"start": soon, "end": soon + timedelta(days=4),
                              "deadline": soon - timedelta(days=10),
                              "note": "Room 3; bring ID, passport\nSecond line"},
                             {"start": TODAY - timedelta(days=60), "note": "past"}],
                "aliases": ["awkward-old-id"]},
        base | {"id": "formula-entry", "title": "-2+3 is not a formula", "provider": "@provider",
                "summary": "=HYPERLINK(\"http://x\")", "kind": "tool",
                "added": TODAY - timedelta(days=1)},
    ]


@pytest.fixture(scope="module")
def exports_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return built_site(tmp_path_factory.mktemp("exports"), awkward_entries(), synthetic=5)


@pytest.fixture(scope="module")
def exports_registry(exports_site: Build):
    return registry_of(exports_site)


def test_json_is_resources_with_pages(exports_site: Build, exports_registry) -> None:
    items = json.loads(exports_site.text("resources.json"))["resources"]
    assert [i["id"] for i in items] == [r.id for r in exports_registry.resources]
    awkward = next(i for i in items if i["id"] == "awkward-one")
    assert awkward["title"] == AWKWARD
    assert awkward["sessions"][0]["start"] == (TODAY + timedelta(days=30)).isoformat()
    assert list(awkward) == [*SPEC_FIELDS, "page"], "SPEC 3.2's fields in its order, then page"
    assert awkward["sources"] == [{"url": "https://example.org/resources/0", "seen": None, "covers": []}]


def test_csv_has_one_row_per_entry_and_survives_awkward_text(exports_site: Build, exports_registry) -> None:
    raw = (exports_site.site / "resources.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM, so Excel reads non-Latin text"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [r["id"] for r in rows] == [r.id for r in exports_registry.resources]
    awkward = next(r for r in rows if r["id"] == "awkward-one")
    resource = exports_registry.by_id["awkward-one"]
    assert awkward["title"] == safe_cell(AWKWARD) == AWKWARD
    assert awkward["summary"] == resource.summary
    assert awkward["languages"] == "fr;el;zh;ar"
    assert awkward["aliases"] == "awkward-old-id"
    assert awkward["page"] == ("https://cyber-diplomacy-handbook.github.io/handbook/"
                               "resources/awkward-one/"), "a spreadsheet needs the public address"
    assert awkward["sessions"].count(";") == 1, "two sessions, joined by ';'"


def test_csv_cells_cannot_start_a_formula(exports_site: Build) -> None:
    rows = list(csv.DictReader(io.StringIO(exports_site.text("resources.csv").lstrip("\ufeff"))))
    formula = next(r for r in rows if r["id"] == "formula-entry")
    assert formula["title"] == "'-2+3 is not a formula"
    assert formula["provider"] == "'@provider"
    assert formula["summary"] == "'=HYPERLINK(\"http://x\")"
    for row in rows:
        for value in row.values():
            assert not value or value[0] not in "=+-@\t\r", value


def test_atom_feed_is_valid_and_newest_first(exports_site: Build, exports_registry) -> None:
    root = ET.fromstring(exports_site.text("feed.xml"))
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{required}") is not None
    entries = root.findall(f"{ATOM}entry")
    assert entries
    published = [e.find(f"{ATOM}published").text for e in entries if e.find(f"{ATOM}published") is not None]
    assert published == sorted(published, reverse=True)
    first = entries[0]
    for required in ("id", "title", "updated", "summary"):
        assert first.find(f"{ATOM}{required}") is not None, required
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert len(entries) == min(100, sum(1 for r in exports_registry.resources if r.added))
    assert titles[0] == AWKWARD, "added today, and the lowest in the file: the newest"
    if "-2+3 is not a formula" in titles:  # added yesterday: after every entry of today
        assert titles.index("-2+3 is not a formula") > titles.index(AWKWARD)
    awkward = entries[titles.index(AWKWARD)]
    link = awkward.find(f"{ATOM}link[@rel='alternate']").get("href")
    assert link.endswith("/resources/awkward-one/")


def test_calendar_imports_and_lists_future_sessions_and_deadlines(exports_site: Build,
                                                                  exports_registry) -> None:
    calendar = icalendar.Calendar.from_ical(exports_site.text("sessions.ics"))
    assert calendar["VERSION"] == "2.0" and calendar.get("PRODID")
    events = [c for c in calendar.walk("VEVENT")]
    soon = TODAY + timedelta(days=30)
    mine = {str(e["UID"]): e for e in events if "awkward-one" in str(e["UID"])}
    assert len(mine) == 2, "the future session and its deadline; the past session dropped"
    session = next(e for uid, e in mine.items() if "-session-" in uid)
    deadline = next(e for uid, e in mine.items() if "-deadline-" in uid)
    assert str(session["SUMMARY"]) == AWKWARD
    assert session.decoded("DTSTART") == soon
    assert session.decoded("DTEND") == soon + timedelta(days=5)  # exclusive end of an all-day event
    assert deadline.decoded("DTSTART") == soon - timedelta(days=10)
    assert str(deadline["SUMMARY"]) == f"Application deadline: {AWKWARD}"
    description = str(session["DESCRIPTION"])
    assert "Room 3; bring ID, passport\nSecond line" in description
    assert str(session["URL"]).endswith("/resources/awkward-one/")


def test_calendar_lines_are_crlf_and_folded_at_75_octets(exports_site: Build) -> None:
    raw = (exports_site.site / "sessions.ics").read_bytes()
    assert raw.endswith(b"\r\n")
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75, line
        line.decode("utf-8")  # never split inside a character


def test_fold_keeps_characters_whole() -> None:
    line = "SUMMARY:" + "网络外交" * 30
    folded = fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line


def test_upcoming_page_lists_future_dates_soonest_first(exports_site: Build) -> None:
    rows = exports_site.html("upcoming/").select(".hb-upcoming tbody tr")
    mine = [row for row in rows if AWKWARD in row.get_text()]
    assert len(mine) == 2, "its deadline and its start; the past session is not listed"
    assert "Application deadline" in mine[0].get_text() and "Starts" in mine[1].get_text()
    days = [date.fromisoformat(row["data-day"]) for row in rows]
    assert days == sorted(days), "soonest first"
    assert not any("past" in row.get_text() for row in rows), "the past session is not listed"


def test_upcoming_without_sessions_says_so_and_how_to_find_one() -> None:
    registry, problems = check_text(dump(synthetic_registry(4)), "r.yaml")
    assert registry is not None, problems
    renderer = Renderer(registry, str(ROOT / "overrides" / "handbook"), SiteOptions())
    text = BeautifulSoup(renderer.upcoming("upcoming.md"), "html.parser").get_text(" ")
    assert "No session or application deadline ahead is known" in text
    assert "usually start at the same time" in text, "and where to look instead"


def test_alias_page_sends_the_reader_to_the_entry(exports_site: Build) -> None:
    page = exports_site.html("resources/awkward-old-id/")
    refresh = page.find("meta", attrs={"http-equiv": "refresh"})["content"]
    assert refresh == "0; url=../awkward-one/"
    assert page.find("a")["href"] == "../awkward-one/"


def test_exports_are_linked_from_home_and_catalogs(real_site: Build) -> None:
    for url in ("", "courses/", "tools/", "library/"):
        hrefs = {a.get("href") for a in real_site.html(url).select("article a")}
        prefix = "" if url == "" else "../"
        for export in ("resources.csv", "resources.json", "feed.xml", "sessions.ics"):
            assert prefix + export in hrefs, (url, export)


def test_synthetic_dump_round_trips() -> None:
    registry, problems = check_text(dump(synthetic_registry(3)), "x.yaml")
    assert problems == [] and registry is not None
