"""Registry text is data: HTML, Markdown and Jinja in entries show literally everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.synthetic import synthetic_registry
from tests.sitebuild import Build, build, copy_project, main_text, with_real

pytestmark = pytest.mark.build

PAYLOADS = ("<script>alert(1)</script>", "{{ 7*7 }}", "{% include 'mkdocs.yml' %}", "**bold**")
HOSTILE = " ".join(PAYLOADS)
TOPIC = "norms"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    data = synthetic_registry(6)
    data["resources"].append({
        "id": "hostile-entry",
        "title": f"Title {HOSTILE}",
        "kind": "course",
        "provider": f"Provider {HOSTILE}",
        "url": "https://example.org/hostile?a=1&b=<2>",
        "summary": f"Summary {HOSTILE} [link](javascript:alert(2)) <img src=x onerror=alert(3)>",
        "topics": [TOPIC],
        "cost": "paid",
        "cost_note": f"Fee {HOSTILE}",
        "duration_note": f"Weeks {HOSTILE}",
        "eligibility": f"Eligible {HOSTILE}",
        "languages": ["en"],
        "last_checked": data["resources"][0]["last_checked"],
        "sources": [{"url": "https://example.org/hostile?a=1&b=<2>", "seen": "2025-03"}],
        "sessions": [{"start": "2099-01-01", "note": f"Note {HOSTILE}"}],
    })
    data["resources"][0]["related"] = ["hostile-entry"]
    project = copy_project(tmp_path_factory.mktemp("hostile"), with_real(data))
    result = build(project)
    assert result.returncode == 0, result.output
    return result


PAGES = ("resources/hostile-entry/", "courses/", f"topics/{TOPIC}/",
         f"resources/{synthetic_registry(1)['resources'][0]['id']}/")


@pytest.mark.parametrize("page", PAGES)
def test_payloads_show_literally_and_do_nothing(hostile_site: Build, page: str) -> None:
    soup = hostile_site.html(page)
    text = main_text(soup)
    assert f"Title {HOSTILE}" in text
    for script in soup.find_all("script"):
        assert "alert" not in script.get_text(), page
    assert not soup.select("article img"), "an <img> from registry text was rendered"
    assert not soup.select("article strong:-soup-contains('bold')"), "Markdown was rendered"
    assert "49" not in text.replace("2099", ""), "a Jinja expression was evaluated"
    assert "site_name" not in text, "a Jinja include was executed"
    for link in soup.select("article a[href]"):
        assert not link["href"].lower().startswith(("javascript:", "data:")), page


def test_every_text_field_is_literal_on_the_entry_page(hostile_site: Build) -> None:
    text = main_text(hostile_site.html("resources/hostile-entry/"))
    for label in ("Title", "Provider", "Summary", "Fee", "Weeks", "Eligible", "Note"):
        assert f"{label} {HOSTILE}" in text, label
    assert "[link](javascript:alert(2)) <img src=x onerror=alert(3)>" in text


def test_hostile_title_is_escaped_in_the_head(hostile_site: Build) -> None:
    soup = hostile_site.html("resources/hostile-entry/")
    assert soup.title.get_text().startswith(f"Title {HOSTILE}")
    assert soup.select_one("h1").get_text(strip=True) == f"Title {HOSTILE}"
    go = soup.select_one("a.md-button--primary")
    assert go["href"] == "https://example.org/hostile?a=1&b=<2>"


def test_hostile_text_stays_data_in_resources_json(hostile_site: Build) -> None:
    import json
    items = json.loads(hostile_site.text("resources.json"))["resources"]
    entry = next(i for i in items if i["id"] == "hostile-entry")
    assert entry["title"] == f"Title {HOSTILE}"


def test_nothing_was_written_into_the_project(hostile_site: Build) -> None:
    docs = hostile_site.project / "docs"
    assert not (docs / "resources").exists()
    assert not any(Path(docs).rglob("hostile*"))
