"""Hostile registry text in every output, checked with real parsers (issue: hostile input).

Every class of attack below is put into every text field of an entry; each
output must show it as text, and no parser may find markup, script, formula,
calendar property or template result that came from the registry.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from typing import Any

import icalendar
import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handbook.records import Registry
from handbook.registry import check_text
from handbook.render import Renderer, SiteOptions
from handbook.site import generated_files
from handbook.synthetic import dump, synthetic_json, synthetic_registry
from tests.sitebuild import ROOT, Build, build, built_site, copy_project, registry_of, with_real
from tests.test_validation import BASE, LINE_FORMAT

PAYLOADS: dict[str, str] = {
    "html": "<b>bold</b><iframe src=//evil.example/></iframe><style>body{display:none}</style>",
    "script": "<script>alert('script')</script></textarea></title><script>alert(2)</script>",
    "handler": '"><img src=x onerror=alert(1)> <svg onload=alert(2)> \' onmouseover=alert(3) x=\'',
    "js-url": "javascript:alert(document.domain)",
    "data-url": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "markdown": "[click](javascript:alert(5)) ![img](https://evil.example/x.png) **bold** <https://x.y>",
    "jinja-expr": "{{ 7*7 }} {{ config }} {{ ''.__class__.__mro__ }}",
    "jinja-stmt": "{% for x in range(3) %}ZQZ{% endfor %} {% include 'mkdocs.yml' %} {# c #}",
    "yaml-like": "key: value\n- item\n---\n&anchor *alias !!python/object:os.system",
    "calendar": "line\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:injected\nEND:VCALENDAR",
    "formula": "=HYPERLINK(\"https://evil.example\",\"x\")",
    "rtl": "مرحبا بالعالم · שלום עולם",
    "cjk": "网络外交 · サイバー外交 · 사이버 외교",
}
SINGLE_LINE = {"title", "provider", "cost_note", "duration_note"}
SOON = date.today() + timedelta(days=40)


def one_line(text: str) -> str:
    return " ".join(text.split())


def hostile_entries() -> list[dict[str, Any]]:
    base = synthetic_registry(1)["resources"][0]
    entries = []
    for name, payload in PAYLOADS.items():
        fields = {f: f"{f} {one_line(payload) if f in SINGLE_LINE else payload}"
                  for f in ("title", "provider", "summary", "cost_note", "duration_note",
                            "eligibility")}
        entries.append(base | fields | {
            "id": f"hostile-{name}", "kind": "course", "topics": ["norms"], "added": date.today(),
            "sessions": [{"start": SOON, "deadline": SOON - timedelta(days=7),
                          "note": f"note {payload}"}],
        })
    return entries


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real registry plus one course per payload class, every text field hostile."""
    return built_site(tmp_path_factory.mktemp("hostile-all"), hostile_entries())


@pytest.fixture(scope="module")
def payload_registry(payload_site: Build) -> Registry:
    return registry_of(payload_site)


def field_text(name: str, field: str) -> str:
    payload = PAYLOADS[name]
    return f"{field} {one_line(payload) if field in SINGLE_LINE else payload}"


def assert_inert_html(fragment: BeautifulSoup, where: str) -> None:
    """No element, attribute or URL in the fragment came from a payload."""
    for tag in fragment.find_all(["script", "iframe", "img", "svg", "style", "textarea"]):
        text = tag.get_text() + str(tag.attrs)
        assert "alert" not in text and "evil" not in text and "display:none" not in text, where
    for tag in fragment.find_all(True):
        for attribute in tag.attrs:
            assert not attribute.lower().startswith("on"), (where, tag.name, attribute)
            assert attribute not in ("x", "onerror"), (where, tag.name)
        href = str(tag.get("href", "") or tag.get("src", "")).strip().lower()
        assert not href.startswith(("javascript:", "data:")), (where, href)
    assert not fragment.find("b", string="bold") and not fragment.find("strong", string="bold")
    text = fragment.get_text(" ")
    assert "49" not in text.replace("2049", ""), where
    assert "ZQZZQZ" not in text, where  # the loop ran
    assert "site_name" not in text and "MkDocsConfig" not in text, where


@pytest.mark.parametrize("name", PAYLOADS)
def test_entry_page_shows_every_field_literally(payload_site: Build, name: str) -> None:
    page = payload_site.html(f"resources/hostile-{name}/")
    article = page.select_one("article.hb-entry")
    assert_inert_html(article, name)
    text = article.get_text()
    for field in ("title", "provider", "cost_note", "duration_note"):
        assert field_text(name, field) in text, field
    assert page.title.get_text().startswith(field_text(name, "title"))
    summary = article.select_one(".hb-entry__summary").get_text()
    assert summary == field_text(name, "summary")


@pytest.mark.parametrize("url", ["courses/", "topics/norms/", "upcoming/"])
def test_lists_show_payloads_literally(payload_site: Build, url: str) -> None:
    page = payload_site.html(url)
    main = page.select_one("article.md-content__inner")
    assert_inert_html(main, url)
    for name in PAYLOADS:
        assert field_text(name, "title") in main.get_text(), (url, name)


