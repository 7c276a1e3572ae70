"""Registry values in words, for pages and exports ("Free", "English, French")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import vocabulary as v
from .fields import fields_of
from .records import Resource, Session, Source

STALE_AFTER_DAYS = 365


def hours_text(hours: float) -> str:
    if hours < 1:
        minutes = round(hours * 60)
        return f"about {minutes} minutes"
    shown = f"{hours:g}" if hours == int(hours) else f"{hours:.1f}".rstrip("0").rstrip(".")
    return f"about {shown} hour{'s' if hours != 1 else ''}"


def time_text(resource: Resource) -> str | None:
    """'About 20 hours (8 weeks, about 5 h a week)', or None when nothing is known."""
    parts = []
    if resource.hours is not None:
        parts.append(hours_text(resource.hours))
    if resource.duration_note:
        parts.append(f"({resource.duration_note})" if parts else resource.duration_note)
    if not parts:
        return None
    text = " ".join(parts)
    return text[0].upper() + text[1:]


def cost_text(resource: Resource) -> str:
    return v.COSTS[resource.cost]


def languages_text(codes: tuple[str, ...]) -> str:
    return ", ".join(v.LANGUAGES.get(code, code) for code in codes)


def labels(codes: tuple[str, ...], table: dict[str, str]) -> str:
    return ", ".join(table.get(code, code) for code in codes)


def joined(items: list[str], word: str = "and") -> str:
    """'2024, 2025 and 2026'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"


def date_text(day: date) -> str:
    return f"{day.day} {day.strftime('%B')} {day.year}"


def is_stale(resource: Resource, today: date) -> bool:
    """Last checked more than 12 months ago."""
    return (today - resource.last_checked).days > STALE_AFTER_DAYS


def hours_bucket(hours: float | None) -> str:
    """The smallest time bucket that holds `hours` ('2', '8', '40'), 'more' or 'unknown'."""
    if hours is None:
        return "unknown"
    for limit, _ in v.TIME_BUCKETS:
        if hours <= limit:
            return str(limit)
    return "more"


def facet_value(resource: Resource, name: str) -> str:
    """A field as a card's data attribute: list items space-separated, nothing as ''."""
    value = getattr(resource, name)
    if value is None:
        return ""
    if isinstance(value, tuple):
        return " ".join(value)
    return f"{value:g}" if isinstance(value, float) else str(value)


_BIBTEX_SPECIAL = {c: "\\" + c for c in "{}%&$#_"} | {"\\": "\\textbackslash{}",
                                                     "~": "\\textasciitilde{}",
                                                     "^": "\\textasciicircum{}"}


def bibtex_escape(text: str) -> str:
    """Text safe inside a BibTeX field: braces and TeX specials escaped."""
    return "".join(_BIBTEX_SPECIAL.get(char, char) for char in " ".join(text.split()))


def _bibtex_url(url: str) -> str:
    # \url{} is verbatim but for braces, % and #.
    return url.replace("{", "%7B").replace("}", "%7D").replace("%", "\\%").replace("#", "\\#")


def citation(resource: Resource, page_url: str | None = None) -> str:
    """A plain citation: provider, year, title, kind, URL, date checked."""
    year = f" ({resource.year})" if resource.year else ""
    listed = f" Listed in the Cyber Diplomacy Handbook: {page_url}" if page_url else ""
    return (f"{resource.provider}{year}. {resource.title}. {v.KINDS[resource.kind]}. "
            f"{resource.url} (last checked {resource.last_checked.isoformat()}).{listed}")


def bibtex(resource: Resource) -> str:
    fields = [("title", bibtex_escape(resource.title)),
              ("author", "{" + bibtex_escape(resource.provider) + "}")]
    if resource.year:
        fields.append(("year", str(resource.year)))
    fields += [("howpublished", "\\url{" + _bibtex_url(resource.url) + "}"),
               ("note", f"{v.KINDS[resource.kind]}; last checked {resource.last_checked.isoformat()}")]
    body = ",\n".join(f"  {name:<12} = {{{value}}}" for name, value in fields)
    return f"@misc{{{resource.id},\n{body}\n}}"


# ---------------------------------------------------------------- provenance (SPEC 3.4)


def seen_text(seen: str | None) -> str:
    """The date a source shows, in words: '3 March 2025', 'March 2025', '2025' or 'undated'."""
    if not seen:
        return "undated"
    parts = [int(part) for part in seen.split("-")]
    if len(parts) == 3:
        return date_text(date(*parts))
    if len(parts) == 2:
        return f"{date(parts[0], parts[1], 1).strftime('%B')} {parts[0]}"
    return str(parts[0])


def is_old_source(source: Source, today: date) -> bool:
    """A source whose own date is more than three years back: its facts may have moved."""
    return bool(source.seen) and int(str(source.seen)[:4]) < today.year - 3


def covered_labels(source: Source) -> str:
    """'Cost, Time': the facts a source backs, by their labels."""
    labels = {spec.name: spec.label for spec in fields_of(Resource)}
    return ", ".join(labels.get(name, name) for name in source.covers)


def sources_for(resource: Resource, *names: str) -> list[int]:
    """1-based numbers of the sources that back any of these fields."""
    return [n for n, source in enumerate(resource.sources, 1) if set(names) & set(source.covers)]


def states(resource: Resource, field: str) -> bool:
    """Whether an entry states a fact: a cost other than 'unknown', or any value."""
    value = getattr(resource, field)
    return value != "unknown" if field == "cost" else value not in (None, ())


@dataclass(frozen=True)
class PathTotal:
    hours: float  # the sum of the hours the entries state
    timed: int  # entries that state their hours
    untimed: int
    free: int
    unknown_cost: int
    paid: int  # paid or mixed

    @property
    def sentence(self) -> str:
        """'About 14 hours for the 4 items that state their time; 2 do not. 3 free, 1 paid…'"""
        if self.timed:
            which = ("the 1 item that states its time" if self.timed == 1
                     else f"the {self.timed} items that state their time")
            time = f"{hours_text(self.hours)} for {which}"
            time = time[0].upper() + time[1:]
            if self.untimed:
                time += f"; {self.untimed} do{'es' if self.untimed == 1 else ''} not state it"
        else:
            time = "No item states its time"
        money = [f"{n} {word}" for n, word in ((self.free, "free"), (self.paid, "with a fee"),
                                               (self.unknown_cost, "of unknown cost")) if n]
        return f"{time}. Cost: {joined(money)}."


def path_total(picks: list[Resource]) -> PathTotal:
    """Time and money of a learning path, from what its entries state (never estimated)."""
    timed = [r for r in picks if r.hours is not None]
    return PathTotal(
        hours=sum(r.hours or 0 for r in timed), timed=len(timed), untimed=len(picks) - len(timed),
        free=sum(1 for r in picks if r.cost == "free"),
        unknown_cost=sum(1 for r in picks if r.cost == "unknown"),
        paid=sum(1 for r in picks if r.cost in ("paid", "mixed")))


# ---------------------------------------------------------------- editions


RECENT_DAYS = 730  # "recent edition": within the last two years


def upcoming_sessions(resource: Resource, today: date) -> list[Session]:
    return [s for s in resource.sessions if (s.end or s.start) >= today]


def last_edition(resource: Resource, today: date) -> date | int | None:
    """The latest known edition before today: a session's start, else the `year`."""
    past = [s.start for s in resource.sessions if (s.end or s.start) < today]
    if past:
        return max(past)
    return resource.year


def last_edition_text(resource: Resource, today: date) -> str | None:
    """'Last known edition: February 2016', for an entry with no session ahead."""
    if upcoming_sessions(resource, today):
        return None
    edition = last_edition(resource, today)
    if edition is None:
        return None
    when = f"{edition.strftime('%B')} {edition.year}" if isinstance(edition, date) else str(edition)
    return f"Last known edition: {when}"


def is_current(resource: Resource, today: date) -> bool:
    """An edition ahead or within the last two years: what catalogs list first."""
    if upcoming_sessions(resource, today):
        return True
    edition = last_edition(resource, today)
    if isinstance(edition, date):
        return (today - edition).days <= RECENT_DAYS
    return edition is not None and edition >= today.year - RECENT_DAYS // 365


def expects_sessions(resource: Resource) -> bool:
    """Courses and meetings have editions; a missing one is worth asking for."""
    return resource.kind in ("course", "meeting")
