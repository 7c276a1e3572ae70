"""Provenance (SPEC 3.4, issue 13): every fact says where it comes from and how old it is,
every unknown invites the reader who knows, and the handbook says what it does not know."""

from __future__ import annotations

import calendar
import csv
import io
import json
import re
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import icalendar
import pytest
from bs4 import BeautifulSoup

from handbook.records import Registry, Resource
from handbook.registry import check_text
from handbook.render import Renderer, SiteOptions
from handbook.site import generated_files
from handbook.synthetic import TOPICS, dump
from tests.browser import watched_page
from tests.sitebuild import ROOT, Build, registry_of

TEMPLATES = str(ROOT / "overrides" / "handbook")
REPO = "https://github.com/example-org/handbook"
TODAY = date.today()


def entry(id_: str, kind: str = "course", **extra: Any) -> dict[str, Any]:
    """A valid entry with a known, small set of facts; `extra` adds or overrides."""
    return {"id": id_, "title": f"Title of {id_}", "kind": kind, "provider": f"Provider of {id_}",
            "url": f"https://example.org/{id_}", "summary": f"Summary of {id_}.",
            "topics": ["norms"], "cost": "unknown", "languages": ["en"], "last_checked": TODAY,
            "sources": [{"url": f"https://example.org/{id_}/source"}], **extra}


def registry_from(resources: list[dict[str, Any]], today: date | None = None) -> Registry:
    data = {"topics": [{"id": i, "title": t} for i, t in TOPICS], "resources": resources}
    registry, problems = check_text(dump(data), "data/resources.yaml", today=today)
    assert registry is not None, [str(p) for p in problems]
    return registry


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def words(node: Any) -> str:
    return " ".join(node.get_text(" ").split())


def month_year(day: date) -> str:
    return f"{calendar.month_name[day.month]} {day.year}"


def day_words(day: date) -> str:
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


# ---------------------------------------------------------------- sources on entry pages


def seen_words(seen: str) -> str:
    """The date a source shows, as a reader reads it: '3 March 2025', 'March 2025', '2025'."""
    parts = [int(p) for p in str(seen).split("-")]
    if len(parts) == 3:
        return day_words(date(*parts))
    if len(parts) == 2:
        return month_year(date(parts[0], parts[1], 1))
    return str(parts[0])


def seen_span(seen: str) -> tuple[date, date]:
    """The first and last day a source's own date can mean ('2025' is all of 2025)."""
    parts = [int(p) for p in str(seen).split("-")]
    if len(parts) == 3:
        return date(*parts), date(*parts)
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], last)
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def test_every_entry_page_lists_its_sources_with_their_own_dates(real_site: Build) -> None:
    registry = registry_of(real_site)
    three_years_ago = years_before(TODAY, 3)
    checked_old = checked_recent = 0
    failures: list[str] = []
    for resource in registry.resources:
        page = real_site.html(f"resources/{resource.id}/")
        heading = page.select_one("article h2#sources")
        assert heading is not None, f"{resource.id}: no Sources section"
        assert "Sources" in heading.get_text(), resource.id
        listing = heading.find_next(["ol", "ul"])
        items = listing.find_all("li", recursive=False)
        hrefs = [li.find("a")["href"] for li in items]
        assert hrefs == [s.url for s in resource.sources], f"{resource.id}: sources, in the registry's order"
        for source, li in zip(resource.sources, items, strict=True):
            link_text = li.find("a").get_text()
            text = words(li).replace(" ".join(link_text.split()), "", 1)
            if not source.seen:
                assert re.search(r"shows no date|no date|undated", text), f"{resource.id}: {text}"
                assert not re.search(r"\bold\b", text), f"{resource.id}: undated is not old: {text}"
                continue
            assert f"dated {seen_words(source.seen)}" in text, (
                f"{resource.id}: {source.url} shows '{source.seen}', the page says: {text}")
            first, last = seen_span(source.seen)
            flagged = bool(re.search(r"\bold\b", text))
            if last < three_years_ago:
                checked_old += 1
                if not flagged:
                    failures.append(f"{resource.id}: source dated {source.seen} is more than three "
                                    f"years old on {TODAY} but not flagged: {text}")
            elif first >= three_years_ago:
                checked_recent += 1
                if flagged:
                    failures.append(f"{resource.id}: source dated {source.seen} flagged as old: {text}")
    assert checked_old and checked_recent, "the real registry has both old and recent sources"
    assert not failures, f"{len(failures)} sources misflagged:\n" + "\n".join(failures)


