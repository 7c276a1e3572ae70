"""In practice (SPEC 8, issue 16): practice and region pages a delegate can work from, key
points a diplomat can lift, templates to download, learning paths that add up, meetings on
the calendar, and the connectivity topic."""

from __future__ import annotations

import calendar
import copy
import re
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import icalendar
import pytest
from bs4 import BeautifulSoup
from docx import Document

from tests.sitebuild import Build, build, copy_project, registry_of

PRACTICE = ("global-mechanism", "whos-in-the-room", "support", "cases", "templates")
REGIONS = ("africa", "americas", "asia-pacific", "europe", "middle-east")
CATALOG_OF_KIND = {"course": "courses", "tool": "tools"}  # every other kind: the library
TODAY = date.today()
BASE = "https://site.invalid/"


def article(site: Build, url: str) -> BeautifulSoup:
    main = site.html(url).select_one("article.md-content__inner")
    assert main is not None, url
    return copy.copy(main)


def tokens(text: str) -> list[str]:
    return [w for w in text.split() if re.search(r"\w", w)]


def drop_template_bodies(main: Any) -> None:
    """Remove each template's own text (its headings carry ids '<slug>-…', up to its
    download link), keeping the page's prose about the templates."""
    slugs = {Path(a["href"]).stem for a in main.select('a[href$=".docx"]')}
    assert slugs, "the templates page links its .docx files"
    inside = False
    for child in list(main.find_all(recursive=False)):
        if child.get("id") and any(child["id"].startswith(f"{slug}-") for slug in slugs):
            inside = True
        downloads = (child.name == "a" and child.get("href", "").endswith(".docx")) or bool(
            child.select('a[href$=".docx"]'))
        if inside or downloads:
            child.decompose()
        if downloads:
            inside = False


def prose_words(site: Build, url: str, templates: bool = False) -> int:
    """Words of the page's own prose: no headings, generated lists, footnotes or buttons."""
    main = article(site, url)
    if templates:
        drop_template_bodies(main)
    for generated in main.select("[data-search-exclude], .footnote, sup, a.headerlink, "
                                 ".md-content__button, .hb-print-footer, h1, h2, h3, h4, h5, h6, "
                                 "script, style"):
        generated.decompose()
    return len(tokens(main.get_text(" ")))


def entry_ids(node: Any, page_url: str) -> list[str]:
    """Ids of the entries `node` links to, in order, once each."""
    found: list[str] = []
    for link in node.select("a[href]"):
        match = re.fullmatch(re.escape(BASE) + r"resources/([^/]+)/",
                             urljoin(BASE + page_url, link["href"]))
        if match and match[1] not in found:
            found.append(match[1])
    return found


def day_words(day: date) -> str:
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


# ---------------------------------------------------------------- practice and region pages


@pytest.mark.parametrize("url", [f"practice/{p}/" for p in PRACTICE] + [f"regions/{r}/" for r in REGIONS])
def test_practice_and_region_pages_exist_with_footnoted_claims(real_site: Build, url: str) -> None:
    assert (real_site.site / url / "index.html").is_file(), url
    main = article(real_site, url)
    assert main.find("h1") is not None, url
    if url != "practice/templates/":
        footnotes = main.select(".footnote li")
        assert len(footnotes) >= 10, f"{url}: {len(footnotes)} footnotes"


@pytest.mark.parametrize("name", PRACTICE)
def test_practice_pages_have_800_to_2000_words_of_prose(real_site: Build, name: str) -> None:
    count = prose_words(real_site, f"practice/{name}/", templates=name == "templates")
    assert 800 <= count <= 2000, f"practice/{name}/: {count} words of prose"


# ---------------------------------------------------------------- key points

_ABBREVIATION = re.compile(r"\b(?:e\.g|i\.e|etc|cf|vs|viz|No|Nos|Art|Arts|para|paras|p|pp|Mr|Mrs|Ms|"
                           r"Dr|St|Jr|Inc|Ltd|Co|approx|Rev|Vol|ed|eds)\.", re.I)


def sentences(text: str) -> list[str]:
    """Sentences end with . ! or ? before a space or the end; abbreviations do not end one."""
    text = " ".join(text.split())
    text = re.sub(r"\b(?:[A-Za-z]\.){2,}", lambda m: m[0].replace(".", ""), text)  # U.S., e.g.
    text = _ABBREVIATION.sub(lambda m: m[0][:-1], text)
    text = re.sub(r"\b([A-Z])\. (?=[A-Z][a-z])", r"\1 ", text)  # an initial: "J. Smith"
    parts = re.split(r"(?<=[.!?])[\"'”’)\]]*(?: |$)", text)
    return [p for p in parts if re.search(r"\w", p)]


