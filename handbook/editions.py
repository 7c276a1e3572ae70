"""Editions in other languages (SPEC 6): where each page is, and what a page says about it.

An edition mirrors the English URLs under its language code (`/fr/topics/norms/`).
Its pages are the translations in `editions/<lang>/docs/`, and the English page
where there is none yet, under a notice; a translation older than its English
page says so too. Plain Python: the MkDocs side is `hooks/editions_site.py`.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel import Locale

from .i18n import Interface
from .render import inert
from .translations import EDITIONS_DIR, ENGLISH_DOCS, Translation
from .urls import page_url


@dataclass(frozen=True)
class Alternate:
    lang: str
    name: str  # the language's name in itself: "Français"
    href: str  # relative to the page
    current: bool


def translated_source(root: Path, lang: str, src: str) -> Path | None:
    path = root / EDITIONS_DIR / lang / "docs" / src
    return path if path.exists() else None


def edition_url(src: str, from_edition: str, to_edition: str, directory_urls: bool) -> str:
    """A link from a page in one edition to the same page in another ("" is English)."""
    here = page_url(src, directory_urls)
    depth = here.count("/") if directory_urls else posixpath.dirname(here).count("/") + bool(
        posixpath.dirname(here))
    up = "../" * (depth + bool(from_edition))
    target = f"{to_edition}/" if to_edition else ""
    return (up + target + here) or "./"


def alternates(src: str, edition: str, codes: list[str], directory_urls: bool) -> list[Alternate]:
    """This page in every edition, for the language switcher (its links carry hreflang)."""
    found = []
    for code in codes:
        other = "" if code == "en" else code
        found.append(Alternate(code, language_name(code), edition_url(src, edition, other, directory_urls),
                               other == edition))
    return found


@cache
def language_name(code: str) -> str:
    """A language's name in that language, capitalised: 'Français', 'Español'."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


def notice(root: Path, edition: str, src: str, interface: Interface, english_href: str) -> str | None:
    """The notice an edition's page carries: not translated yet, or older than the English
    page (with the date of the translation). None for a current translation."""
    t = interface.t
    path = translated_source(root, edition, src)
    if path is None:
        text = t("This page has not been translated yet; here it is in English.")
    else:
        translation = Translation(edition, src, root / ENGLISH_DOCS / src, path)
        if not translation.stale:
            return None
        day = translation.translated_on
        text = (t("This translation dates from {day}; the English page has changed since.",
                  day=interface.date(day)) if day else
                t("This translation is older than the English page, which has changed since."))
    link = t("Read the English page")
    return (f'<div class="admonition note hb-edition-notice" data-search-exclude>'
            f'<p class="admonition-title">{inert(t("Translation"))}</p>'
            f'<p>{inert(text)} <a href="{inert(english_href)}" hreflang="en" lang="en">'
            f"{inert(link)}</a></p></div>")


def with_notice(markdown: str, notice_html: str | None) -> str:
    """The page's Markdown with the notice after its title."""
    if not notice_html:
        return markdown
    lines = markdown.split("\n")
    at = next((n + 1 for n, line in enumerate(lines) if line.startswith("# ")), 0)
    return "\n".join([*lines[:at], "", notice_html, "", *lines[at:]])
