"""Validate a loaded registry document and turn it into typed records (SPEC 3.3).

Each rule is a small `check_*` function that reports into a shared list, so
every problem in the file is found in one pass and printed with its line.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from . import vocabulary as v
from .problems import Problem
from .records import Registry, Resource, Session, Source, Topic
from .yamlsource import Document, Path

_ID_RE = re.compile(v.ID_PATTERN)
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SEEN_RE = re.compile(r"^\d{4}(-\d{2})?$")
_DECIMAL_RE = re.compile(r"^-?\d+(\.\d+)?$")
MAX_HOURS = 100_000
_BIDI = {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
_JOINERS = {0x200C, 0x200D}  # needed to write Persian, Indic scripts and emoji
INVALID = object()


@dataclass
class Context:
    """What every check needs: the document, today's date, and the problem list."""

    document: Document
    today: date
    problems: list[Problem] = field(default_factory=list)
    entry_ids: dict[tuple[str, int], str] = field(default_factory=dict)

    def report(self, path: Path, message: str, *, at_key: bool = False) -> None:
        if path in self.document.reported_paths:
            return
        mark = self.document.key_marks.get(path) if at_key else None
        line, column = mark or self.document.mark(path)
        self.problems.append(Problem(self.document.file, line, column, self.where(path), message))

    def where(self, path: Path) -> str:
        if not path:
            return ""
        head = _path_part(path[0])
        rest = path[1:]
        if rest and isinstance(rest[0], int):
            head += f"[{rest[0]}]"
            entry_id = self.entry_ids.get((str(path[0]), rest[0]))
            if entry_id:
                head += f" ({entry_id})"
            rest = rest[1:]
        tail = ""
        for part in rest:
            name = _path_part(part)
            tail += f"[{part}]" if isinstance(part, int) else (f".{name}" if tail else name)
        return f"{head} {tail}" if tail else head

    def text_of(self, path: Path, value: Any) -> Any:
        """The author's text for a plain scalar YAML read as a number, date or boolean."""
        if isinstance(value, str):
            return value
        return self.document.plain_text.get(path, value)


Check = Callable[[Context, Path, Any], Any]


def validate(document: Document, today: date | None = None) -> tuple[Registry | None, list[Problem]]:
    """Records for a valid document, else None and every problem found."""
    ctx = Context(document, today or date.today())
    data = document.data
    if not isinstance(data, dict):
        _report_reading_issues(ctx)
        ctx.report((), "the file must be a mapping with the keys 'topics' and 'resources'")
        return None, sorted(ctx.problems)
    check_top_level(ctx, data)
    topic_items = _items(ctx, data, "topics")
    resource_items = _items(ctx, data, "resources")
    _ids_as_text(ctx, "topics", topic_items, ("id",), ("start_here",))
    _ids_as_text(ctx, "resources", resource_items, ("id",), ("aliases", "related", "topics"))
    _remember_ids(ctx, "topics", topic_items)
    _remember_ids(ctx, "resources", resource_items)
    _report_reading_issues(ctx)
    topics = [check_topic(ctx, i, item) for i, item in topic_items]
    # Every well-formed topic id counts, even if another field of that topic is wrong,
    # so one typo does not turn into an error on every entry of the topic.
    topic_ids = [item["id"] for _, item in topic_items
                 if isinstance(item.get("id"), str) and _ID_RE.match(item["id"])]
    resources = [check_resource(ctx, i, item, topic_ids) for i, item in resource_items]
    valid = [r for r in resources if r is not None]
    check_unique_ids(ctx, "topics", topic_items)
    check_unique_ids(ctx, "resources", resource_items)
    check_aliases(ctx, resource_items)
    check_related(ctx, resource_items)
    check_start_here(ctx, topic_items, {r.id: r for r in valid})
    if ctx.problems:
        return None, sorted(ctx.problems)
    return Registry(tuple(t for t in topics if t), tuple(valid), document.file), []