def test_sentence_counter_respects_abbreviations() -> None:
    assert len(sentences("The U.S. and the E.U. agree, e.g. on norms. They differ! Do they?")) == 3
    assert len(sentences("Art. 2(4) applies (A/70/174). No. 185 is the Budapest Convention")) == 2


def test_every_topic_page_opens_with_at_most_five_key_points(real_site: Build) -> None:
    registry = registry_of(real_site)
    assert len(registry.topics) >= 13 and "connectivity" in registry.topic_by_id
    for topic in registry.topics:
        main = article(real_site, f"topics/{topic.id}/")
        first = main.find("h2")
        assert first is not None and first.get("id") == "key-points", (
            f"{topic.id}: first h2 is {first and first.get('id')}")
        assert "Key points" in first.get_text(), topic.id
        count = 0
        for sibling in first.find_next_siblings():
            if sibling.name == "h2":
                break
            for ref in sibling.select("sup"):
                ref.decompose()
            blocks = sibling.select("li") if sibling.name in ("ul", "ol") else [sibling]
            count += sum(len(sentences(block.get_text(" "))) for block in blocks)
        assert 1 <= count <= 5, f"topics/{topic.id}/: {count} sentences of key points"


# ---------------------------------------------------------------- templates as Word documents


def test_the_five_templates_download_as_word_documents(real_site: Build) -> None:
    page = article(real_site, "practice/templates/")
    hrefs = list(dict.fromkeys(a["href"] for a in page.select('a[href$=".docx"]')))
    assert len(hrefs) == 5, hrefs
    shown = {" ".join(m.get_text(" ").split()).strip("[] ") for m in page.select("mark")}
    titles = set()
    for href in hrefs:
        path = (real_site.site / "practice" / "templates" / href).resolve()
        assert path.is_file(), f"{href} is not in the built site"
        document = Document(str(path))
        title = document.core_properties.title or next(
            (p.text for p in document.paragraphs if p.style.name == "Title" and p.text.strip()), "")
        assert title.strip(), f"{href}: no title"
        titles.add(title)
        placeholders = [run.text.strip() for p in document.paragraphs for run in p.runs
                        if run.text.strip() and (run.font.highlight_color is not None
                                                 or re.fullmatch(r"\[[^\[\]]+\]", run.text.strip()))]
        assert len(placeholders) >= 3, f"{href}: {placeholders}"
        assert len({p.strip("[] ") for p in placeholders} & shown) >= 3, (
            f"{href}: the placeholders are those shown on the page")
    assert len(titles) == 5, titles


# ---------------------------------------------------------------- learning paths


def test_home_has_seven_learning_paths_each_with_its_total(real_site: Build) -> None:
    paths = real_site.html("").select(".hb-path")
    assert len(paths) >= 7
    for path in paths:
        assert len(entry_ids(path, "")) >= 3, "a path is a list of entries"
        total = path.select_one(".hb-path__total")
        assert total is not None and total.get_text(strip=True)


def hours_figures(text: str) -> list[float]:
    return [float(n) for n in re.findall(r"(\d+(?:\.\d+)?)\s*(?:hours?|h)\b", text)]


def path_hours(registry: Any, ids: list[str]) -> float:
    return sum(registry.by_id[i].hours or 0 for i in ids)


def set_hours(registry_text: str, entry_id: str, hours: float) -> str:
    start = registry_text.index(f"\n  - id: {entry_id}\n")
    end = registry_text.find("\n  - id: ", start + 1)
    end = len(registry_text) if end < 0 else end
    block = registry_text[start:end]
    line = f"    hours: {hours:g}"
    if re.search(r"^    hours: .*$", block, re.M):
        block = re.sub(r"^    hours: .*$", lambda _: line, block, count=1, flags=re.M)
    else:
        block = re.sub(r"^(    cost: .*)$", lambda m: f"{m[1]}\n{line}", block, count=1, flags=re.M)
    assert line in block
    return registry_text[:start] + block + registry_text[end:]