def test_exports_carry_the_sources(real_site: Build) -> None:
    registry = registry_of(real_site)
    items = {i["id"]: i for i in json.loads(real_site.text("resources.json"))["resources"]}
    rows = {r["id"]: r for r in csv.DictReader(
        io.StringIO(real_site.text("resources.csv").lstrip("\ufeff"), newline=""))}
    assert set(items) == set(rows) == {r.id for r in registry.resources}
    for resource in registry.resources:
        exported = items[resource.id]["sources"]
        assert isinstance(exported, list) and all(isinstance(s, dict) for s in exported), resource.id
        assert [s["url"] for s in exported] == [s.url for s in resource.sources], resource.id
        assert [None if s["seen"] is None else str(s["seen"]) for s in exported] == [
            str(s.seen) if s.seen else None for s in resource.sources], resource.id
        assert [list(s["covers"]) for s in exported] == [list(s.covers) for s in resource.sources]
        assert rows[resource.id]["sources"] == ";".join(s.url for s in resource.sources), resource.id


def test_check_rejects_missing_sources_bad_dates_and_unknown_fields() -> None:
    good = entry("good-entry", sources=[{"url": "https://example.org/good", "seen": "2025-03",
                                         "covers": ["cost", "hours"]}])
    no_sources = entry("no-sources")
    del no_sources["sources"]
    bad_month = entry("bad-month", sources=[{"url": "https://example.org/b", "seen": "2025-13"}])
    bad_field = entry("bad-field", sources=[{"url": "https://example.org/c", "covers": ["cost", "pricing"]}])
    data = {"topics": [{"id": i, "title": t} for i, t in TOPICS],
            "resources": [good, no_sources, bad_month, bad_field]}
    registry, problems = check_text(dump(data), "data/resources.yaml")
    assert registry is None
    lines = [str(p) for p in problems]
    assert all(line.startswith("data/resources.yaml:") for line in lines), lines
    assert not any("good-entry" in line for line in lines), lines
    assert any("no-sources" in line and "sources" in line for line in lines), lines
    assert any("bad-month" in line and "seen" in line and "2025-13" in line for line in lines), lines
    assert any("bad-field" in line and "covers" in line and "pricing" in line for line in lines), lines
    assert len(lines) == 3, lines

    registry, problems = check_text(dump(data | {"resources": [good]}), "data/resources.yaml")
    assert registry is not None and problems == []


# ---------------------------------------------------------------- unknowns invite a report (browser)


@pytest.fixture
def page(browser: Any, real_url: str) -> Iterator[Any]:
    # Nothing leaves the machine: any other host is refused (and reported), and the issue
    # form is answered here.
    with watched_page(browser, real_url, allowed=("https://github.com/",)) as page:
        page.route(lambda url: not url.startswith(real_url), lambda route: route.abort())
        page.route("https://github.com/**", lambda route: route.fulfill(
            status=200, content_type="text/html", body="<!doctype html><title>Issue form</title>"))
        yield page


def repo_url(real_site: Build) -> str:
    text = (real_site.project / "mkdocs.yml").read_text(encoding="utf-8")
    return re.search(r"^repo_url:\s*(\S+)", text, re.M)[1].rstrip("/")


def assert_prefilled_form(href: str, repo: str, entry_id: str, fact: str) -> None:
    parts = urlsplit(href)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{repo}/issues/new", href
    query = parse_qs(parts.query)
    assert query.get("template") == ["report-problem.yml"], href
    assert query.get("entry") == [entry_id], href
    assert query.get("fact") == [fact], href


def follow(page: Any, link: Any, href: str) -> None:
    link.click()
    page.wait_for_url(lambda url: url == href)
    assert page.url == href
    assert page.title() == "Issue form"