def check_top_level(ctx: Context, data: dict[str, Any]) -> None:
    """Only 'topics' and 'resources', both present."""
    for key in data:
        if key not in ("topics", "resources"):
            ctx.report((key,), f"unknown top-level key '{_show_raw(str(key))}'"
                       f"{_suggest(str(key), ['topics', 'resources'])}", at_key=True)
    for key in ("topics", "resources"):
        if key not in data:
            ctx.report((), f"missing top-level key '{key}'")


def _items(ctx: Context, data: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
    value = data.get(key)
    if key not in data:
        return []
    if not isinstance(value, list) or not value:
        ctx.report((key,), f"'{key}' must be a list with at least one entry")
        return []
    items = []
    for index, item in enumerate(value):
        if isinstance(item, dict):
            items.append((index, item))
        else:
            ctx.report((key, index), "each entry must be a mapping of fields (id: …, title: …)")
    return items


def _ids_as_text(ctx: Context, key: str, items: list[tuple[int, dict[str, Any]]],
                 single: tuple[str, ...], lists: tuple[str, ...]) -> None:
    """Ids written as bare numbers (`id: 2001`) become the text the author wrote,
    so every check, cross-references included, compares like with like."""
    for index, item in items:
        for name in single:
            if name in item:
                item[name] = ctx.text_of((key, index, name), item[name])
        for name in lists:
            values = item.get(name)
            if isinstance(values, list):
                item[name] = [ctx.text_of((key, index, name, n), v) for n, v in enumerate(values)]


def _report_reading_issues(ctx: Context) -> None:
    """Anchors, tags and duplicate keys the loader found, named by entry and field."""
    for path, line, column, message in ctx.document.issues:
        ctx.problems.append(Problem(ctx.document.file, line, column, ctx.where(path), message))


def _remember_ids(ctx: Context, key: str, items: list[tuple[int, dict[str, Any]]]) -> None:
    for index, item in items:
        if isinstance(item.get("id"), str):
            ctx.entry_ids[(key, index)] = _show_raw(item["id"])


# ---------------------------------------------------------------- entries


def check_topic(ctx: Context, index: int, item: dict[str, Any]) -> Topic | None:
    """A topic: id, title, optional summary and start_here list."""
    values = _check_fields(ctx, ("topics", index), item, TOPIC_FIELDS)
    if values is None:
        return None
    return Topic(**values)


def check_resource(ctx: Context, index: int, item: dict[str, Any],
                   topic_ids: list[str]) -> Resource | None:
    """A resource entry: every field of SPEC 3.2."""
    path: Path = ("resources", index)
    fields = dict(RESOURCE_FIELDS)
    fields["topics"] = (True, _list_of(_choice_check(topic_ids, "topic"), minimum=1))
    values = _check_fields(ctx, path, item, fields)
    if values is None:
        return None
    values.setdefault("regions", ("global",))
    sessions = values.get("sessions", ())
    return Resource(**values, line=ctx.document.mark(path)[0]) if sessions is not INVALID else None


def _check_fields(ctx: Context, path: Path, item: dict[str, Any],
                  fields: dict[str, tuple[bool, Check]]) -> dict[str, Any] | None:
    ok = True
    values: dict[str, Any] = {}
    for key in item:
        if key not in fields:
            ctx.report((*path, key), f"unknown field '{_show_raw(str(key))}'{_suggest(str(key), fields)}",
                       at_key=True)
            ok = False
    for name, (required, check) in fields.items():
        if name not in item:
            if required:
                ctx.report(path, f"missing required field '{name}'")
                ok = False
            continue
        value = check(ctx, (*path, name), item[name])
        if value is INVALID:
            ok = False
        else:
            values[name] = value
    return values if ok else None


# ---------------------------------------------------------------- field checks


def check_text(limit: int, multiline: bool = False) -> Check:
    """Plain text: not empty, within the limit, no invisible control characters."""
    def check(ctx: Context, path: Path, value: Any) -> Any:
        value = ctx.text_of(path, value)
        if not isinstance(value, str):
            ctx.report(path, f"must be text, not {_type_name(value)}")
            return INVALID
        if not value.strip():
            ctx.report(path, "must not be empty")
            return INVALID
        if not check_characters(ctx, path, value, multiline):
            return INVALID
        if len(value) > limit:
            ctx.report(path, f"is {len(value)} characters long; the limit is {limit}")
            return INVALID
        return value.strip()
    return check


def check_characters(ctx: Context, path: Path, value: str, multiline: bool) -> bool:
    """Reject bidi controls and other invisible characters that can disguise text."""
    if (value.replace("\n", "") if multiline else value).isprintable():
        return True  # the common case, in C; the loop below names the culprit
    for offset, char in enumerate(value):
        code = ord(char)
        if char == "\n" and multiline:
            continue
        category = unicodedata.category(char)
        if code in _BIDI:
            what = "bidirectional control character"
        elif category == "Cc" or category in ("Zl", "Zp") or (category == "Cf" and code not in _JOINERS):
            what = "invisible control character"
        elif category in ("Cn", "Cs", "Co"):
            what = "unassigned, surrogate or private-use character"
        else:
            continue
        ctx.report(path, f"contains a {what} U+{code:04X} at character {offset + 1}; remove it")
        return False
    return True


def _choice_check(choices: Iterable[str], noun: str) -> Check:
    allowed = list(choices)
    allowed_set = set(allowed)

    def check(ctx: Context, path: Path, value: Any) -> Any:
        value = ctx.text_of(path, value)
        if isinstance(value, str) and value in allowed_set:
            return value
        if not isinstance(value, str):
            ctx.report(path, f"must be one {noun}, not {_type_name(value)}")
        elif len(allowed) <= 12:
            ctx.report(path, f"{_show(value)} is not one of {', '.join(allowed)}"
                       f"{_suggest(value, allowed)}")
        else:
            ctx.report(path, f"unknown {noun} {_show(value)}{_suggest(value, allowed)}")
        return INVALID
    return check


def _list_of(item_check: Check, minimum: int = 0, maximum: int | None = None) -> Check:
    def check(ctx: Context, path: Path, value: Any) -> Any:
        if not isinstance(value, list):
            ctx.report(path, f"must be a list (e.g. [a, b]), not {_type_name(value)}")
            return INVALID
        if len(value) < minimum:
            ctx.report(path, f"must list at least {minimum}")
            return INVALID
        if maximum is not None and len(value) > maximum:
            ctx.report(path, f"lists {len(value)}; at most {maximum}")
            return INVALID
        items, seen = [], set()
        for index, item in enumerate(value):
            checked = item_check(ctx, (*path, index), item)
            if checked is INVALID:
                return INVALID
            if checked in seen:
                ctx.report((*path, index), f"{_show(str(checked))} is listed twice")
                return INVALID
            seen.add(checked)
            items.append(checked)
        return tuple(items)
    return check


def check_id(ctx: Context, path: Path, value: Any) -> Any:
    """Kebab-case slug of at most 80 characters: it becomes a URL."""
    value = ctx.text_of(path, value)
    if not isinstance(value, str):
        ctx.report(path, f"must be text, not {_type_name(value)}")
        return INVALID
    if len(value) > v.ID_MAX:
        ctx.report(path, f"is {len(value)} characters long; the limit is {v.ID_MAX}")
        return INVALID
    if value == "index":
        ctx.report(path, "'index' is reserved (it would replace the /resources/ folder's page)")
        return INVALID
    if not _ID_RE.match(value):
        hint = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
        suggestion = f" (did you mean '{hint}'?)" if hint and _ID_RE.match(hint) else ""
        ctx.report(path, f"{_show(value)} must be lower-case letters, digits and single "
                   f"hyphens (kebab-case){suggestion}")
        return INVALID
    return value


def check_url(ctx: Context, path: Path, value: Any) -> Any:
    """An absolute http(s) URL with a host, and nothing that hides where it goes."""
    if not isinstance(value, str):
        ctx.report(path, f"must be a URL, not {_type_name(value)}")
        return INVALID
    if not check_characters(ctx, path, value, multiline=False):
        return INVALID
    problem = _url_problem(value)
    if problem:
        ctx.report(path, f"{_show(value)} {problem}")
        return INVALID
    return value


def _url_problem(value: str) -> str | None:
    if len(value) > 2000:
        return "is longer than 2000 characters"
    if any(char.isspace() for char in value):
        return "contains spaces; encode them as %20"
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return "is not a valid URL"
    if parts.scheme not in ("http", "https"):
        return "must start with https:// or http://"
    if not parts.hostname or "." not in parts.hostname.strip("."):
        return "has no valid host name"
    if parts.username is not None or parts.password is not None:
        return "must not contain a user name or password"
    return None


def check_hours(ctx: Context, path: Path, value: Any) -> Any:
    """A positive number of hours, written as a plain decimal (1.5, not 1:30)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        ctx.report(path, f"must be a number of hours, not {_type_name(ctx.text_of(path, value))}")
        return INVALID
    written = ctx.text_of(path, value)
    if not _DECIMAL_RE.match(str(written)):
        ctx.report(path, f"write hours as a plain number such as 1.5, not {_show(str(written))}")
        return INVALID
    if not 0 < value <= MAX_HOURS:
        ctx.report(path, f"must be a number greater than 0 and at most {MAX_HOURS}, not {written}")
        return INVALID
    return value


def check_year(ctx: Context, path: Path, value: Any) -> Any:
    """A whole year between 1990 and this year."""
    if (isinstance(value, bool) or not isinstance(value, int)
            or not re.fullmatch(r"\d{4}", str(ctx.text_of(path, value)))):
        ctx.report(path, f"must be a year such as 2021, not {_type_name(ctx.text_of(path, value))}")
        return INVALID
    if not v.FIRST_YEAR <= value <= ctx.today.year:
        ctx.report(path, f"{value} is not between {v.FIRST_YEAR} and {ctx.today.year}")
        return INVALID
    return value


def _date_check(past_only: bool) -> Check:
    def check(ctx: Context, path: Path, value: Any) -> Any:
        parsed = _as_date(ctx, path, value)
        if parsed is INVALID:
            return INVALID
        if parsed.year < v.FIRST_YEAR:
            ctx.report(path, f"{parsed.isoformat()} is before {v.FIRST_YEAR}")
            return INVALID
        if parsed.year > v.LAST_YEAR:
            ctx.report(path, f"{parsed.isoformat()} is after {v.LAST_YEAR}")
            return INVALID
        if past_only and parsed > ctx.today:
            ctx.report(path, f"{parsed.isoformat()} is in the future (today is "
                       f"{ctx.today.isoformat()})")
            return INVALID
        return parsed
    return check


def _as_date(ctx: Context, path: Path, value: Any) -> Any:
    if isinstance(value, datetime):
        ctx.report(path, "must be a date (YYYY-MM-DD) without a time")
        return INVALID
    if isinstance(value, date):
        return value
    text = ctx.text_of(path, value)
    if isinstance(text, str) and _DATE_RE.match(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            ctx.report(path, f"{_show(text)} is not a real date")
            return INVALID
    ctx.report(path, f"{_show(str(text))} is not a date in the form YYYY-MM-DD")
    return INVALID


def check_sessions(ctx: Context, path: Path, value: Any) -> Any:
    """Scheduled intakes: a start date, optional end, deadline and note."""
    items = _list_of(_session_check)(ctx, path, value)
    return items


def _session_check(ctx: Context, path: Path, value: Any) -> Any:
    if not isinstance(value, dict):
        ctx.report(path, "each session must be a mapping such as {start: 2027-01-15}")
        return INVALID
    values = _check_fields(ctx, path, value, SESSION_FIELDS)
    if values is None:
        return INVALID
    end, start, deadline = values.get("end"), values["start"], values.get("deadline")
    if end is not None and end < start:
        ctx.report((*path, "end"), f"{end.isoformat()} is before the start, {start.isoformat()}")
        return INVALID
    if deadline is not None and deadline > (end or start):
        ctx.report((*path, "deadline"), f"{deadline.isoformat()} is after the session "
                   f"{'ends' if end else 'starts'}")
        return INVALID
    return Session(**values)


def check_seen(ctx: Context, path: Path, value: Any) -> Any:
    """The date a source shows: a day, a month (2025-03) or a year (2025)."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return _date_check(past_only=True)(ctx, path, value)
    text = str(ctx.text_of(path, value))
    if isinstance(value, bool) or not _SEEN_RE.match(text):
        ctx.report(path, f"{_show(text)} is not a date, a month or a year "
                   "(2025-03-01, 2025-03 or 2025)")
        return INVALID
    year, _, month = text.partition("-")
    if month and not 1 <= int(month) <= 12:
        ctx.report(path, f"{_show(text)} is not a real month")
        return INVALID
    if not v.FIRST_YEAR <= int(year) <= ctx.today.year or (
            month and (int(year), int(month)) > (ctx.today.year, ctx.today.month)):
        ctx.report(path, f"{_show(text)} is not between {v.FIRST_YEAR} and today")
        return INVALID
    return text


def _source_check(ctx: Context, path: Path, value: Any) -> Any:
    if not isinstance(value, dict):
        ctx.report(path, "each source must be a mapping such as {url: https://…, seen: 2025-03}")
        return INVALID
    values = _check_fields(ctx, path, value, SOURCE_FIELDS)
    if values is None:
        return INVALID
    if "seen" in values and not isinstance(values["seen"], str):
        values["seen"] = values["seen"].isoformat()
    return Source(**values)


# ---------------------------------------------------------------- cross-entry checks


def check_unique_ids(ctx: Context, key: str, items: list[tuple[int, dict[str, Any]]]) -> None:
    """No two entries share an id; name both lines."""
    first: dict[str, int] = {}
    for index, item in items:
        entry_id = item.get("id")
        if not isinstance(entry_id, str):
            continue
        if entry_id in first:
            line = ctx.document.mark((key, first[entry_id], "id"))[0]
            ctx.report((key, index, "id"), f"duplicate id {_show(entry_id)} (also used by "
                       f"{key}[{first[entry_id]}] at line {line})")
        else:
            first[entry_id] = index


def check_aliases(ctx: Context, items: list[tuple[int, dict[str, Any]]]) -> None:
    """Former ids: slugs, never a current id, each claimed by one entry only."""
    ids = {item.get("id"): index for index, item in items if isinstance(item.get("id"), str)}
    claimed: dict[str, int] = {}
    for index, item in items:
        aliases = item.get("aliases")
        if not isinstance(aliases, list):
            continue
        for n, alias in enumerate(aliases):
            path = ("resources", index, "aliases", n)
            if not isinstance(alias, str):
                continue  # the field check has reported it
            if alias in ids:
                owner = "this entry's own id" if ids[alias] == index else (
                    f"the id of resources[{ids[alias]}]")
                ctx.report(path, f"alias {_show(alias)} is {owner}")
            elif alias in claimed and claimed[alias] != index:
                ctx.report(path, f"alias {_show(alias)} is already an alias of "
                           f"resources[{claimed[alias]}]")
            claimed.setdefault(alias, index)


def check_related(ctx: Context, items: list[tuple[int, dict[str, Any]]]) -> None:
    """Related entries exist and are not the entry itself."""
    ids = [item["id"] for _, item in items if isinstance(item.get("id"), str)]
    id_set = set(ids)
    for index, item in items:
        related = item.get("related")
        if not isinstance(related, list):
            continue
        for n, other in enumerate(related):
            path = ("resources", index, "related", n)
            if not isinstance(other, str):
                continue
            if other == item.get("id"):
                ctx.report(path, "an entry cannot be related to itself")
            elif other not in id_set:
                ctx.report(path, f"unknown id {_show(other)}{_suggest(other, ids)}")


def check_start_here(ctx: Context, items: list[tuple[int, dict[str, Any]]],
                     resources: dict[str, Resource]) -> None:
    """A topic's 'start here' picks are entries of that topic."""
    for index, item in items:
        picks = item.get("start_here")
        if not isinstance(picks, list):
            continue
        for n, pick in enumerate(picks):
            path = ("topics", index, "start_here", n)
            if not isinstance(pick, str):
                continue
            if pick not in resources:
                ctx.report(path, f"unknown id {_show(pick)}{_suggest(pick, resources)}")
            elif item.get("id") not in resources[pick].topics:
                ctx.report(path, f"{_show(pick)} is not an entry of this topic")


# ---------------------------------------------------------------- helpers


def _path_part(part: str | int) -> str:
    """A key as shown in `where`: bare when it is a plain name, else quoted and made visible."""
    text = str(part)
    return text if re.fullmatch(r"[\w-]+", text) else _show(text)


def _suggest(value: str, choices: Iterable[str]) -> str:
    matches = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


def _show(value: str) -> str:
    """A value quoted for an error line, with invisible characters made visible."""
    return f"'{_show_raw(value)}'"


def _show_raw(value: str) -> str:
    shown = "".join(
        f"\\u{ord(c):04x}" if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c
        for c in value[:80]
    )
    return shown + ("…" if len(value) > 80 else "")


def _type_name(value: Any) -> str:
    match value:
        case bool():
            return f"a yes/no value ({str(value).lower()})"
        case int() | float():
            return f"a number ({value})"
        case datetime() | date():
            return "a date"
        case None:
            return "empty"
        case list():
            return "a list"
        case dict():
            return "a mapping"
        case str():
            return _show(value)
    return type(value).__name__


_text = check_text
TOPIC_FIELDS: dict[str, tuple[bool, Check]] = {
    "id": (True, check_id),
    "title": (True, _text(v.TITLE_MAX)),
    "summary": (False, _text(v.TOPIC_SUMMARY_MAX, multiline=True)),
    "start_here": (False, _list_of(check_id, maximum=3)),
}

SESSION_FIELDS: dict[str, tuple[bool, Check]] = {
    "start": (True, _date_check(past_only=False)),
    "end": (False, _date_check(past_only=False)),
    "deadline": (False, _date_check(past_only=False)),
    "note": (False, _text(v.NOTE_MAX, multiline=True)),
}

RESOURCE_FIELDS: dict[str, tuple[bool, Check]] = {
    "id": (True, check_id),
    "title": (True, _text(v.TITLE_MAX)),
    "kind": (True, _choice_check(v.KINDS, "kind")),
    "provider": (True, _text(v.PROVIDER_MAX)),
    "url": (True, check_url),
    "summary": (True, _text(v.SUMMARY_MAX, multiline=True)),
    "topics": (True, _list_of(check_id, minimum=1)),  # replaced per registry
    "cost": (True, _choice_check(v.COSTS, "cost")),
    "cost_note": (False, _text(v.NOTE_MAX)),
    "hours": (False, check_hours),
    "duration_note": (False, _text(v.NOTE_MAX)),
    "format": (False, _choice_check(v.FORMATS, "format")),
    "languages": (True, _list_of(_choice_check(v.LANGUAGES, "language code"), minimum=1)),
    "level": (False, _choice_check(v.LEVELS, "level")),
    "audience": (False, _list_of(_choice_check(v.AUDIENCES, "audience"))),
    "regions": (False, _list_of(_choice_check(v.REGIONS, "region"), minimum=1)),
    "year": (False, check_year),
    "added": (False, _date_check(past_only=True)),
    "last_checked": (True, _date_check(past_only=True)),
    "eligibility": (False, _text(v.ELIGIBILITY_MAX, multiline=True)),
    "sessions": (False, check_sessions),
    "aliases": (False, _list_of(check_id)),
    "related": (False, _list_of(check_id)),
    "sources": (True, _list_of(_source_check, minimum=1)),
}

SOURCE_FIELDS: dict[str, tuple[bool, Check]] = {
    "url": (True, check_url),
    "seen": (False, check_seen),
    "covers": (False, _list_of(_choice_check(RESOURCE_FIELDS, "field"))),
}
