"""Editions in French and Spanish (SPEC 6): same URLs and anchors, interface in the language."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from handbook import i18n
from tests.browser import serve_directory
from tests.sitebuild import ROOT, Build, build, build_editions, copy_project

EDITIONS = ("fr", "es")
PAGES = sorted(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md"))
AXE = Path(__import__("axe_playwright_python").__file__).with_name("axe.min.js")


def url_of(src: str) -> str:
    stem = src.removesuffix(".md")
    return "" if stem == "index" else stem.removesuffix("/index") + "/"


@pytest.fixture(scope="module")
def editions_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    result = build_editions(copy_project(tmp_path_factory.mktemp("editions")))
    assert result.returncode == 0, result.output
    return result


def html(site: Build, url: str) -> BeautifulSoup:
    return BeautifulSoup((site.site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def anchors(page: BeautifulSoup) -> set[str]:
    main = page.select_one("article.md-content__inner")
    return {e["id"] for e in main.select("[id]") if not e["id"].startswith(("fn", "__"))}


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_page_has_its_twin_with_lang_set_and_the_same_anchors(editions_site: Build,
                                                                    lang: str) -> None:
    for src in PAGES:
        english, twin = html(editions_site, url_of(src)), html(editions_site, f"{lang}/{url_of(src)}")
        assert twin.html["lang"] == lang, src
        missing = anchors(english) - anchors(twin)
        assert not missing, (src, sorted(missing)[:10])


@pytest.mark.parametrize("lang", EDITIONS)
def test_entry_pages_and_exports_exist_in_every_edition(editions_site: Build, lang: str) -> None:
    for entry in (editions_site.site / "resources").iterdir():
        assert (editions_site.site / lang / "resources" / entry.name / "index.html").exists(), entry.name


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_templates_download_in_the_editions_language(editions_site: Build, lang: str) -> None:
    """Each .docx the edition's templates page links is the edition's template: its title is
    the section heading the reader clicked under, its language the edition's."""
    from docx import Document

    page = html(editions_site, f"{lang}/practice/templates/")
    sections = page.select("article h2[id]")
    checked = 0
    for section in sections:
        link = next((a for a in section.find_all_next("a", href=re.compile(r"\.docx$"))), None)
        if link is None or Path(link["href"]).stem != section["id"]:
            continue
        path = (editions_site.site / lang / "practice" / "templates" / link["href"]).resolve()
        document = Document(str(path))
        heading = " ".join(section.get_text(" ").replace("¶", "").split())
        assert document.core_properties.language == lang, link["href"]
        assert document.core_properties.title == heading, (link["href"], heading)
        checked += 1
    assert checked == 5, f"{checked} templates checked"


def english_left(page: BeautifulSoup, lang: str) -> list[str]:
    """Interface strings of the catalog still in English on a page of another edition."""
    strings = i18n.load(ROOT, lang).strings
    parts = page.select(".hb-catalog, .hb-entry, .hb-upcoming, .hb-coverage, .hb-editions, "
                        ".hb-template-download, .md-header, .md-nav--primary")
    assert parts, "the page has generated parts to check"
    for part in parts:
        for element in part.select('[lang="en"], pre, code'):
            element.decompose()
    text = " ".join(" ".join(part.get_text(" ") for part in parts).split())
    left = []
    for message, translation in strings.items():
        if translation == message:
            continue  # the same word in both languages ("Format", "JSON")
        for fragment in re.split(r"\{\w+\}", message):
            fragment = fragment.strip(" :;,.()")
            if len(fragment.split()) >= 2 and re.search(rf"(?<!\w){re.escape(fragment)}(?!\w)", text):
                left.append(fragment)
    return left


@pytest.mark.parametrize("lang", EDITIONS)
@pytest.mark.parametrize("url", ["courses/", "tools/", "library/", "resources/budapest-convention/",
                                 "resources/diplo-cybersecurity-diplomacy-course/", "upcoming/",
                                 "coverage/", "practice/templates/"])
def test_no_english_interface_string_is_left(editions_site: Build, lang: str, url: str) -> None:
    assert english_left(html(editions_site, f"{lang}/{url}"), lang) == []


def test_english_pages_carry_no_translation_notice(editions_site: Build) -> None:
    assert not html(editions_site, "topics/norms/").select(".hb-edition-notice")