def test_unknown_cost_on_a_course_card_opens_the_prefilled_form(page: Any, real_url: str,
                                                                 real_site: Build) -> None:
    registry = registry_of(real_site)
    course = next(r for r in registry.of_kinds("course") if r.cost == "unknown")
    page.goto(real_url + "courses/")
    link = page.locator(f'[id="{course.id}"] a', has_text="Cost not known")
    assert link.count() == 1, f"the card of {course.id} invites the reader who knows its cost"
    href = link.get_attribute("href")
    assert_prefilled_form(href, repo_url(real_site), course.id, "cost")
    follow(page, link, href)


def test_time_not_stated_and_no_session_known_link_from_the_entry_page(page: Any, real_url: str,
                                                                       real_site: Build) -> None:
    registry = registry_of(real_site)
    repo = repo_url(real_site)
    untimed = next(r for r in registry.of_kinds("course") if r.hours is None and not r.duration_note)
    unscheduled = next(r for r in registry.of_kinds("course")
                       if not any((s.end or s.start) >= TODAY for s in r.sessions))
    for entry, words, fact in ((untimed, "Time not stated", "hours"),
                               (unscheduled, "No session known", "sessions")):
        page.goto(real_url + f"resources/{entry.id}/")
        link = page.locator("article a", has_text=words)
        assert link.count() == 1, entry.id
        href = link.get_attribute("href")
        assert_prefilled_form(href, repo, entry.id, fact)
        follow(page, link, href)


# ---------------------------------------------------------------- what we don't know yet


def gaps_registry() -> Registry:
    """Four courses with known gaps: 2 state a cost, 1 its hours, 1 has a recent session."""
    recent = TODAY - timedelta(days=120)
    return registry_from([
        entry("gap-complete", cost="free", hours=6, format="self-paced", level="introductory",
              sessions=[{"start": recent}]),
        entry("gap-two", cost="paid", format="in-person", level="advanced"),
        entry("gap-three", format="blended", level="intermediate",
              sessions=[{"start": TODAY - timedelta(days=5 * 365)}]),
        entry("gap-everything"),
    ])


def test_coverage_counts_what_courses_do_not_say() -> None:
    registry = gaps_registry()
    renderer = Renderer(registry, TEMPLATES, SiteOptions(repo_url=REPO, today=TODAY))
    page = soup(renderer.coverage("coverage.md"))
    figures = json.loads(generated_files(registry, renderer)["coverage.json"])

    completeness = figures["completeness"]
    assert completeness["of"] == 4
    assert completeness["known"]["cost"] == 2
    assert completeness["known"]["hours"] == 1
    assert completeness["known"]["sessions"] == 1

    section = page.select_one("#unknowns")
    assert section is not None, "the coverage page has a section on what is not known"
    chart = section.find_next("figure")
    counts = {words(row.th): int(row.td.get_text()) for row in chart.select("tbody tr")}
    by_fact = {fact: [n for label, n in counts.items() if keyword in label.lower()]
               for fact, keyword in (("cost", "cost"), ("hours", "hour"), ("sessions", "session"))}
    assert by_fact == {"cost": [2], "hours": [1], "sessions": [1]}, counts
    assert re.search(r"\b4 courses\b", words(section.parent)), "the share is of the 4 courses"

    wanted = page.select("ol.hb-wanted > li")
    assert [w["id"] for w in figures["wanted"]][:3] == ["gap-everything", "gap-three", "gap-two"]
    ids = []
    for item in wanted:
        target = urljoin("https://x/coverage/", item.find("a")["href"])
        ids.append(target.removeprefix("https://x/resources/").rstrip("/"))
        assert target.startswith("https://x/resources/"), target
    assert ids[:3] == ["gap-everything", "gap-three", "gap-two"], "the course missing the most first"
    assert "gap-complete" not in ids, "a course that states every fact is not wanted"
    assert "Title of gap-everything" in words(wanted[0])


# ---------------------------------------------------------------- last known edition