def test_learning_paths_render_payloads_literally(payload_registry: Registry) -> None:
    renderer = Renderer(payload_registry, str(ROOT / "overrides" / "handbook"), SiteOptions())
    html = renderer.learning_path([f"hostile-{n}" for n in PAYLOADS], "index.md")
    fragment = BeautifulSoup(html, "html.parser")
    assert_inert_html(fragment, "learning path")
    for name in PAYLOADS:
        assert field_text(name, "title") in fragment.get_text()


def test_search_index_holds_text_not_markup(payload_site: Build) -> None:
    docs = json.loads(payload_site.text("search/search_index.json"))["docs"]
    for name in PAYLOADS:
        mine = [d for d in docs if d["location"].startswith(f"resources/hostile-{name}/")]
        assert mine, name
        for doc in mine:
            # Material shows these strings as HTML: they must parse to text only.
            for value in (doc["title"], doc["text"]):
                assert_inert_html(BeautifulSoup(value, "html.parser"), f"search {name}")
        shown = " ".join(BeautifulSoup(d["text"], "html.parser").get_text() for d in mine)
        assert one_line(PAYLOADS[name])[:20] in one_line(shown), name


def test_json_keeps_every_payload_exactly(payload_site: Build) -> None:
    items = {i["id"]: i for i in json.loads(payload_site.text("resources.json"))["resources"]}
    for name in PAYLOADS:
        entry = items[f"hostile-{name}"]
        for field in ("title", "provider", "summary", "cost_note", "eligibility"):
            assert entry[field] == field_text(name, field).strip()


def test_csv_keeps_payloads_and_never_starts_a_formula(payload_site: Build) -> None:
    text = payload_site.text("resources.csv").lstrip("\ufeff")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(text))}
    for name in PAYLOADS:
        row = rows[f"hostile-{name}"]
        assert row["summary"] == field_text(name, "summary").strip()
    for row in rows.values():
        for value in row.values():
            assert not value or value[0] not in "=+-@\t\r"


def test_feed_keeps_payloads_as_text(payload_site: Build) -> None:
    ns = "{http://www.w3.org/2005/Atom}"
    root = ET.fromstring(payload_site.text("feed.xml"))
    titles = [e.findtext(f"{ns}title") for e in root.iter(f"{ns}entry")]
    for name in PAYLOADS:
        assert field_text(name, "title") in titles
    assert not list(root.iter("script"))


def test_calendar_text_cannot_start_a_property_or_an_event(payload_site: Build,
                                                           payload_registry: Registry) -> None:
    raw = payload_site.text("sessions.ics")
    calendar = icalendar.Calendar.from_ical(raw)
    events = list(calendar.walk("VEVENT"))
    today = date.today()
    expected = sum((s.start >= today) + (s.deadline is not None and s.deadline >= today)
                   for r in payload_registry.resources for s in r.sessions)
    assert len(events) == expected, "a payload started or ended an event"
    assert all(str(e["SUMMARY"]) != "injected" for e in events)
    mine = next(e for e in events if str(e["UID"]).startswith("hostile-calendar-session"))
    assert str(mine["SUMMARY"]) == field_text("calendar", "title")
    assert f"note {PAYLOADS['calendar']}" in str(mine["DESCRIPTION"])
    for line in raw.split("\r\n"):
        assert not line.startswith(("BEGIN:VEVENT ", "SUMMARY:injected"))


# ---------------------------------------------------------------- YAML attacks


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))


def test_alias_bomb_is_rejected_with_its_line_and_never_expanded() -> None:
    registry, problems = check_text(BOMB, "data/resources.yaml")
    assert registry is None
    assert any(p.line == 1 and "anchors" in p.message for p in problems)
    assert all("aliases" in p.message or "anchors" in p.message or "top-level" in p.message
               or "mapping" in p.message for p in problems)


def test_huge_scalar_is_rejected_with_the_limit() -> None:
    text = BASE.replace("    title: Convention on Cybercrime\n", f"    title: {'A' * 4_500_000}\n")
    registry, problems = check_text(text, "data/resources.yaml")
    assert registry is None
    assert "the limit is 200" in problems[0].message and problems[0].line == 9


def test_a_large_registry_is_accepted() -> None:
    """A thousand entries validate (the 5 MB file and its time budget are in `make bench`)."""
    registry, problems = check_text(synthetic_json(1000), "data/resources.yaml")
    assert problems == [] and registry is not None
    assert len(registry.resources) == 1000


# ---------------------------------------------------------------- property-based


def assert_outcome(text: str) -> Registry | None:
    """Valid, or SPEC 3.3 error lines; never an exception."""
    registry, problems = check_text(text, "data/resources.yaml")
    if registry is None:
        assert problems
        for problem in problems:
            assert LINE_FORMAT.match(str(problem)), str(problem)
            assert "\n" not in str(problem)
    else:
        assert problems == []
    return registry


