"""The handbook's abbreviations (`includes/abbreviations.md`), for tooltips on every page.

The file keeps Python-Markdown's `*[ABBR]: expansion` syntax, so it reads as
documentation; the build loads it once into the `abbr` extension's glossary
instead of appending it to every page (which cost ~20 ms a page to parse).
"""

from __future__ import annotations

import re

_LINE = re.compile(r"^\*\[(?P<abbr>[^\]]+)\]:\s*(?P<title>.+?)\s*$")


def parse_abbreviations(text: str) -> dict[str, str]:
    """{abbreviation: expansion} from `*[ABBR]: expansion` lines; other lines are ignored."""
    glossary: dict[str, str] = {}
    for line in text.splitlines():
        match = _LINE.match(line)
        if match:
            glossary[match["abbr"]] = match["title"]
    return glossary
