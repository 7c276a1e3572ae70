"""The handbook's content holds its promises: enough topics, entries and terms, no dead links."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from tests.sitebuild import Build

TOPIC_IDS = ("foundations", "international-law", "norms", "cbms", "cybercrime",
             "critical-infrastructure", "attribution", "strategy", "capacity-building",
             "internet-governance", "human-rights", "emerging-tech")


def prose_words(site: Build, url: str) -> int:
    """Words a reader reads on the page, without the registry's entry lists."""
    main = site.html(url).select_one("article.md-content__inner")
    for generated in main.select("[data-search-exclude], a.headerlink"):
        generated.decompose()
    return len(re.findall(r"\w+", main.get_text(" ")))


@pytest.mark.parametrize("topic_id", TOPIC_IDS)
def test_topic_page_has_600_words_of_its_own(real_site: Build, topic_id: str) -> None:
    assert prose_words(real_site, f"topics/{topic_id}/") >= 600


def test_registry_size_and_mix(real_registry) -> None:
    kinds = Counter(r.kind for r in real_registry.resources)
    assert len(real_registry.resources) >= 80
    assert kinds["course"] >= 30
    assert kinds["tool"] >= 15
    per_topic = {t.id: len(real_registry.for_topic(t.id)) for t in real_registry.topics}
    assert min(per_topic.values()) >= 5, per_topic


def test_some_entries_are_in_languages_other_than_english(real_registry) -> None:
    assert sum(1 for r in real_registry.resources if set(r.languages) - {"en"}) >= 5


def test_glossary_has_60_terms_each_with_a_permalink(real_site: Build) -> None:
    terms = real_site.html("glossary/").select("article h3[id]")
    assert len(terms) >= 60
    assert all(term.select_one("a.headerlink") for term in terms)


def test_abbreviations_are_explained_across_pages(real_site: Build) -> None:
    for url in ("topics/norms/", "topics/cybercrime/", "glossary/"):
        titles = {abbr.get("title") for abbr in real_site.html(url).select("article abbr")}
        assert titles, url
    gge = real_site.html("topics/norms/").find("abbr", string="GGE")
    assert gge is not None and gge["title"] == "Group of Governmental Experts"


def resolve(site: Build, page_url: str, href: str) -> Path:
    target = (site.site / page_url / href).resolve()
    return target / "index.html" if target.is_dir() or href.endswith("/") else target


def test_learning_paths_link_only_to_entries_that_exist(real_site: Build, real_registry) -> None:
    paths = real_site.html("").select(".hb-path")
    assert len(paths) >= 4
    for path in paths:
        links = path.select("a")
        assert len(links) >= 3
        for link in links:
            assert link["href"].startswith("resources/"), link["href"]
            entry_id = link["href"].split("/")[1]
            assert entry_id in real_registry.by_id
            assert resolve(real_site, "", link["href"]).exists(), link["href"]
            assert link.get_text(strip=True) == real_registry.by_id[entry_id].title


@pytest.mark.parametrize("topic_id", TOPIC_IDS)
def test_start_here_box_links_three_entries_of_the_topic(real_site: Build, real_registry,
                                                        topic_id: str) -> None:
    links = real_site.html(f"topics/{topic_id}/").select(".hb-start-here a")
    assert len(links) == 3
    for link in links:
        entry_id = link["href"].rstrip("/").split("/")[-1]
        assert topic_id in real_registry.by_id[entry_id].topics
        assert resolve(real_site, f"topics/{topic_id}/", link["href"]).exists()


def test_about_page_describes_the_study_and_the_method(real_site: Build) -> None:
    text = real_site.html("about/").get_text(" ")
    for phrase in ("2021", "DiploFoundation", "awareness", "money", "time", "last checked"):
        assert phrase.lower() in text.lower(), phrase