def editions_registry() -> Registry:
    return registry_from([
        entry("past-only-course", sessions=[{"start": TODAY - timedelta(days=500)},
                                            {"start": TODAY - timedelta(days=200),
                                             "end": TODAY - timedelta(days=190)}]),
        entry("year-only-course", year=2019),
        entry("future-course", sessions=[{"start": TODAY - timedelta(days=300)},
                                         {"start": TODAY + timedelta(days=40)}]),
    ])


@pytest.fixture(scope="module")
def editions() -> tuple[Registry, Renderer, BeautifulSoup]:
    registry = editions_registry()
    renderer = Renderer(registry, TEMPLATES, SiteOptions(repo_url=REPO, today=TODAY))
    return registry, renderer, soup(renderer.catalog("courses", "courses.md"))


def entry_text(renderer: Renderer, resource: Resource) -> str:
    markdown = renderer.entry_page(resource)
    return words(soup(markdown[markdown.index("\n---\n", 4) + 5:]))


def test_a_course_with_only_past_sessions_shows_its_last_edition(editions) -> None:
    registry, renderer, cards = editions
    last = month_year(TODAY - timedelta(days=200))
    card = words(cards.select_one('[id="past-only-course"]'))
    assert f"Last known edition: {last}" in card
    assert "Next:" not in card
    page = entry_text(renderer, registry.by_id["past-only-course"])
    assert f"Last known edition: {last}" in page
    assert "Next:" not in page


def test_a_course_with_only_a_year_shows_it_as_its_last_edition(editions) -> None:
    registry, renderer, cards = editions
    assert "Last known edition: 2019" in words(cards.select_one('[id="year-only-course"]'))
    assert "Last known edition: 2019" in entry_text(renderer, registry.by_id["year-only-course"])


def test_a_course_with_a_session_ahead_shows_the_next_date(editions) -> None:
    registry, renderer, cards = editions
    ahead = day_words(TODAY + timedelta(days=40))
    card = words(cards.select_one('[id="future-course"]'))
    assert f"Next: {ahead}" in card
    assert "Last known edition" not in card
    page = entry_text(renderer, registry.by_id["future-course"])
    assert ahead in page
    assert "Last known edition" not in page


# ---------------------------------------------------------------- usually starts in


RHYTHM_TODAY = date(2026, 11, 29)


def rhythm_registry() -> Registry:
    return registry_from([
        entry("june-course", title="A June course", last_checked=RHYTHM_TODAY,
              sessions=[{"start": date(2024, 6, 10)}, {"start": date(2025, 6, 2)},
                        {"start": date(2026, 5, 25)}]),
        entry("irregular-course", title="An irregular course", last_checked=RHYTHM_TODAY,
              sessions=[{"start": date(2023, 2, 6)}, {"start": date(2025, 9, 15)}]),
        entry("dated-course", title="A dated course", last_checked=RHYTHM_TODAY,
              sessions=[{"start": date(2027, 3, 1), "deadline": date(2027, 1, 15)}]),
    ], today=RHYTHM_TODAY)


def test_upcoming_names_a_usual_month_for_a_regular_course_only() -> None:
    registry = rhythm_registry()
    renderer = Renderer(registry, TEMPLATES, SiteOptions(today=RHYTHM_TODAY))
    text = words(soup(renderer.upcoming("upcoming.md")))
    assert "A June course" in text
    assert "usually starts in June (2024, 2025 and 2026 editions)" in text
    assert "An irregular course" not in text, "February 2023 and September 2025 are no rhythm"


def test_the_calendar_holds_dates_never_rhythms() -> None:
    registry = rhythm_registry()
    renderer = Renderer(registry, TEMPLATES, SiteOptions(today=RHYTHM_TODAY))
    ics = generated_files(registry, renderer)["sessions.ics"]
    calendar_ = icalendar.Calendar.from_ical(ics)
    events = list(calendar_.walk("VEVENT"))
    assert sorted(e.decoded("DTSTART") for e in events) == [date(2027, 1, 15), date(2027, 3, 1)]
    assert all("A dated course" in str(e["SUMMARY"]) for e in events)
    assert "A June course" not in ics and "usually" not in ics.lower()
    assert "An irregular course" not in ics
