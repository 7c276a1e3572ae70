"""Search finds what briefings cite: UN document symbols and paragraph references as written."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from handbook import vocabulary as v
from handbook.render import search_text
from tests.sitebuild import ROOT

SYMBOL = re.compile(r"\b[AS]/(?:RES/)?\d+/\d+(?:/\d+)?\b|\bS/RES/\d+\b")


def cited_symbols() -> dict[str, list[str]]:
    """Each UN document symbol the topic pages cite, with every page that cites it."""
    on_topics = {symbol for page in (ROOT / "docs" / "topics").glob("*.md")
                 for symbol in SYMBOL.findall(page.read_text(encoding="utf-8"))}
    found: dict[str, list[str]] = {}
    for page in sorted((ROOT / "docs").rglob("*.md")):
        url = page.relative_to(ROOT / "docs").with_suffix("").as_posix() + "/"
        for symbol in set(SYMBOL.findall(page.read_text(encoding="utf-8"))) & on_topics:
            found.setdefault(symbol, []).append(url.removesuffix("index/"))
    return found


def search(browser: Any, real_url: str, query: str) -> list[str]:
    """The pages of the search results, in order, as a reader sees them (typed, not filled)."""
    page = browser.new_page()
    page.goto(real_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially(query, delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=20000)
    page.wait_for_timeout(300)
    hrefs = page.eval_on_selector_all(".md-search-result__item > a",
                                      "els => els.map(e => e.getAttribute('href'))")
    page.close()
    root = urlsplit(real_url).path
    return [urlsplit(urljoin(real_url, href)).path.removeprefix(root) for href in hrefs]


def test_the_topic_pages_cite_un_symbols() -> None:
    assert len(cited_symbols()) >= 5


@pytest.mark.parametrize("symbol", sorted(cited_symbols()))
def test_a_un_symbol_finds_a_page_that_cites_it_among_the_first_three(
        browser: Any, real_url: str, symbol: str) -> None:
    pages = search(browser, real_url, symbol)
    assert set(pages[:3]) & set(cited_symbols()[symbol]), (symbol, pages[:5])


def pages_citing(text: str) -> list[str]:
    return [page.relative_to(ROOT / "docs").with_suffix("").as_posix().removesuffix("index") + "/"
            for page in sorted((ROOT / "docs").rglob("*.md")) if text in page.read_text(encoding="utf-8")]


@pytest.mark.parametrize("query", ["13(a)", "norm (h)"])
def test_paragraph_references_find_the_pages_citing_them_first(
        browser: Any, real_url: str, query: str) -> None:
    citing = pages_citing(query)
    assert citing, f"some page cites {query}"
    assert set(search(browser, real_url, query)[:3]) & set(citing), citing


def test_a_word_after_a_bracket_is_still_a_word(browser: Any, real_url: str) -> None:
    """"(Budapest" in a title is found as "Budapest" (the entry pages rank first)."""
    results = search(browser, real_url, "(Budapest")
    assert "resources/budapest-convention/" in results[:3]
    assert set(results) & set(pages_citing("(Budapest")), results


def test_both_editions_of_the_config_split_words_alike() -> None:
    def separator(name: str) -> str:
        class Tolerant(yaml.SafeLoader):
            pass
        Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)
        config = yaml.load(Path(ROOT / name).read_text(encoding="utf-8"), Loader=Tolerant)
        search_plugin = next(p for p in config["plugins"] if isinstance(p, dict) and "search" in p)
        return search_plugin["search"]["separator"]
    assert separator("mkdocs.yml") == separator("mkdocs-offline.yml")


def test_each_entry_is_one_search_result_with_its_facts_and_not_its_sources(
        real_site: Any, real_registry: Any) -> None:
    """Entry pages are indexed from their HTML as one document each (hooks/registry_site.py):
    the reader finds the entry by its summary, cost or language, once, ranked above pages that
    mention it; the sources' addresses and the resource's own address are not search text."""
    index = json.loads((real_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    by_location: dict[str, list[dict[str, Any]]] = {}
    for doc in index["docs"]:
        if doc["location"].startswith("resources/"):
            by_location.setdefault(doc["location"].split("#")[0], []).append(doc)
    assert set(by_location) == {f"resources/{r.id}/" for r in real_registry.resources}
    for resource in real_registry.resources:
        docs = by_location[f"resources/{resource.id}/"]
        assert len(docs) == 1, f"{resource.id}: {len(docs)} documents"
        doc = docs[0]
        assert html.unescape(doc["title"]) == resource.title, resource.id
        assert doc.get("boost") == 2, resource.id
        text = html.unescape(doc["text"])
        assert " ".join(resource.summary.split()) in text, resource.id
        assert v.COSTS[resource.cost] in text, resource.id
        for source in resource.sources:
            assert source.url not in text, f"{resource.id}: {source.url} is search text"


def test_search_text_keeps_the_facts_and_leaves_the_rest() -> None:
    body = ('<article><h1>Title</h1><p>Course · <span>P &lt;b&gt;</span></p>'
            '<p data-search-exclude><a href="x">Go<span> (external site)</span></a> '
            '<span class="host">https://example.org/</span></p>'
            '<dl><dt>Cost</dt> <dd>Free</dd></dl><h2 id="sessions">Sessions</h2><p>None</p>'
            '<h2 id="sources">Sources</h2>'
            '<ol data-search-exclude><li>https://source.example/</li></ol>'
            '<section data-search-exclude>Cite</section></article>')
    assert search_text(body) == "Course · P &lt;b&gt; Cost Free"
