"""Search finds what briefings cite: UN document symbols and paragraph references as written."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

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
