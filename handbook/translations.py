"""Translated pages of the editions (SPEC 6): are they complete, faithful in form, current?

A translation lives at `editions/<lang>/docs/<path>` beside the English
`docs/<path>` and records in its front matter the English text it came from
(`translation: {source_sha: …, date: …}`). `python -m handbook.translations
check LANG` compares each translation's form with its English page (heading
ids, links, tables, macros, footnotes, anchors); `stale LANG` lists those
whose English page has changed since; `restamp LANG PATH…` (or `--all`)
records a translation as brought up to date.
"""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

EDITIONS_DIR = "editions"
ENGLISH_DOCS = "docs"

_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
HEADING_ID = re.compile(r"^#{1,6} .*\{ ?#([\w-]+) ?\}\s*$", re.M)
_LINK = re.compile(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_FOOTNOTE_DEF = re.compile(r"^\[\^([\w-]+)\]:", re.M)
_FOOTNOTE_REF = re.compile(r"\[\^([\w-]+)\](?!:)")
_HTML_ID = re.compile(r"<[a-z]+ [^>]*\bid=\"([\w-]+)\"")
_TABLE_ROW = re.compile(r"^\|.*\|\s*$", re.M)


@dataclass(frozen=True)
class Translation:
    lang: str
    path: str  # relative to the docs folder: "topics/norms.md"
    source: Path
    target: Path

    @cached_property
    def meta(self) -> dict[str, Any]:
        return front_matter(self.target.read_text(encoding="utf-8"))

    @property
    def stale(self) -> bool:
        recorded = str((self.meta.get("translation") or {}).get("source_sha", ""))
        return recorded != source_sha(self.source)

    @property
    def translated_on(self) -> date | None:
        value = (self.meta.get("translation") or {}).get("date")
        return value if isinstance(value, date) else None


def source_sha(path: Path) -> str:
    """The short fingerprint of an English page a translation records."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def front_matter(text: str) -> dict[str, Any]:
    match = _FRONT.match(text)
    meta = yaml.safe_load(match[1]) if match else {}
    return meta if isinstance(meta, dict) else {}


def translations(root: Path, lang: str) -> list[Translation]:
    """Every translated page of an edition that has an English page."""
    base = root / EDITIONS_DIR / lang / "docs"
    found = []
    for target in sorted(base.rglob("*.md")):
        path = target.relative_to(base).as_posix()
        source = root / ENGLISH_DOCS / path
        if source.exists():
            found.append(Translation(lang, path, source, target))
    return found


def form(text: str) -> dict[str, list[str]]:
    """What must survive translation: ids, links, macros, footnotes, table shape."""
    body = _FRONT.sub("", text)
    return {
        "heading ids": HEADING_ID.findall(body),
        "links": _LINK.findall(_MACRO.sub("", body)),
        "macros": [" ".join(m.split()) for m in _MACRO.findall(body)],
        "footnotes": sorted(set(_FOOTNOTE_DEF.findall(body))),
        "footnote references": _FOOTNOTE_REF.findall(body),
        "html ids": _HTML_ID.findall(body),
        "table rows": [str(len(_TABLE_ROW.findall(body)))],
    }


def differences(translation: Translation) -> list[str]:
    """How a translation's form differs from its English page, one line each."""
    english = form(translation.source.read_text(encoding="utf-8"))
    translated = form(translation.target.read_text(encoding="utf-8"))
    lines = []
    for key, expected in english.items():
        got = translated[key]
        if got != expected:
            missing = [x for x in expected if x not in got]
            extra = [x for x in got if x not in expected]
            detail = f"missing {missing}" if missing else ""
            detail += ("; " if detail and extra else "") + (f"unexpected {extra}" if extra else "")
            lines.append(f"{translation.lang}/{translation.path}: {key} differ: "
                         f"{detail or 'same items, other order'}")
    return lines


def restamp(translation: Translation) -> None:
    """Record that a translation now matches its English page (after bringing it up to date)."""
    text = translation.target.read_text(encoding="utf-8")
    sha = source_sha(translation.source)
    new, count = re.subn(r"(?m)^(\s+source_sha:\s*)\S+", rf"\g<1>{sha}", text, count=1)
    if not count:
        raise ValueError(f"{translation.target}: no translation.source_sha in the front matter")
    translation.target.write_text(new, encoding="utf-8")


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] not in ("check", "stale", "restamp"):
        print("usage: python -m handbook.translations check|stale LANG, or restamp LANG PATH…",
              file=sys.stderr)
        return 2
    command, lang = argv[:2]
    found = translations(Path.cwd(), lang)
    if command == "restamp":
        chosen = [t for t in found if t.path in argv[2:] or argv[2:] == ["--all"]]
        for t in chosen:
            restamp(t)
            print(f"{lang}/{t.path}: now recorded as translated from the current English page")
        return 0
    if command == "stale":
        old = [t for t in found if t.stale]
        for t in old:
            print(f"{lang}/{t.path}: the English page changed after the translation of "
                  f"{t.translated_on or 'an unknown date'}")
        print(f"{len(old)} of {len(found)} {lang} translations are older than their English page")
        return 1 if old else 0
    problems = [line for t in found for line in differences(t)]
    for line in problems:
        print(line)
    print(f"{len(found)} {lang} translations checked: {len(problems)} difference(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
