"""Build real sites in temporary folders and read the HTML a reader gets."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from handbook.synthetic import synthetic_registry
from handbook.vocabulary import LANGUAGES
from tests.sitebuild import Build, build, copy_project, main_text, with_real


def test_real_registry_is_valid_and_substantial(real_registry) -> None:
    assert len(real_registry.resources) >= 20
    assert {t.id for t in real_registry.topics} >= {
        "foundations", "international-law", "norms", "cbms", "cybercrime",
        "critical-infrastructure", "attribution", "strategy", "capacity-building",
        "internet-governance", "human-rights", "emerging-tech"}


def test_entry_page_shows_every_field_in_words(real_site: Build, real_registry) -> None:
    course = next(r for r in real_registry.resources if r.kind == "course" and r.cost == "free")
    page = real_site.html(f"resources/{course.id}/")
    assert page.h1.get_text(strip=True) == course.title
    go = page.select_one("a.md-button--primary")
    assert go["href"] == course.url
    facts = {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True)
             for dt in page.select("dl.hb-facts dt")}
    assert facts["Cost"].startswith("Free")
    assert facts["Languages"] == ", ".join(LANGUAGES[code] for code in course.languages)
    topic_titles = [real_registry.topic_by_id[t].title for t in course.topics]
    assert all(title in facts["Topics"] for title in topic_titles)
    text = main_text(page)
    assert course.summary.split()[0] in text
    assert "Last checked on" in text
    improve = page.find("a", string="Improve this entry")
    assert improve["href"].endswith(f"data/resources.yaml#L{course.line}")
    report = page.find("a", string="Report a problem")
    assert f"entry={course.id}" in report["href"]


def test_entry_pages_are_not_in_the_navigation(real_site: Build, real_registry) -> None:
    home = real_site.html("")
    nav_links = [a.get("href", "") for a in home.select("nav.md-nav a")]
    assert not any("resources/" in href for href in nav_links)
    assert len(list((real_site.site / "resources").glob("*/index.html"))) == len(real_registry.resources)


def test_course_catalog_lists_every_course_with_its_id(real_site: Build, real_registry) -> None:
    page = real_site.html("courses/")
    cards = page.select("article.hb-card")
    courses = [r for r in real_registry.resources if r.kind == "course"]
    assert sorted(c["id"] for c in cards) == sorted(r.id for r in courses)
    first = cards[0]
    link = first.select_one(".hb-card__title a")
    assert link["href"] == f"../resources/{first['id']}/"
    assert (real_site.site / "resources" / first["id"] / "index.html").exists()


def test_catalogs_list_courses_with_a_current_edition_first(real_site: Build, real_registry) -> None:
    """An edition ahead, or one in the last two years, ranks a course before those with none."""
    today = date.today()

    def current(resource) -> bool:
        starts = [s.start for s in resource.sessions]
        return (any(s >= today - timedelta(days=730) for s in starts)
                or (not starts and resource.year is not None and resource.year >= today.year - 2))
    cards = [c["id"] for c in real_site.html("courses/").select("article.hb-card")]
    flags = [current(real_registry.by_id[i]) for i in cards]
    assert any(flags) and not all(flags), "the real registry has both kinds"
    assert flags == sorted(flags, reverse=True), "every current course before every other"


def test_tools_and_library_split_the_other_kinds(real_site: Build, real_registry) -> None:
    tools = {c["id"] for c in real_site.html("tools/").select("article.hb-card")}
    library = {c["id"] for c in real_site.html("library/").select("article.hb-card")}
    assert tools == {r.id for r in real_registry.resources if r.kind == "tool"}
    assert library == {r.id for r in real_registry.resources if r.kind not in ("course", "tool")}


def test_topic_page_lists_its_entries_under_an_introduction(real_site: Build, real_registry) -> None:
    for topic in real_registry.topics:
        page = real_site.html(f"topics/{topic.id}/")
        listed = {c["id"] for c in page.select(".hb-topic-entries article.hb-card")}
        assert listed == {r.id for r in real_registry.for_topic(topic.id)}, topic.id
        intro = page.select_one("article.md-content__inner p")
        assert intro is not None and len(intro.get_text(strip=True)) > 40, topic.id


def test_resources_json_has_every_entry_and_its_page(real_site: Build, real_registry) -> None:
    data = json.loads(real_site.text("resources.json"))
    assert list(data) == ["resources"]
    items = data["resources"]
    assert [i["id"] for i in items] == [r.id for r in real_registry.resources]
    for item, resource in zip(items, real_registry.resources, strict=True):
        assert item["page"] == f"resources/{resource.id}/"
        assert (real_site.site / item["page"] / "index.html").exists()
        assert item["last_checked"] == resource.last_checked.isoformat()
        assert item["title"] == resource.title and item["url"] == resource.url
        assert "line" not in item


def test_no_page_loads_web_fonts_or_outside_scripts(real_site: Build) -> None:
    for html_file in real_site.site.rglob("*.html"):
        text = html_file.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, html_file
        assert "unpkg.com" not in text and "cdn.jsdelivr" not in text, html_file
        assert 'data-md-component="source"' not in text, html_file  # no GitHub API call


@pytest.mark.build
def test_a_topic_without_a_page_gets_one_from_the_registry(tmp_path: Path) -> None:
    data = synthetic_registry(6)
    data["topics"].append({"id": "space", "title": "Outer space", "summary": "Satellites."})
    data["resources"][0]["topics"] = ["space"]
    project = copy_project(tmp_path, with_real(data))
    result = build(project)
    assert result.returncode == 0, result.output
    page = result.html("topics/space/")
    assert page.h1.get_text(strip=True) == "Outer space"
    assert [c["id"] for c in page.select("article.hb-card")] == [data["resources"][0]["id"]]


@pytest.mark.build
def test_registry_error_fails_the_build_cleanly_and_keeps_the_old_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path, with_real(synthetic_registry(6)))
    good = build(project)
    assert good.returncode == 0, good.output
    before = {p: p.stat().st_mtime_ns for p in good.site.rglob("*") if p.is_file()}

    registry_file = project / "data" / "resources.yaml"
    registry_file.write_text(registry_file.read_text().replace("cost: paid", "cost: cheap", 1))
    bad = build(project)

    assert bad.returncode == 1
    assert "Traceback" not in bad.output
    assert "data/resources.yaml:" in bad.output and "cost: 'cheap' is not one of" in bad.output
    after = {p: p.stat().st_mtime_ns for p in good.site.rglob("*") if p.is_file()}
    assert after == before, "a failed build must leave site/ untouched"
