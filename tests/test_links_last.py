"""Links in briefings never break (SPEC 7): explicit ids, the published list, redirects."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from handbook import published
from handbook.cli import main
from handbook.registry import load
from tests.browser import serve_directory
from tests.sitebuild import ROOT, Build, build, copy_project

HEADING = re.compile(r"^(#{1,6}) (.*)$", re.M)
FENCE = re.compile(r"^```.*?^```", re.M | re.S)
PAGE_SOURCES = [*sorted((ROOT / "docs").rglob("*.md")), *sorted((ROOT / "editions").rglob("docs/**/*.md"))]


@pytest.mark.parametrize("page", PAGE_SOURCES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_heading_of_a_hand_written_page_has_an_explicit_id(page: Path) -> None:
    body = FENCE.sub("", page.read_text(encoding="utf-8"))
    bare = [h for _, h in HEADING.findall(body) if not re.search(r"\{ ?#[\w-]+ ?\}\s*$", h)]
    assert bare == [], f"add {{ #id }} to these headings: {bare}"


def test_the_published_list_holds_every_address_the_sources_publish() -> None:
    registry = load(str(ROOT / "data" / "resources.yaml"))
    listed = published.read(ROOT)
    current = published.current_addresses(ROOT, registry)
    assert listed.problems == []
    assert published.unlisted(current, listed) == [], "run `handbook published --update`"
    for edition in published.editions(ROOT):
        assert published.vanished(current, listed, edition) == []
    assert len(listed.addresses) >= 700


def test_handbook_published_reports_a_new_heading_until_the_list_is_updated(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    project = copy_project(tmp_path)
    page = project / "docs" / "topics" / "norms.md"
    page.write_text(page.read_text() + "\n## A new section { #a-new-section }\n\nText.\n")
    monkeypatch.chdir(project)
    assert main(["published"]) == 1
    assert "/topics/norms/#a-new-section: published by the sources but not listed" in capsys.readouterr().out
    assert main(["published", "--update"]) == 0
    assert "/topics/norms/#a-new-section\n" in (project / published.PUBLISHED_PATH).read_text()
    assert main(["published"]) == 0


def reword(project: Path, alias: bool) -> None:
    """Reword a topic page's heading, as an editor would: the anchor changes with it."""
    page = project / "docs" / "topics" / "norms.md"
    old = "## Why it matters { #why-it-matters }"
    new = "## Why norms matter { #why-norms-matter }"
    if alias:
        new = '<span id="why-it-matters"></span>\n\n' + new
    page.write_text(page.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


@pytest.mark.build
def test_rewording_a_heading_without_an_alias_fails_the_build_naming_page_and_anchor(
        tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    reword(project, alias=False)
    result = build(project)
    assert result.returncode != 0
    assert "/topics/norms/#why-it-matters: /topics/norms/ has no element with id 'why-it-matters'" in (
        result.output)
    assert "Traceback" not in result.output


def move_support_page(project: Path) -> None:
    """Rename practice/support.md to practice/help.md, with the nav and links updated."""
    (project / "docs" / "practice" / "support.md").rename(project / "docs" / "practice" / "help.md")
    for path in [project / "mkdocs.yml", *(project / "docs").rglob("*.md")]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("support.md", "help.md"), encoding="utf-8")


@pytest.fixture(scope="module")
def aliased_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """A heading reworded with its old anchor kept, and a page moved with a redirect."""
    project = copy_project(tmp_path_factory.mktemp("aliased"))
    reword(project, alias=True)
    move_support_page(project)
    with (project / published.PUBLISHED_PATH).open("a") as handle:
        handle.write("/practice/support/ -> /practice/help/\n")
    subprocess.run([sys.executable, "-m", "handbook.cli", "published", "--update"], cwd=project,
                   check=True, capture_output=True)
    result = build(project)
    assert result.returncode == 0, result.output
    return result


@pytest.mark.build
def test_deleting_a_page_without_a_redirect_fails_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    move_support_page(project)
    result = build(project)
    assert result.returncode != 0
    assert "/practice/support/: no page at this address; add a redirect" in result.output


def test_the_old_anchor_lands_on_the_reworded_section(browser: Any, aliased_site: Build) -> None:
    with serve_directory(aliased_site.site) as base:
        page = browser.new_page()
        page.goto(base + "topics/norms/#why-it-matters")
        heading = page.locator("#why-norms-matter")
        box, viewport = heading.bounding_box(), page.viewport_size
        assert box is not None and 0 <= box["y"] < viewport["height"] / 2, "scrolled to the section"
        page.close()


def test_a_moved_page_redirects_online(browser: Any, aliased_site: Build) -> None:
    with serve_directory(aliased_site.site) as base:
        page = browser.new_page()
        page.goto(base + "practice/support/#step-by-step-asking")
        page.wait_for_url(re.compile(r"/practice/help/"))
        assert page.url.endswith("/practice/help/#step-by-step-asking"), "the anchor is kept"
        page.close()


def test_a_moved_page_redirects_in_the_offline_zip(browser: Any, aliased_site: Build,
                                                   tmp_path: Path) -> None:
    offline = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", "mkdocs-offline.yml",
         "--site-dir", str(tmp_path / "offline")], cwd=aliased_site.project, capture_output=True,
        text=True)
    assert offline.returncode == 0, offline.stdout + offline.stderr
    subprocess.run([sys.executable, "-m", "handbook.offline", str(tmp_path / "offline"),
                    str(tmp_path / "h.zip")], check=True, capture_output=True)
    with zipfile.ZipFile(tmp_path / "h.zip") as archive:
        archive.extractall(tmp_path / "unzipped")
    root = next((tmp_path / "unzipped").iterdir())
    page = browser.new_page()
    page.goto((root / "practice" / "support.html").as_uri())
    page.wait_for_url(re.compile(r"/practice/help\.html"))
    assert page.locator("h1").first.inner_text()
    page.close()