@given(st.text(max_size=400))
def test_any_text_is_valid_or_reported(text: str) -> None:
    assert_outcome(text)


@given(position=st.integers(min_value=0, max_value=len(BASE)), insert=st.text(max_size=12),
       delete=st.integers(min_value=0, max_value=8))
def test_mutated_registry_text_is_valid_or_reported(position: int, insert: str, delete: int) -> None:
    assert_outcome(BASE[:position] + insert + BASE[position + delete:])


VALUES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30),
                   st.dates(), st.lists(st.text(max_size=10), max_size=3),
                   st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2))
FIELDS = st.sampled_from(["id", "title", "kind", "provider", "url", "summary", "topics", "cost",
                          "hours", "format", "languages", "level", "audience", "regions", "year",
                          "added", "last_checked", "sessions", "aliases", "related", "sources",
                          "extra"])


@given(changes=st.lists(st.tuples(st.integers(0, 5), FIELDS, VALUES), max_size=4))
def test_mutated_registry_values_are_valid_or_reported_and_render(changes: list) -> None:
    data = synthetic_registry(6, today=date(2026, 1, 1))
    for index, field, value in changes:
        data["resources"][index][field] = value
    registry = assert_outcome(dump(data))
    if registry is not None:  # the pure generator behind the build must not fail either
        renderer = Renderer(registry, str(ROOT / "overrides" / "handbook"), SiteOptions())
        files = generated_files(registry, renderer)
        assert len([f for f in files if f.startswith("resources/")]) >= len(registry.resources)


@pytest.mark.build
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                HealthCheck.function_scoped_fixture])
@given(title=st.text(min_size=1, max_size=40).filter(lambda t: t.strip()))
def test_random_titles_build_or_fail_with_error_lines(tmp_path_factory: pytest.TempPathFactory,
                                                      title: str) -> None:
    data = synthetic_registry(2)
    data["resources"][0]["title"] = title
    result = build(copy_project(tmp_path_factory.mktemp("prop"), with_real(data)))
    assert "Traceback" not in result.output
    if result.returncode == 0:
        page = result.html(f"resources/{data['resources'][0]['id']}/")
        assert page.h1.get_text() == title.strip()
    else:
        assert "data/resources.yaml:" in result.output


# ---------------------------------------------------------------- hand-written pages citing hostile entries

MARKDOWNISH = "Study [click](javascript:alert(7)) *em* <b>b</b> {{ 6*7*1009 }}"
EVIL_TOPIC = "Evil <img src=x onerror=alert(8)> [t](javascript:alert(9))"


@pytest.fixture(scope="module")
def cited_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """Real entries that hand-written pages cite (About, learning paths) made hostile,
    and a new topic with a hostile title (it gets a generated page and a nav label)."""
    import yaml

    real = yaml.safe_load((ROOT / "data" / "resources.yaml").read_text(encoding="utf-8"))
    for resource in real["resources"]:
        if resource["id"] in ("diplo-improving-practice-cyber-diplomacy-study", "un-gge-2021-report"):
            resource["title"] = MARKDOWNISH
    real["topics"].append({"id": "evil-topic", "title": EVIL_TOPIC})
    real["resources"][0]["topics"].append("evil-topic")
    result = build(copy_project(tmp_path_factory.mktemp("cited"), dump(real)))
    assert result.returncode == 0, result.output
    return result


@pytest.mark.parametrize("url", ["", "about/", "topics/evil-topic/", "courses/"])
def test_pages_citing_entries_and_topics_keep_them_text(cited_site: Build, url: str) -> None:
    page = cited_site.html(url)
    assert_inert_html(page, url)
    assert not page.find("em", string="em"), "Markdown in a title was rendered"
    text = page.get_text(" ")
    assert "42378" not in text, "a Jinja expression in a title was evaluated"
    if url in ("", "about/"):
        assert MARKDOWNISH in text
    assert EVIL_TOPIC in text, "the topic's title shows literally in the navigation"


def test_nothing_was_written_into_the_project(payload_site: Build) -> None:
    """Generated pages live in memory: a page under docs/ would make serve rebuild forever."""
    assert not (payload_site.project / "docs" / "resources").exists()


def test_csv_quotes_every_cell(payload_site: Build) -> None:
    lines = payload_site.text("resources.csv").lstrip("\ufeff").split("\r\n")
    assert lines[0].startswith('"id","title"')
    assert all(line.startswith('"') for line in lines if line)


def test_sessions_with_the_same_start_get_distinct_uids() -> None:
    from datetime import datetime

    from handbook.exports import sessions_ics
    data = synthetic_registry(1)
    data["resources"][0]["sessions"] = [{"start": SOON, "note": "morning"},
                                        {"start": SOON, "note": "evening"}]
    registry, problems = check_text(dump(data), "r.yaml")
    assert registry is not None, problems
    calendar = icalendar.Calendar.from_ical(sessions_ics(registry, None, date.today(), datetime.now()))
    uids = [str(e["UID"]) for e in calendar.walk("VEVENT")]
    assert len(uids) == 2 and len(set(uids)) == 2