def test_a_path_total_follows_the_hours_of_its_entries(real_site: Build, tmp_path: Path) -> None:
    before_registry = registry_of(real_site)
    paths = real_site.html("").select(".hb-path")
    chosen = next(((n, i) for n, path in enumerate(paths) for i in entry_ids(path, "")
                   if before_registry.by_id[i].hours is not None), None)
    if chosen is None:
        chosen = (0, entry_ids(paths[0], "")[0])
    index, entry_id = chosen
    ids = entry_ids(paths[index], "")
    old = before_registry.by_id[entry_id].hours
    new = (old or 0) + 7
    text = (real_site.project / "data" / "resources.yaml").read_text(encoding="utf-8")
    rebuilt = build(copy_project(tmp_path / "project", set_hours(text, entry_id, new)))
    assert rebuilt.returncode == 0, rebuilt.output
    after_registry = registry_of(rebuilt)
    assert after_registry.by_id[entry_id].hours == new

    before_total = paths[index].select_one(".hb-path__total").get_text(" ")
    after_paths = rebuilt.html("").select(".hb-path")
    assert entry_ids(after_paths[index], "") == ids
    after_total = after_paths[index].select_one(".hb-path__total").get_text(" ")
    expected_before, expected_after = path_hours(before_registry, ids), path_hours(after_registry, ids)
    assert expected_after == expected_before + 7
    if expected_before:
        assert any(abs(n - expected_before) <= 0.05 for n in hours_figures(before_total)), before_total
    assert any(abs(n - expected_after) <= 0.05 for n in hours_figures(after_total)), (
        f"{entry_id} now takes {new:g} h: the path adds up to {expected_after:g} h, the page says "
        f"'{' '.join(after_total.split())}'")
    assert before_total != after_total


# ---------------------------------------------------------------- meetings


def test_meetings_with_a_date_ahead_are_on_upcoming_and_in_the_calendar(real_site: Build) -> None:
    registry = registry_of(real_site)
    meetings = registry.of_kinds("meeting")
    ahead = [(m, s) for m in meetings for s in m.sessions if s.start >= TODAY]
    assert ahead, "the registry knows at least one meeting ahead"
    upcoming = article(real_site, "upcoming/")
    events = list(icalendar.Calendar.from_ical(real_site.text("sessions.ics")).walk("VEVENT"))
    for meeting, session in ahead:
        rows = [link.find_parent(["tr", "li"]) for link in upcoming.select("a[href]")
                if urljoin(BASE + "upcoming/", link["href"]) == f"{BASE}resources/{meeting.id}/"]
        texts = [" ".join(row.get_text(" ").split()) for row in rows if row is not None]
        assert any(day_words(session.start) in t or session.start.isoformat() in t for t in texts), (
            f"{meeting.id} on {session.start} is not on /upcoming/: {texts}")
        matching = [e for e in events if str(e["SUMMARY"]) == meeting.title]
        assert session.start in [e.decoded("DTSTART") for e in matching], (
            f"{meeting.id} on {session.start} is not in sessions.ics")


def test_the_library_lists_every_meeting(real_site: Build) -> None:
    registry = registry_of(real_site)
    meetings = registry.of_kinds("meeting")
    assert meetings
    library = real_site.html("library/")
    for meeting in meetings:
        card = library.find(id=meeting.id)
        assert card is not None, f"{meeting.id} is not in the library"
        assert meeting.title in " ".join(card.get_text(" ").split())


# ---------------------------------------------------------------- connectivity


def test_connectivity_has_a_page_filters_and_a_coverage_row(real_site: Build) -> None:
    registry = registry_of(real_site)
    topic = registry.topic_by_id["connectivity"]
    assert prose_words(real_site, "topics/connectivity/") >= 600
    members = registry.for_topic("connectivity")
    assert members
    for resource in members:
        catalog = CATALOG_OF_KIND.get(resource.kind, "library")
        page = real_site.html(f"{catalog}/")
        option = page.select_one('input[name="topic"][value="connectivity"]')
        assert option is not None, f"/{catalog}/ has no Topic option for connectivity"
        label = option.find_parent("label")
        assert topic.title in (label.get_text(" ") if label else option.get("data-label", ""))
        assert page.find(id=resource.id) is not None, f"{resource.id} is not on /{catalog}/"
    coverage = real_site.html("coverage/")
    rows = [row for row in coverage.select("article tr")
            if row.th is not None and " ".join(row.th.get_text(" ").split()) == topic.title
            and len(row.find_all("td")) == 1]
    assert rows, "the chart of entries by topic has a row for connectivity"
    assert int(rows[0].td.get_text(strip=True)) == len(members)