@pytest.mark.build
def test_a_third_language_with_only_its_interface_file_works(tmp_path: Path) -> None:
    """German: an interface file and one line of configuration; its pages fall back to English."""
    project = copy_project(tmp_path)
    (project / "editions" / "de").mkdir()
    (project / "editions" / "de" / "interface.yml").write_text(
        '"Cost": "Kosten"\n"Free": "Kostenlos"\n"Courses": "Kurse"\n"Languages": "Sprachen"\n'
        '"This page has not been translated yet; here it is in English.": '
        '"Diese Seite ist noch nicht übersetzt; hier ist sie auf Englisch."\n', encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("editions: [en, fr, es]", "editions: [en, fr, es, de]"))
    result = build(project, edition="de", site=tmp_path / "de")
    assert result.returncode == 0, result.output
    site = Build(project, tmp_path, 0, "")
    entry = html(site, "de/resources/budapest-convention/")
    assert entry.html["lang"] == "de"
    assert "Kosten" in entry.select_one("dl.hb-facts").get_text()
    assert "Englisch" in entry.select_one("dl.hb-facts").get_text(), "language names from CLDR"
    topic = html(site, "de/topics/norms/")
    assert "noch nicht übersetzt" in topic.select_one(".hb-edition-notice").get_text()
    assert topic.select_one("h2#key-points"), "the English page, with its anchors"
    catalog = html(site, "de/courses/")
    assert "Kostenlos" in catalog.select_one('.hb-facet[data-key="cost"]').get_text()


# ---------------------------------------------------------------- in the browser


@pytest.fixture(scope="module")
def editions_url(editions_site: Build) -> Iterator[str]:
    with serve_directory(editions_site.site) as url:
        yield url


def visible_ids(page: Any) -> list[str]:
    return sorted(page.eval_on_selector_all(".hb-card:not([hidden])", "els => els.map(e => e.id)"))


@pytest.mark.parametrize("lang", EDITIONS)
@pytest.mark.parametrize("query", ["cost=free&lang=fr", "topic=norms&level=introductory", "region=africa"])
def test_filters_from_the_address_show_the_same_entries_as_english(browser: Any, editions_url: str,
                                                                  lang: str, query: str) -> None:
    page = browser.new_page()
    shown = {}
    for prefix in ("", f"{lang}/"):
        page.goto(f"{editions_url}{prefix}courses/?{query}")
        page.wait_for_selector(".hb-catalog[data-ready]")
        shown[prefix] = visible_ids(page)
    page.close()
    assert shown[""] and shown[""] == shown[f"{lang}/"]


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_switcher_lands_on_the_same_page_in_the_other_language(browser: Any, editions_url: str,
                                                                   lang: str) -> None:
    page = browser.new_page()
    page.goto(f"{editions_url}topics/cybercrime/#key-points")
    page.locator(f'.hb-editions a[hreflang="{lang}"]').click()
    page.wait_for_url(re.compile(rf"/{lang}/topics/cybercrime/"))
    assert page.evaluate("document.documentElement.lang") == lang
    page.locator('.hb-editions a[hreflang="en"]').click()
    page.wait_for_url(re.compile(r"/topics/cybercrime/$"))
    assert urlsplit(page.url).path == urlsplit(editions_url).path + "topics/cybercrime/"
    page.close()


@pytest.mark.parametrize(("lang", "query"), [("fr", "Convention de Budapest"),
                                             ("es", "Convenio de Budapest")])
def test_search_in_an_edition_finds_its_own_page(browser: Any, editions_url: str, lang: str,
                                                 query: str) -> None:
    page = browser.new_page()
    page.goto(f"{editions_url}{lang}/")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially(query, delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=20000)
    page.wait_for_timeout(300)
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
    page.close()
    paths = [urlsplit(urljoin(editions_url, h)).path for h in hrefs]
    assert any(p.endswith(f"/{lang}/topics/cybercrime/") for p in paths[:5]), paths[:5]


@pytest.mark.parametrize("lang", EDITIONS)
@pytest.mark.parametrize("path", ["", "topics/norms/", "courses/", "resources/budapest-convention/"])
def test_axe_finds_no_serious_violation_in_an_edition(browser: Any, editions_url: str, lang: str,
                                                      path: str) -> None:
    page = browser.new_page()
    page.goto(f"{editions_url}{lang}/{path}")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    page.close()
    bad = [f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
           for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == []
