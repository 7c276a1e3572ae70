"""Machine-readable exports of the registry (SPEC 4): JSON, CSV, Atom, iCalendar.

Each export is a pure function of the registry returning text; the MkDocs hook
only places it in the site. Registry text is data here too: CSV cells cannot
start a formula, and calendar text cannot start a new property or event.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from . import describe, xlsx
from . import vocabulary as v
from .fields import fields_of
from .records import Registry, Resource, Session
from .sessions import Event, upcoming_events
from .urls import entry_src, page_url

# Every declared field, in declaration order (SPEC 3.2's), is a JSON key and a CSV column.
EXPORT_FIELDS: tuple[str, ...] = tuple(spec.name for spec in fields_of(Resource))
FEED_SIZE = 100
PRODUCT = "-//Cyber Diplomacy Handbook//Registry//EN"
TAG = "tag:cyber-diplomacy-handbook,2026"


def resource_record(resource: Resource, directory_urls: bool = True) -> dict[str, Any]:
    """The registry fields of one entry, plus `page`, as JSON-ready values."""
    record = {name: _plain(getattr(resource, name)) for name in EXPORT_FIELDS}
    record["page"] = page_url(entry_src(resource.id), directory_urls)
    return record


def resources_json(registry: Registry, directory_urls: bool = True) -> str:
    items = [resource_record(r, directory_urls) for r in registry.resources]
    return json.dumps({"resources": items}, ensure_ascii=False, indent=1) + "\n"


# ---------------------------------------------------------------- CSV


def resources_csv(registry: Registry, directory_urls: bool = True, site_url: str | None = None) -> str:
    """One row per entry, list fields joined by ';', UTF-8 with a BOM for Excel; `page` is
    the entry page's public address where the site's address is known (a spreadsheet
    has no page to be relative to)."""
    out = io.StringIO()
    # Every cell quoted: Excel in many locales splits on ';', and a ';' in text must
    # not start a new cell (or a formula in it).
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow([*EXPORT_FIELDS, "page"])
    for resource in registry.resources:
        record = resource_record(resource, directory_urls)
        if site_url:
            record["page"] = _entry_address(_base(site_url), resource)
        writer.writerow([safe_cell(_cell(record[name])) for name in (*EXPORT_FIELDS, "page")])
    return "\ufeff" + out.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(_item_text(v) for v in value)
    return str(value)


def _item_text(item: Any) -> str:
    """A list item in one cell: a source by its URL, a session in words."""
    if not isinstance(item, dict):
        return str(item)
    return item["url"] if "url" in item else _session_text(item)


def _session_text(session: dict[str, Any]) -> str:
    text = session["start"] + (f"/{session['end']}" if session.get("end") else "")
    if session.get("deadline"):
        text += f" (apply by {session['deadline']})"
    if session.get("note"):
        text += f" {session['note'].replace(';', ',')}"
    return text


def safe_cell(text: str) -> str:
    """A cell a spreadsheet shows as text: no leading =, +, -, @, tab or CR formula."""
    if text and text[0] in "=+-@\t\r":
        return "'" + text
    return text


def _base(site_url: str | None) -> str:
    """The site's address ending in '/', or "" where it is not known."""
    return site_url.rstrip("/") + "/" if site_url else ""


def _entry_address(base: str, resource: Resource) -> str:
    """The entry page's public address (directory URLs, as published online)."""
    return base + page_url(entry_src(resource.id), True)


# ---------------------------------------------------------------- Excel

# The workbook's columns: (header, the text of a cell). Labels, not codes.
_XLSX_COLUMNS: tuple[tuple[str, Callable[[Resource], str | float | None]], ...] = (
    ("Title", lambda r: r.title),
    ("Provider", lambda r: r.provider),
    ("Kind", lambda r: v.KINDS[r.kind]),
    ("Cost", describe.EN.cost_text),
    ("About the cost", lambda r: r.cost_note),
    ("Hours", lambda r: r.hours),
    ("About the time", lambda r: r.duration_note),
    ("Format", lambda r: v.FORMATS.get(r.format or "", "")),
    ("Languages", lambda r: describe.EN.languages_text(r.languages)),
    ("Level", lambda r: v.LEVELS.get(r.level or "", "")),
    ("For", lambda r: describe.EN.labels(r.audience, v.AUDIENCES)),
    ("Regions", lambda r: describe.EN.labels(r.regions, v.REGIONS)),
    ("Who can take part", lambda r: r.eligibility),
    ("Sessions", lambda r: "; ".join(_session_text(_plain(s)) for s in r.sessions)),
    ("Year", lambda r: r.year),
    ("Last checked", lambda r: r.last_checked.isoformat()),
    ("Sources", lambda r: " ".join(s.url for s in r.sources)),
)
_WIDTHS = {"Title": 50, "Provider": 30, "Languages": 22, "Sessions": 40, "Sources": 40}


def resources_xlsx(registry: Registry, site_url: str | None, directory_urls: bool = True,
                   moment: datetime | None = None) -> bytes:
    """An Excel workbook: one sheet per catalog, labels instead of codes, clickable links
    to the entry page and the resource, a filter on the header row. Excel opens it right
    in every locale, where a comma CSV lands in one column in French or German Excel."""
    headers = [name for name, _ in _XLSX_COLUMNS] + ["Topics", "Entry page", "Link"]
    widths = [_WIDTHS.get(name, 16) for name in headers]
    topics = {t.id: t.title for t in registry.topics}
    sheets = []
    for catalog in v.CATALOGS:
        rows = []
        for resource in registry.of_kinds(*v.catalog_kinds(catalog)):
            page = (_entry_address(_base(site_url), resource) if site_url
                    else page_url(entry_src(resource.id), directory_urls))
            rows.append([value(resource) for _, value in _XLSX_COLUMNS]
                        + [", ".join(topics[t] for t in resource.topics), xlsx.Link(page),
                           xlsx.Link(resource.url)])
        sheets.append(xlsx.Sheet(catalog.capitalize(), headers, rows, widths))
    return xlsx.workbook(sheets, "Cyber Diplomacy Handbook", moment or datetime(2026, 1, 1, tzinfo=UTC))


# ---------------------------------------------------------------- Atom


def atom_feed(registry: Registry, site_url: str | None, built: datetime) -> str:
    """Atom 1.0: the newest entries by `added`, newest first."""
    ns = "http://www.w3.org/2005/Atom"
    ET.register_namespace("", ns)
    feed = ET.Element(f"{{{ns}}}feed")
    base = _base(site_url)
    _sub(feed, ns, "id", f"{TAG}:feed")
    _sub(feed, ns, "title", "Cyber Diplomacy Handbook: new entries")
    _sub(feed, ns, "subtitle", "Courses, tools and other resources added to the handbook's registry")
    _sub(feed, ns, "updated", _rfc3339(built))
    author = ET.SubElement(feed, f"{{{ns}}}author")
    _sub(author, ns, "name", "Cyber Diplomacy Handbook contributors")
    ET.SubElement(feed, f"{{{ns}}}link", rel="self", href=f"{base}feed.xml")
    ET.SubElement(feed, f"{{{ns}}}link", rel="alternate", href=base or "./")
    for resource in newest_first(registry)[:FEED_SIZE]:
        entry = ET.SubElement(feed, f"{{{ns}}}entry")
        _sub(entry, ns, "id", f"{TAG}:resources/{resource.id}")
        _sub(entry, ns, "title", resource.title)
        _sub(entry, ns, "updated", _day_rfc3339(resource.added or resource.last_checked))
        if resource.added:
            _sub(entry, ns, "published", _day_rfc3339(resource.added))
        ET.SubElement(entry, f"{{{ns}}}link", rel="alternate",
                      href=_entry_address(base, resource))
        ET.SubElement(entry, f"{{{ns}}}link", rel="related", href=resource.url)
        _sub(entry, ns, "summary", f"{resource.summary} ({describe.EN.cost_text(resource)}; "
             f"{resource.provider})")
        for topic in resource.topics:
            ET.SubElement(entry, f"{{{ns}}}category", term=topic)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def newest_first(registry: Registry) -> list[Resource]:
    """By `added`, newest first; on the same day, the entry lower in the file (added later) first."""
    order = {r.id: n for n, r in enumerate(registry.resources)}
    dated = [r for r in registry.resources if r.added]
    undated = [r for r in registry.resources if not r.added]
    return sorted(dated, key=lambda r: (r.added, order[r.id]), reverse=True) + undated


def _sub(parent: ET.Element, ns: str, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ns}}}{tag}")
    element.text = text
    return element


def _rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _day_rfc3339(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


# ---------------------------------------------------------------- iCalendar


def sessions_ics(registry: Registry, site_url: str | None, today: date, built: datetime) -> str:
    """RFC 5545: every future session start and application deadline, all-day events."""
    base = _base(site_url)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODUCT}", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", "X-WR-CALNAME:Cyber Diplomacy Handbook: sessions and deadlines"]
    stamp = built.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    for event in upcoming_events(registry, today):
        lines += _vevent(event, base, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def _vevent(event: Event, base: str, stamp: str) -> list[str]:
    resource, session = event.resource, event.session
    page = _entry_address(base, resource)
    if event.what == "deadline":
        summary, first, last = f"Application deadline: {resource.title}", event.day, event.day
    else:
        summary, first, last = resource.title, session.start, session.end or session.start
    description = _describe_session(resource, session, page)
    lines = ["BEGIN:VEVENT", f"UID:{event.uid}@cyber-diplomacy-handbook", f"DTSTAMP:{stamp}",
             f"DTSTART;VALUE=DATE:{first:%Y%m%d}",
             f"DTEND;VALUE=DATE:{last + timedelta(days=1):%Y%m%d}",
             f"SUMMARY:{escape_text(summary)}", f"DESCRIPTION:{escape_text(description)}",
             "TRANSP:TRANSPARENT"]
    if base:
        lines.append(f"URL;VALUE=URI:{page}")
    lines.append("END:VEVENT")
    return lines


def _describe_session(resource: Resource, session: Session, page: str) -> str:
    parts = [resource.provider, describe.EN.cost_text(resource)]
    if session.deadline:
        parts.append(f"Apply by {session.deadline.isoformat()}")
    if session.note:
        parts.append(session.note)
    parts += [f"Details: {page}" if page.startswith("http") else "", f"Provider: {resource.url}"]
    return "\n".join(p for p in parts if p)


def escape_text(text: str) -> str:
    """RFC 5545 TEXT: backslash, semicolon, comma and newlines escaped."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str, limit: int = 75) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character."""
    out, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > limit:
            out.append(current.decode("utf-8"))
            current = b" "
            limit = 75
        current += encoded
    out.append(current.decode("utf-8"))
    return "\r\n".join(out)


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return value
