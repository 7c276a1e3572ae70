"""Field types and field declarations of the registry (SPEC 3.2).

A record class (records.py) declares each field once with `declare(...)`: its
type, limits, vocabulary, label, help text, `handbook new` question and catalog
facet. The validator, the JSON Schema, the exports, `handbook new` and the
catalog filters all read those declarations, so a new field is one new line.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any, Protocol
from urllib.parse import urlsplit

from . import vocabulary as v

INVALID: Any = object()  # what a check returns for a value it has reported
Path = tuple[str | int, ...]

_ID_RE = re.compile(v.ID_PATTERN)
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SEEN_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_DECIMAL_RE = re.compile(r"^-?\d+(\.\d+)?$")
_BIDI = {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
_JOINERS = {0x200C, 0x200D}  # needed to write Persian, Indic scripts and emoji


class Context(Protocol):
    """What a field check needs from the validator (validate.Context)."""

    today: date
    topic_ids: list[str]

    def report(self, path: Path, message: str, *, at_key: bool = False) -> None: ...

    def text_of(self, path: Path, value: Any) -> Any: ...


# ---------------------------------------------------------------- declarations


@dataclass(frozen=True)
class FieldSpec:
    """Everything the project knows about one field, declared once."""

    type: FieldType
    label: str  # shown on pages and in exports' headers ("Cost")
    help: str  # the JSON Schema description and the `handbook new` hint
    required: bool = False
    question: str | None = None  # `handbook new` asks it; None: not asked
    facet: str | None = None  # the catalogs' query-string key, if it filters
    name: str = ""  # filled in by fields_of()


def declare(type_: FieldType, *, label: str, help: str, required: bool = False,
            question: str | None = None, facet: str | None = None, default: Any = None) -> Any:
    """A dataclass field that carries its FieldSpec."""
    spec = FieldSpec(type_, label, help, required, question, facet)
    if required:
        return dataclasses.field(metadata={"spec": spec})
    return dataclasses.field(default=default, metadata={"spec": spec})


@cache
def fields_of(record: type) -> tuple[FieldSpec, ...]:
    """The declared fields of a record class, in declaration order."""
    return tuple(dataclasses.replace(f.metadata["spec"], name=f.name)
                 for f in dataclasses.fields(record) if "spec" in f.metadata)


def field_named(record: type, name: str) -> FieldSpec:
    return next(spec for spec in fields_of(record) if spec.name == name)


# ---------------------------------------------------------------- types


class FieldType:
    """A kind of value: how it is checked, described in JSON Schema and typed in."""

    def check(self, ctx: Context, path: Path, value: Any) -> Any:
        raise NotImplementedError

    def schema(self) -> dict[str, Any]:
        raise NotImplementedError

    def from_answer(self, answer: str) -> Any:
        """A value from what a contributor typed at `handbook new`."""
        return answer

    def choices(self) -> Mapping[str, str]:
        """Allowed values and their labels, where the type has a fixed list."""
        return {}


@dataclass(frozen=True)
class Text(FieldType):
    """Plain text: not empty, within the limit, no invisible control characters."""

    limit: int
    multiline: bool = False

    def check(self, ctx: Context, path: Path, value: Any) -> Any:
        value = ctx.text_of(path, value)
        if not isinstance(value, str):
            ctx.report(path, f"must be text, not {type_name(value)}")
            return INVALID
        if not value.strip():
            ctx.report(path, "must not be empty")
            return INVALID
        if not check_characters(ctx, path, value, self.multiline):
            return INVALID
        if len(value) > self.limit:
            ctx.report(path, f"is {len(value)} characters long; the limit is {self.limit}")
            return INVALID
        return value.strip()

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "minLength": 1, "maxLength": self.limit}


@dataclass(frozen=True)
class Slug(FieldType):
    """Kebab-case slug of at most 80 characters: it becomes a URL."""

    def check(self, ctx: Context, path: Path, value: Any) -> Any:
        value = ctx.text_of(path, value)
        if not isinstance(value, str):
            ctx.report(path, f"must be text, not {type_name(value)}")
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
            ctx.report(path, f"{show(value)} must be lower-case letters, digits and single "
                       f"hyphens (kebab-case){suggestion}")
            return INVALID
        return value

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": v.ID_PATTERN, "maxLength": v.ID_MAX}


@dataclass(frozen=True)
class Url(FieldType):
    """An absolute http(s) URL with a host, and nothing that hides where it goes."""

    def check(self, ctx: Context, path: Path, value: Any) -> Any:
        if not isinstance(value, str):
            ctx.report(path, f"must be a URL, not {type_name(value)}")
            return INVALID
        if not check_characters(ctx, path, value, multiline=False):
            return INVALID
        problem = url_problem(value)
        if problem:
            ctx.report(path, f"{show(value)} {problem}")
            return INVALID
        return value

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": "^https?://[^\\s/?#@]+\\.[^\\s]*$",
                "maxLength": v.URL_MAX}


@dataclass(frozen=True)
class Choice(FieldType):
    """One value of a controlled vocabulary."""

    vocabulary: Mapping[str, str]
    noun: str

    def check(self, ctx: Context, path: Path, value: Any) -> Any:
        return check_choice(ctx, path, value, self.vocabulary, self.noun)

    def schema(self) -> dict[str, Any]:
        return {"enum": list(self.vocabulary)}

    def choices(self) -> Mapping[str, str]:
        return self.vocabulary


@dataclass(frozen=True)
class TopicRef(FieldType):
    """A topic id from the registry's own `topics` list."""

    def check(self, ctx: Context, path: Path, value: Any) -> Any:
        return check_choice(ctx, path, value, ctx.topic_ids, "topic")

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "description": "a topic id from `topics`"}


@dataclass(frozen=True)
class ListOf(FieldType):
    """A list of distinct items; every bad item is reported, not just the first."""

    item: FieldType
    minimum: int = 0
    maximum: int | None = None
    separator: str = ","  # between items in a `handbook new` answer

    def check(self, ctx: Context, path: Path, value: Any) -> Any:
        if not isinstance(value, list):
            ctx.report(path, f"must be a list (e.g. [a, b]), not {type_name(value)}")
            return INVALID
        if len(value) < self.minimum:
            ctx.report(path, f"must list at least {self.minimum}")
            return INVALID
        if self.maximum is not None and len(value) > self.maximum:
            ctx.report(path, f"lists {len(value)}; at most {self.maximum}")
            return INVALID
        items, seen, ok = [], set(), True
        for index, item in enumerate(value):
            checked = self.item.check(ctx, (*path, index), item)
            if checked is INVALID:
                ok = False
                continue
            if isinstance(checked, str) and checked in seen:
                ctx.report((*path, index), f"{show(checked)} is listed twice")
                ok = False
                continue
            seen.add(checked if isinstance(checked, str) else id(checked))
            items.append(checked)
        return tuple(items) if ok else INVALID

    def schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "array", "items": self.item.schema()}
        if not isinstance(self.item, Nested):
            schema["uniqueItems"] = True
        if self.minimum:
            schema["minItems"] = self.minimum
        if self.maximum is not None:
            schema["maxItems"] = self.maximum
        return schema

    def from_answer(self, answer: str) -> Any:
        parts = answer.split(self.separator)
        return [self.item.from_answer(part.strip()) for part in parts if part.strip()]

    def choices(self) -> Mapping[str, str]:
        return self.item.choices()


@dataclass(frozen=True)
class Hours(FieldType):
    """A positive number of hours, written as a plain decimal (1.5, not 1:30)."""

    maximum: int = v.MAX_HOURS

    def check(self, ctx: Context, path: Path, value: Any) -> Any:
        written = ctx.text_of(path, value)
        if isinstance(value, bool) or not isinstance(value, int | float):
            ctx.report(path, f"must be a number of hours, not {type_name(written)}")
            return INVALID
        if not _DECIMAL_RE.match(str(written)):
            ctx.report(path, f"write hours as a plain number such as 1.5, not {show(str(written))}")
            return INVALID
        if not 0 < value <= self.maximum:
            ctx.report(path, f"must be a number greater than 0 and at most {self.maximum}, not {written}")
            return INVALID
        return value

    def schema(self) -> dict[str, Any]:
        return {"type": "number", "exclusiveMinimum": 0, "maximum": self.maximum}

    def from_answer(self, answer: str) -> Any:
        try:
            number = float(answer)
        except ValueError:
            return answer  # the check reports it with the field's own wording
        return int(number) if number.is_integer() else number


