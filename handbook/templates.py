"""The practice templates (SPEC 8): one Markdown source each, shown on the page and
written as a Word document (.docx) a delegation can fill in.

A template uses a small Markdown subset: `###`/`####` headings, paragraphs,
`- ` bullets, `1. ` numbered items, `**bold**` and `[[placeholders]]`. Headings
get permanent ids from the English template, by position, so every edition's
page has the same anchors.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from .render import inert

TEMPLATE_DIR = "data/templates/en"
EDITION_TEMPLATES = "editions/{lang}/templates"
# Each template's slug (its file, its anchor, its .docx) and its title in English, as the
# templates page heads its section; the editions translate it in their interface file.
TITLES: dict[str, str] = {
    "national-position": "A national position on international law",
    "statement": "A three-minute national statement",
    "assistance-request": "A request for assistance under norm (h)",
    "concept-note": "A capacity-building concept note",
    "dialogue-agenda": "A bilateral cyber dialogue agenda",
}
SLUGS: tuple[str, ...] = tuple(TITLES)

_HEADING = re.compile(r"^(#{3,4}) (.+?)\s*$", re.M)
_PLACEHOLDER = re.compile(r"\[\[(.+?)\]\]")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_LIST = re.compile(r"^(- |\d+\. )(.*)$")


def source(root: Path, slug: str, lang: str = "en") -> Path:
    """The template's source in an edition, falling back to English."""
    if slug not in SLUGS:
        raise ValueError(f"unknown template '{slug}'; the templates are {', '.join(SLUGS)}")
    if lang != "en":
        translated = root / EDITION_TEMPLATES.format(lang=lang) / f"{slug}.md"
        if translated.exists():
            return translated
    return root / TEMPLATE_DIR / f"{slug}.md"


def heading_ids(root: Path, slug: str) -> list[str]:
    """'<slug>-<words of the English heading>', for each heading in order."""
    english = (root / TEMPLATE_DIR / f"{slug}.md").read_text(encoding="utf-8")
    return [f"{slug}-{_slug(text)}" for _, text in _HEADING.findall(english)]


def page_markdown(root: Path, slug: str, lang: str = "en") -> str:
    """The template for its page: headings with their permanent ids, placeholders marked."""
    text = source(root, slug, lang).read_text(encoding="utf-8")
    ids = iter(heading_ids(root, slug))

    def with_id(match: re.Match[str]) -> str:
        return f"{match[1]} {match[2]} {{ #{next(ids, slug)} }}"

    text = _HEADING.sub(with_id, text)
    return _PLACEHOLDER.sub(lambda m: f'<mark class="hb-placeholder">[{inert(m[1])}]</mark>', text)


def docx_bytes(root: Path, slug: str, title: str, lang: str = "en",
               moment: datetime | None = None) -> bytes:
    """The template as a Word document: headings, lists, bold, highlighted placeholders."""
    path = source(root, slug, lang)
    # Kept per version of the file: `mkdocs serve` rebuilds on every edit, and writing
    # the five documents costs about a second.
    return _docx(path, path.stat().st_mtime_ns, title, lang, moment or datetime(2026, 1, 1, tzinfo=UTC))


@lru_cache(maxsize=32)
def _docx(path: Path, mtime: int, title: str, lang: str, moment: datetime) -> bytes:
    from docx import Document
    from docx.enum.text import WD_COLOR_INDEX

    document = Document()
    properties = document.core_properties
    properties.title, properties.language = title, lang
    properties.created = properties.modified = moment.replace(tzinfo=None)
    properties.last_modified_by = properties.author = "Cyber Diplomacy Handbook"
    document.add_heading(title, level=0)
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8").strip()):
        lines = block.strip().splitlines()
        heading = _HEADING.match(lines[0])
        if heading and len(lines) == 1:
            document.add_heading(heading[2], level=len(heading[1]) - 2)
            continue
        for line in (lines if _LIST.match(lines[0]) else [" ".join(lines)]):
            item = _LIST.match(line)
            style = None if item is None else ("List Bullet" if item[1] == "- " else "List Number")
            paragraph = document.add_paragraph(style=style)
            for text, bold, placeholder in _runs(item[2] if item else line):
                run = paragraph.add_run(f"[{text}]" if placeholder else text)
                run.bold = bold
                if placeholder:
                    run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    out = io.BytesIO()
    document.save(out)
    return fixed_zip(out.getvalue(), moment)


def fixed_zip(data: bytes, moment: datetime) -> bytes:
    """The same zip (a .docx) with every entry stamped `moment`: the same
    sources give the same bytes."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    stamp = moment.timetuple()[:6]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type, entry.external_attr = zipfile.ZIP_DEFLATED, info.external_attr
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # the writer stamps the time of saving
                iso = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                content = _CORE_DATES.sub(rb"\g<1>" + iso + rb"\g<2>", content)
            target.writestr(entry, content)
    return out.getvalue()


_CORE_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _runs(text: str) -> list[tuple[str, bool, bool]]:
    """(text, bold, placeholder) pieces of one line."""
    runs: list[tuple[str, bool, bool]] = []
    for n, part in enumerate(_BOLD.split(text)):
        for m, piece in enumerate(_PLACEHOLDER.split(part)):
            if piece:
                runs.append((piece, n % 2 == 1, m % 2 == 1))
    return runs


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
