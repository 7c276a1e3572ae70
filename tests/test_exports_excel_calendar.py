"""The Excel workbook, absolute CSV links and the calendar (issue 15): what a reader opens in
Excel or Outlook, checked with openpyxl and icalendar against the registry."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from datetime import date, timedelta
from typing import Any

import icalendar
import openpyxl
from bs4 import BeautifulSoup
from openpyxl.utils import range_boundaries

from handbook import vocabulary as v
from handbook.exports import resources_xlsx
from handbook.records import Registry
from handbook.registry import check_text
from handbook.render import Renderer, SiteOptions
from handbook.site import generated_files
from handbook.synthetic import TOPICS, dump
from tests.sitebuild import ROOT, Build, registry_of

TEMPLATES = str(ROOT / "overrides" / "handbook")
TODAY = date.today()
SITE = "https://example.org/handbook/"
SHEETS = {"Courses": lambda kind: kind == "course", "Tools": lambda kind: kind == "tool",
          "Library": lambda kind: kind not in ("course", "tool")}


def entry(id_: str, kind: str = "course", **extra: Any) -> dict[str, Any]:
    return {"id": id_, "title": f"Title of {id_}", "kind": kind, "provider": f"Provider of {id_}",
            "url": f"https://example.org/{id_}", "summary": f"Summary of {id_}.",
            "topics": ["norms"], "cost": "free", "languages": ["en"], "last_checked": TODAY,
            "sources": [{"url": f"https://example.org/{id_}"}], **extra}


def registry_from(resources: list[dict[str, Any]]) -> Registry:
    data = {"topics": [{"id": i, "title": t} for i, t in TOPICS], "resources": resources}
    registry, problems = check_text(dump(data), "data/resources.yaml")
    assert registry is not None, [str(p) for p in problems]
    return registry


def site_url(site: Build) -> str:
    text = (site.project / "mkdocs.yml").read_text(encoding="utf-8")
    return re.search(r"^site_url:\s*(\S+)", text, re.M)[1]


def page_address(base: str, entry_id: str) -> str:
    return base.rstrip("/") + f"/resources/{entry_id}/"


# ---------------------------------------------------------------- resources.xlsx


def workbook_rows(sheet: Any) -> tuple[list[str], list[dict[str, Any]]]:
    headers = [cell.value for cell in sheet[1]]
    rows = [dict(zip(headers, row, strict=True)) for row in sheet.iter_rows(min_row=2)]
    return headers, rows


def test_workbook_has_a_sheet_per_catalog_with_exactly_its_entries(real_site: Build) -> None:
    registry = registry_of(real_site)
    base = site_url(real_site)
    book = openpyxl.load_workbook(real_site.site / "resources.xlsx")
    assert set(book.sheetnames) == set(SHEETS), book.sheetnames
    for name, belongs in SHEETS.items():
        sheet = book[name]
        headers, rows = workbook_rows(sheet)
        assert {"Title", "Entry page", "Link"} <= set(headers), headers
        ids = []
        for row in rows:
            assert row["Entry page"].hyperlink is not None, f"{name}: {row['Title'].value} has no link"
            target = row["Entry page"].hyperlink.target
            match = re.fullmatch(re.escape(base.rstrip("/")) + r"/resources/([^/]+)/", target)
            assert match, f"{name}: entry page link {target!r} is not the public address"
            ids.append(match[1])
            resource = registry.by_id[match[1]]
            assert row["Title"].value == resource.title
            assert row["Link"].hyperlink.target == resource.url
            for column in ("Entry page", "Link"):
                assert re.match(r"https?://", row[column].hyperlink.target), (name, column)
        expected = [r.id for r in registry.resources if belongs(r.kind)]
        assert Counter(ids) == Counter(expected), f"{name}: exactly the entries of its kinds"
        assert expected, name


def test_workbook_header_is_bold_and_filterable(real_site: Build) -> None:
    book = openpyxl.load_workbook(real_site.site / "resources.xlsx")
    for name in SHEETS:
        sheet = book[name]
        assert all(cell.font.b for cell in sheet[1] if cell.value), f"{name}: header not bold"
        assert sheet.auto_filter.ref, f"{name}: no filter on the header row"
        min_col, min_row, max_col, max_row = range_boundaries(sheet.auto_filter.ref)
        width = sum(1 for cell in sheet[1] if cell.value)
        assert (min_col, min_row, max_col, max_row) == (1, 1, width, sheet.max_row), (
            f"{name}: the filter covers {sheet.auto_filter.ref}")


def test_workbook_cells_hold_labels_not_codes(real_site: Build) -> None:
    registry = registry_of(real_site)
    book = openpyxl.load_workbook(real_site.site / "resources.xlsx")
    seen_formats, seen_multilingual = set(), False
    for name in SHEETS:
        _, rows = workbook_rows(book[name])
        for row in rows:
            entry_id = row["Entry page"].hyperlink.target.rstrip("/").rsplit("/", 1)[1]
            r = registry.by_id[entry_id]
            assert row["Kind"].value == v.KINDS[r.kind], entry_id
            assert row["Cost"].value == v.COSTS[r.cost], entry_id
            assert (row["Format"].value or None) == (v.FORMATS[r.format] if r.format else None), entry_id
            assert (row["Level"].value or None) == (v.LEVELS[r.level] if r.level else None), entry_id
            languages = ", ".join(v.LANGUAGES[code] for code in r.languages)
            assert row["Languages"].value == languages, entry_id
            seen_formats.add(row["Format"].value)
            seen_multilingual |= "," in languages
    assert v.FORMATS["scheduled-online"] in seen_formats and seen_multilingual
    assert not seen_formats & set(v.FORMATS), "codes such as 'scheduled-online' never show"


def test_a_title_that_starts_with_equals_stays_text() -> None:
    registry = registry_from([
        entry("formula-title", title="=1+2", provider='=HYPERLINK("https://evil.example/")',
              cost="paid", cost_note="+44 fee, @ the door", format="scheduled-online",
              languages=["en", "fr"]),
    ])
    book = openpyxl.load_workbook(io.BytesIO(resources_xlsx(registry, SITE)))
    _, rows = workbook_rows(book["Courses"])
    assert len(rows) == 1
    row = rows[0]
    for column, text in (("Title", "=1+2"), ("Provider", '=HYPERLINK("https://evil.example/")'),
                         ("About the cost", "+44 fee, @ the door")):
        assert row[column].value == text, column
        assert row[column].data_type == "s", f"{column}: {text!r} must stay text, not a formula"
    assert row["Format"].value == "Scheduled online"
    assert row["Languages"].value == "English, French"
    assert row["Entry page"].hyperlink.target == SITE + "resources/formula-title/"
    for other in ("Tools", "Library"):
        assert workbook_rows(book[other])[1] == [], other


# ---------------------------------------------------------------- resources.csv


def test_csv_page_column_holds_public_addresses(real_site: Build) -> None:
    base = site_url(real_site)
    assert base.startswith(("https://", "http://"))
    rows = list(csv.DictReader(io.StringIO(real_site.text("resources.csv").lstrip("\ufeff"), newline="")))
    assert [r["id"] for r in rows] == [r.id for r in registry_of(real_site).resources]
    for row in rows:
        assert row["page"] == page_address(base, row["id"]), row["page"]


# ---------------------------------------------------------------- sessions.ics


def test_no_session_ahead_means_no_calendar_and_a_page_that_says_so() -> None:
    registry = registry_from([
        entry("past-course", sessions=[{"start": TODAY - timedelta(days=90),
                                        "deadline": TODAY - timedelta(days=120)}]),
        entry("undated-course"),
    ])
    renderer = Renderer(registry, TEMPLATES, SiteOptions(site_url=SITE, today=TODAY))
    files = generated_files(registry, renderer)
    assert "sessions.ics" not in files, "an empty calendar is not published"
    html = renderer.upcoming("upcoming.md")
    page = BeautifulSoup(html, "html.parser")
    text = " ".join(page.get_text(" ").split())
    assert re.search(r"\bno (upcoming )?(session|date)", text, re.I), text
    assert not [a["href"] for a in page.select("a[href]") if "sessions.ics" in a["href"]]
    assert "webcal:" not in html
    assert "Title of past-course" not in " ".join(c.get_text(" ") for c in page.select("table"))


def test_sessions_ahead_make_a_calendar_of_every_start_and_deadline() -> None:
    soon = TODAY + timedelta(days=20)
    registry = registry_from([
        entry("two-intakes", sessions=[
            {"start": soon, "end": soon + timedelta(days=30), "deadline": soon - timedelta(days=10)},
            {"start": soon + timedelta(days=200)},
            {"start": TODAY - timedelta(days=300), "deadline": TODAY - timedelta(days=330)}]),
        entry("late-deadline", sessions=[{"start": soon + timedelta(days=5),
                                          "deadline": TODAY - timedelta(days=3)}]),
        entry("a-meeting", kind="meeting", cost="unknown",
              sessions=[{"start": soon + timedelta(days=60), "end": soon + timedelta(days=64)}]),
        entry("no-dates"),
    ])
    expected = Counter()
    for resource in registry.resources:
        for session in resource.sessions:
            if session.start >= TODAY:
                expected[(resource.title, session.start)] += 1
            if session.deadline is not None and session.deadline >= TODAY:
                expected[(resource.title, session.deadline)] += 1
    assert sum(expected.values()) == 5

    renderer = Renderer(registry, TEMPLATES, SiteOptions(site_url=SITE, today=TODAY))
    files = generated_files(registry, renderer)
    calendar = icalendar.Calendar.from_ical(files["sessions.ics"])
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 5
    found = Counter()
    for event in events:
        title = next(r.title for r in registry.resources if r.title in str(event["SUMMARY"]))
        found[(title, event.decoded("DTSTART"))] += 1
    assert found == expected
    assert len({str(e["UID"]) for e in events}) == 5, "every event has its own UID"

    page = BeautifulSoup(renderer.upcoming("upcoming.md"), "html.parser")
    hrefs = [a["href"] for a in page.select("a[href]")]
    assert "webcal://example.org/handbook/sessions.ics" in hrefs, hrefs
    assert any(h.endswith("sessions.ics") and not h.startswith("webcal:") for h in hrefs), hrefs