@dataclass(frozen=True)
class Year(FieldType):
    """A whole year between 1990 and this year."""

    def check(self, ctx: Context, path: Path, value: Any) -> Any:
        written = ctx.text_of(path, value)
        if isinstance(value, bool) or not isinstance(value, int) or not re.fullmatch(r"\d{4}", str(written)):
            ctx.report(path, f"must be a year such as 2021, not {type_name(written)}")
            return INVALID
        if not v.FIRST_YEAR <= value <= ctx.today.year:
            ctx.report(path, f"{value} is not between {v.FIRST_YEAR} and {ctx.today.year}")
            return INVALID
        return value

    def schema(self, today: date | None = None) -> dict[str, Any]:
        return {"type": "integer", "minimum": v.FIRST_YEAR,
                "maximum": (today or date.today()).year}

    def from_answer(self, answer: str) -> Any:
        return int(answer) if answer.isdigit() else answer


@dataclass(frozen=True)
class Day(FieldType):
    """A date (YYYY-MM-DD) between 1990 and 2100; `past_only`: not after today."""

    past_only: bool = False

    def check(self, ctx: Context, path: Path, value: Any) -> Any:
        parsed = _as_date(ctx, path, value)
        if parsed is INVALID:
            return INVALID
        if parsed.year < v.FIRST_YEAR:
            ctx.report(path, f"{parsed.isoformat()} is before {v.FIRST_YEAR}")
            return INVALID
        if parsed.year > v.LAST_YEAR:
            ctx.report(path, f"{parsed.isoformat()} is after {v.LAST_YEAR}")
            return INVALID
        if self.past_only and parsed > ctx.today:
            ctx.report(path, f"{parsed.isoformat()} is in the future (today is {ctx.today.isoformat()})")
            return INVALID
        return parsed

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "date"}

    def from_answer(self, answer: str) -> Any:
        try:
            return date.fromisoformat(answer)
        except ValueError:
            return answer


@dataclass(frozen=True)
class Seen(FieldType):
    """The date a source itself shows: a day, a month (2025-03) or a year (2025)."""

    def check(self, ctx: Context, path: Path, value: Any) -> Any:
        if isinstance(value, date) and not isinstance(value, datetime):
            checked = Day(past_only=True).check(ctx, path, value)
            return checked if checked is INVALID else checked.isoformat()
        text = str(ctx.text_of(path, value))
        if isinstance(value, bool) or not _SEEN_RE.match(text):
            ctx.report(path, f"{show(text)} is not a date, a month or a year (2025-03-01, 2025-03 or 2025)")
            return INVALID
        parts = [int(part) for part in text.split("-")]
        if len(parts) == 3:
            checked = Day(past_only=True).check(ctx, path, text)
            return checked if checked is INVALID else text
        year, month = parts[0], (parts[1] if len(parts) > 1 else 1)
        if not 1 <= month <= 12:
            ctx.report(path, f"{show(text)} is not a real month")
            return INVALID
        if year < v.FIRST_YEAR or (year, month) > (ctx.today.year, ctx.today.month):
            ctx.report(path, f"{show(text)} is not between {v.FIRST_YEAR} and today")
            return INVALID
        return text

    def schema(self) -> dict[str, Any]:
        return {"type": ["string", "integer"], "minimum": v.FIRST_YEAR,
                "pattern": r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"}


@dataclass(frozen=True)
class Nested(FieldType):
    """A mapping whose fields a record class declares (a session, a source)."""

    record: type
    noun: str  # "session"
    example: str  # "{start: 2027-01-15}"
    parse: Callable[[str], dict[str, Any]] | None = None  # a `handbook new` answer

    def check(self, ctx: Context, path: Path, value: Any) -> Any:
        if not isinstance(value, dict):
            ctx.report(path, f"each {self.noun} must be a mapping such as {self.example}")
            return INVALID
        values = check_fields(ctx, path, value, fields_of(self.record))
        return INVALID if values is None else self.record(**values)

    def schema(self) -> dict[str, Any]:
        return record_schema(self.record)

    def from_answer(self, answer: str) -> Any:
        if self.parse is not None:
            return self.parse(answer)
        first = next(spec.name for spec in fields_of(self.record) if spec.required)
        return {first: answer}


class LazyVocabulary(Mapping[str, str]):
    """A vocabulary computed when first used: `covers` names the fields of a record
    declared after the one that holds it."""

    def __init__(self, make: Callable[[], Mapping[str, str]]) -> None:
        self._make = make

    def _table(self) -> Mapping[str, str]:
        if not hasattr(self, "_cached"):
            self._cached = self._make()
        return self._cached

    def __getitem__(self, key: str) -> str:
        return self._table()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())


