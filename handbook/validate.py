"""Validate a loaded registry document and turn it into typed records (SPEC 3.3).

Each rule is a small `check_*` function that reports into a shared list, so
every problem in the file is found in one pass and printed with its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from . import vocabulary as v
from .fields import check_fields, fields_of, show, show_raw, suggest
from .problems import Problem
from .records import Registry, Resource, Topic
from .yamlsource import Document, Path

_ID_RE = re.compile(v.ID_PATTERN)


@dataclass
class Context:
    """What every check needs: the document, today's date, and the problem list."""

    document: Document
    today: date
    problems: list[Problem] = field(default_factory=list)
    topic_ids: dict[str, None] = field(default_factory=dict)  # ordered, for "did you mean"
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



def validate(document: Document, today: date | None = None, *, partial: bool = False
             ) -> tuple[Registry | None, list[Problem]]:
    """Records for a valid document, else None and every problem found; with `partial`,
    the records of the entries that are valid beside the problems (a preview's fallback)."""
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
    ctx.topic_ids = {item["id"]: None for _, item in topic_items
                     if isinstance(item.get("id"), str) and _ID_RE.match(item["id"])}
    resources = [check_resource(ctx, i, item) for i, item in resource_items]
    valid = [r for r in resources if r is not None]
    check_unique_ids(ctx, "topics", topic_items)
    check_unique_ids(ctx, "resources", resource_items)
    check_aliases(ctx, resource_items)
    check_related(ctx, resource_items)
    check_start_here(ctx, topic_items, resource_items)
    if ctx.problems and not partial:
        return None, sorted(ctx.problems)
    return Registry(tuple(t for t in topics if t), tuple(valid), document.file), sorted(ctx.problems)


def check_top_level(ctx: Context, data: dict[str, Any]) -> None:
    """Only 'topics' and 'resources', both present."""
    for key in data:
        if key not in ("topics", "resources"):
            ctx.report((key,), f"unknown top-level key '{show_raw(str(key))}'"
                       f"{suggest(str(key), ['topics', 'resources'])}", at_key=True)
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
            ctx.entry_ids[(key, index)] = show_raw(item["id"])


# ---------------------------------------------------------------- entries


def check_topic(ctx: Context, index: int, item: dict[str, Any]) -> Topic | None:
    """A topic: id, title, optional summary and start_here list."""
    values = check_fields(ctx, ("topics", index), item, fields_of(Topic))
    return None if values is None else Topic(**values)


def check_resource(ctx: Context, index: int, item: dict[str, Any]) -> Resource | None:
    """A resource entry: every declared field, then the order of its sessions."""
    path: Path = ("resources", index)
    values = check_fields(ctx, path, item, fields_of(Resource))
    if values is None:
        return None
    resource = Resource(**values, line=ctx.document.mark(path)[0])
    return resource if check_session_order(ctx, path, resource) else None


def check_session_order(ctx: Context, path: Path, resource: Resource) -> bool:
    """A session ends after it starts, and applications close before it ends."""
    ok = True
    for n, session in enumerate(resource.sessions):
        end, start, deadline = session.end, session.start, session.deadline
        if end is not None and end < start:
            ctx.report((*path, "sessions", n, "end"),
                       f"{end.isoformat()} is before the start, {start.isoformat()}")
            ok = False
        elif deadline is not None and deadline > (end or start):
            ctx.report((*path, "sessions", n, "deadline"), f"{deadline.isoformat()} is after the "
                       f"session {'ends' if end else 'starts'}")
            ok = False
    return ok


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
            ctx.report((key, index, "id"), f"duplicate id {show(entry_id)} (also used by "
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
                ctx.report(path, f"alias {show(alias)} is {owner}")
            elif alias in claimed and claimed[alias] != index:
                ctx.report(path, f"alias {show(alias)} is already an alias of "
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
                ctx.report(path, f"unknown id {show(other)}{suggest(other, ids)}")


def check_start_here(ctx: Context, items: list[tuple[int, dict[str, Any]]],
                     resource_items: list[tuple[int, dict[str, Any]]]) -> None:
    """A topic's 'start here' picks are entries of that topic.

    Read from the entries as written, so an entry with a mistake in another field
    (reported there) does not also make every topic that picks it look wrong."""
    topics_of = {item["id"]: item.get("topics") for _, item in resource_items
                 if isinstance(item.get("id"), str)}
    for index, item in items:
        picks = item.get("start_here")
        if not isinstance(picks, list):
            continue
        for n, pick in enumerate(picks):
            path = ("topics", index, "start_here", n)
            if not isinstance(pick, str):
                continue
            if pick not in topics_of:
                ctx.report(path, f"unknown id {show(pick)}{suggest(pick, topics_of)}")
            elif isinstance(topics_of[pick], list) and item.get("id") not in topics_of[pick]:
                ctx.report(path, f"{show(pick)} is not an entry of this topic")


# ---------------------------------------------------------------- helpers


def _path_part(part: str | int) -> str:
    """A key as shown in `where`: bare when it is a plain name, else quoted and made visible."""
    text = str(part)
    return text if re.fullmatch(r"[\w-]+", text) else show(text)
