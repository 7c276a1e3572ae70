"""The offline edition from file://, redirects from former ids, and print (SPEC 4)."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from handbook.offline import FOLDER, write_zip
from handbook.synthetic import synthetic_registry
from tests.browser import RequestLog, serve_directory
from tests.sitebuild import build, build_editions, copy_project, with_real

pytestmark = [pytest.mark.browser, pytest.mark.timeout(600)]


def registry_with_alias() -> str:
    data = synthetic_registry(12)
    data["resources"][0]["aliases"] = ["an-old-name"]
    return with_real(data)


@pytest.fixture(scope="module")
def offline_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The zip built as `make offline` builds it, unzipped to a fresh folder."""
    project = copy_project(tmp_path_factory.mktemp("offline-src"), registry_with_alias())
    result = build_editions(project, "--config-file", "mkdocs-offline.yml")
    assert result.returncode == 0, result.output
    archive = tmp_path_factory.mktemp("dist") / "handbook-offline.zip"
    write_zip(result.site, archive)
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(target)
    return target / FOLDER


@pytest.fixture
def file_page(browser: Any, offline_root: Path) -> Iterator[Any]:
    context = browser.new_context()
    page = context.new_page()
    page.request_log = RequestLog(offline_root.as_uri())
    page.on("request", lambda request: page.request_log.urls.append(request.url))
    yield page
    assert page.request_log.outside() == [], "the offline edition asked the network"
    context.close()


def test_zip_holds_a_readme_and_every_page(offline_root: Path) -> None:
    assert (offline_root / "READ-ME.txt").exists()
    assert (offline_root / "index.html").exists()
    assert (offline_root / "courses.html").exists()
    assert (offline_root / "resources" / "budapest-convention.html").exists()
    assert (offline_root / "search" / "search_index.js").exists()


def test_offline_search_works_from_disk(file_page: Any, offline_root: Path) -> None:
    file_page.goto((offline_root / "index.html").as_uri())
    file_page.locator("label.md-search__icon, .md-search__input").first.click()
    file_page.locator("input.md-search__input").press_sequentially("Budapest", delay=30)
    file_page.wait_for_selector(".md-search-result__item", timeout=20000)
    hrefs = file_page.eval_on_selector_all(".md-search-result__item > a",
                                           "els => els.map(e => e.getAttribute('href'))")
    assert any("budapest-convention.html" in h for h in hrefs)


def test_offline_catalog_filters_from_the_query_string(file_page: Any, offline_root: Path) -> None:
    file_page.goto((offline_root / "courses.html").as_uri() + "?cost=free&lang=fr")
    file_page.wait_for_selector(".hb-filters:not([hidden])")
    items = json.loads((offline_root / "resources.json").read_text(encoding="utf-8"))["resources"]
    expected = [i["id"] for i in items if i["kind"] == "course" and i["cost"] == "free"
                and "fr" in i["languages"]]
    assert expected
    shown = file_page.eval_on_selector_all(".hb-card:not([hidden])", "els => els.map(e => e.id)")
    assert shown == expected


def test_offline_navigation_follows_links(file_page: Any, offline_root: Path) -> None:
    file_page.goto((offline_root / "index.html").as_uri())
    file_page.locator("nav.md-nav--primary a", has_text="Courses").first.click()
    file_page.wait_for_load_state()
    assert file_page.url.endswith("/courses.html")
    file_page.locator(".hb-card__title a").first.click()
    file_page.wait_for_load_state()
    assert "/resources/" in file_page.url and file_page.url.endswith(".html")
    assert file_page.locator("a.md-button--primary").count() == 1
    file_page.goto((offline_root / "index.html").as_uri())
    assert "offline edition" in file_page.locator(".hb-offline-note").inner_text()


def test_offline_alias_redirects_to_the_entry(file_page: Any, offline_root: Path) -> None:
    file_page.goto((offline_root / "resources" / "an-old-name.html").as_uri())
    file_page.wait_for_url("**/resources/synthetic-course-0.html")
    assert file_page.locator("h1").inner_text().endswith(" 0")


@pytest.fixture(scope="module")
def online(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = copy_project(tmp_path_factory.mktemp("online"), registry_with_alias())
    result = build(project)
    assert result.returncode == 0, result.output
    with serve_directory(result.site) as url:
        yield url


def test_alias_redirects_online(browser: Any, online: str) -> None:
    page = browser.new_page()
    page.goto(online + "resources/an-old-name/")
    page.wait_for_url("**/resources/synthetic-course-0/")
    assert page.locator("h1").inner_text().endswith(" 0")
    page.close()


def test_entry_page_prints_as_a_clean_brief(browser: Any, online: str) -> None:
    page = browser.new_page()
    page.goto(online + "resources/budapest-convention/")
    page.emulate_media(media="print")
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert not page.locator(".md-header").is_visible()
    footer = page.locator(".hb-print-footer")
    assert footer.is_visible()
    assert "resources/budapest-convention/" in footer.inner_text()
    after = page.evaluate("""() => getComputedStyle(
        document.querySelector('a.md-button--primary'), '::after').content""")
    assert "coe.int" in after
    page.close()


def test_online_home_offers_the_offline_zip(browser: Any, online: str) -> None:
    page = browser.new_page()
    page.goto(online)
    link = page.locator(".hb-offline-download a[download]")
    assert link.get_attribute("href") == "handbook-offline.zip"
    page.close()


def test_offline_pages_give_the_online_address_to_copy_and_print(file_page: Any,
                                                               offline_root: Path) -> None:
    file_page.goto((offline_root / "resources" / "budapest-convention.html").as_uri())
    online = "https://cyber-diplomacy-handbook.github.io/handbook/resources/budapest-convention/"
    assert file_page.locator('meta[name="hb:address"]').get_attribute("content") == online
    assert online in file_page.locator(".hb-print-footer").text_content()


def test_offline_permalink_copies_the_public_address_of_the_section(file_page: Any,
                                                                    offline_root: Path) -> None:
    file_page.goto((offline_root / "topics" / "norms.html").as_uri())
    file_page.locator("h2#key-points a.headerlink").click()
    toast = file_page.locator(".hb-toast")
    file_page.wait_for_function("document.querySelector('.hb-toast').textContent.length > 0")
    public = "https://cyber-diplomacy-handbook.github.io/handbook/topics/norms/#key-points"
    assert public in toast.text_content() and "file:" not in toast.text_content()
    advice = (offline_root / "index.html").read_text(encoding="utf-8")
    assert "public address" in advice, "the home page says what copied links give"


def test_the_zip_holds_every_edition_and_each_home_offers_the_others(file_page: Any,
                                                                     offline_root: Path) -> None:
    for code in ("fr", "es"):
        assert (offline_root / code / "index.html").exists()
        assert (offline_root / code / "resources" / "budapest-convention.html").exists()
    file_page.goto((offline_root / "index.html").as_uri())
    file_page.locator('.hb-editions a[hreflang="fr"]').click()
    file_page.wait_for_url("**/fr/index.html")
    assert file_page.evaluate("document.documentElement.lang") == "fr"
    file_page.locator('.hb-editions a[hreflang="es"]').click()
    file_page.wait_for_url("**/es/index.html")