# ---------------------------------------------------------------- shared checks


def check_fields(ctx: Context, path: Path, item: dict[str, Any],
                 specs: tuple[FieldSpec, ...]) -> dict[str, Any] | None:
    """Check every declared field of a mapping; None if anything is wrong."""
    names = [spec.name for spec in specs]
    ok = True
    for key in item:
        if key not in names:
            ctx.report((*path, key), f"unknown field '{show_raw(str(key))}'{suggest(str(key), names)}",
                       at_key=True)
            ok = False
    values: dict[str, Any] = {}
    for spec in specs:
        if spec.name not in item:
            if spec.required:
                ctx.report(path, f"missing required field '{spec.name}'")
                ok = False
            continue
        value = spec.type.check(ctx, (*path, spec.name), item[spec.name])
        if value is INVALID:
            ok = False
        else:
            values[spec.name] = value
    return values if ok else None


def record_schema(record: type, today: date | None = None) -> dict[str, Any]:
    """The JSON Schema of a mapping whose fields `record` declares."""
    properties = {}
    for spec in fields_of(record):
        fragment = spec.type.schema(today) if isinstance(spec.type, Year) else spec.type.schema()
        properties[spec.name] = {**fragment, "description": spec.help}
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [spec.name for spec in fields_of(record) if spec.required],
        "properties": properties,
    }


def check_choice(ctx: Context, path: Path, value: Any, allowed: Collection[str], noun: str) -> Any:
    value = ctx.text_of(path, value)
    if isinstance(value, str) and value in allowed:
        return value
    allowed = list(allowed)
    if not isinstance(value, str):
        ctx.report(path, f"must be one {noun}, not {type_name(value)}")
    elif len(allowed) <= 12:
        ctx.report(path, f"{show(value)} is not one of {', '.join(allowed)}{suggest(value, allowed)}")
    else:
        ctx.report(path, f"unknown {noun} {show(value)}{suggest(value, allowed)}")
    return INVALID


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


def url_problem(value: str) -> str | None:
    if len(value) > v.URL_MAX:
        return f"is longer than {v.URL_MAX} characters"
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
            ctx.report(path, f"{show(text)} is not a real date")
            return INVALID
    ctx.report(path, f"{show(str(text))} is not a date in the form YYYY-MM-DD")
    return INVALID


# ---------------------------------------------------------------- wording


def suggest(value: str, choices: Iterable[str]) -> str:
    matches = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


def show(value: str) -> str:
    """A value quoted for an error line, with invisible characters made visible."""
    return f"'{show_raw(value)}'"


def show_raw(value: str) -> str:
    shown = "".join(
        f"\\u{ord(c):04x}" if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c
        for c in value[:80]
    )
    return shown + ("…" if len(value) > 80 else "")


def type_name(value: Any) -> str:
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
            return show(value)
    return type(value).__name__
