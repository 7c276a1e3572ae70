"""Exports parsed with real parsers and checked against the registry (SPEC 4)."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import icalendar
import pytest

from handbook.exports import EXPORT_FIELDS, fold, safe_cell
from handbook.registry import check_text
from handbook.synthetic import dump, synthetic_registry
from tests.sitebuild import Build, built_site, registry_of

pytestmark = pytest.mark.build

ATOM = "{http://www.w3.org/2005/Atom}"
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
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return built_site(tmp_path_factory.mktemp("exports"), awkward_entries(), synthetic=5)


@pytest.fixture(scope="module")
def registry(site: Build):
    return registry_of(site)


def test_json_is_resources_with_pages(site: Build, registry) -> None:
    items = json.loads(site.text("resources.json"))["resources"]
    assert [i["id"] for i in items] == [r.id for r in registry.resources]
    awkward = next(i for i in items if i["id"] == "awkward-one")
    assert awkward["title"] == AWKWARD
    assert awkward["sessions"][0]["start"] == (TODAY + timedelta(days=30)).isoformat()
    assert list(awkward)[: len(EXPORT_FIELDS)] == list(EXPORT_FIELDS)


def test_csv_has_one_row_per_entry_and_survives_awkward_text(site: Build, registry) -> None:
    raw = (site.site / "resources.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM, so Excel reads non-Latin text"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [r["id"] for r in rows] == [r.id for r in registry.resources]
    awkward = next(r for r in rows if r["id"] == "awkward-one")
    resource = registry.by_id["awkward-one"]
    assert awkward["title"] == safe_cell(AWKWARD) == AWKWARD
    assert awkward["summary"] == resource.summary
    assert awkward["languages"] == "fr;el;zh;ar"
    assert awkward["aliases"] == "awkward-old-id"
    assert awkward["page"] == "resources/awkward-one/"
    assert awkward["sessions"].count(";") == 1, "two sessions, joined by ';'"


def test_csv_cells_cannot_start_a_formula(site: Build) -> None:
    rows = list(csv.DictReader(io.StringIO(site.text("resources.csv").lstrip("\ufeff"))))
    formula = next(r for r in rows if r["id"] == "formula-entry")
    assert formula["title"] == "'-2+3 is not a formula"
    assert formula["provider"] == "'@provider"
    assert formula["summary"] == "'=HYPERLINK(\"http://x\")"
    for row in rows:
        for value in row.values():
            assert not value or value[0] not in "=+-@\t\r", value


def test_atom_feed_is_valid_and_newest_first(site: Build, registry) -> None:
    root = ET.fromstring(site.text("feed.xml"))
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
    assert titles.index(AWKWARD) < titles.index("-2+3 is not a formula"), "added today, then yesterday"
    awkward = entries[titles.index(AWKWARD)]
    link = awkward.find(f"{ATOM}link[@rel='alternate']").get("href")
    assert link.endswith("/resources/awkward-one/")


def test_calendar_imports_and_lists_future_sessions_and_deadlines(site: Build, registry) -> None:
    calendar = icalendar.Calendar.from_ical(site.text("sessions.ics"))
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


def test_calendar_lines_are_crlf_and_folded_at_75_octets(site: Build) -> None:
    raw = (site.site / "sessions.ics").read_bytes()
    assert raw.endswith(b"\r\n")
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75, line
        line.decode("utf-8")  # never split inside a character


def test_fold_keeps_characters_whole() -> None:
    line = "SUMMARY:" + "网络外交" * 30
    folded = fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line


def test_upcoming_page_lists_future_dates_soonest_first(site: Build) -> None:
    rows = site.html("upcoming/").select(".hb-upcoming tbody tr")
    assert len(rows) == 2
    assert "Application deadline" in rows[0].get_text()
    assert AWKWARD in rows[1].get_text()
    assert "past" not in site.html("upcoming/").select_one(".hb-upcoming").get_text()


def test_upcoming_page_without_sessions_says_how_to_add_one(real_site: Build) -> None:
    text = real_site.html("upcoming/").select_one(".hb-upcoming").get_text(" ")
    assert "No upcoming session" in text or real_site.html("upcoming/").select("tbody tr")
    assert "sessions" in text or real_site.html("upcoming/").select("tbody tr")


def test_alias_page_sends_the_reader_to_the_entry(site: Build) -> None:
    page = site.html("resources/awkward-old-id/")
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
