"""Upcoming sessions and application deadlines, soonest first (SPEC 4: /upcoming/, sessions.ics)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .describe import upcoming_sessions
from .records import Registry, Resource, Session


@dataclass(frozen=True)
class Event:
    """One date a reader can act on: a session starts, or applications close."""

    day: date
    what: str  # "session" or "deadline"
    resource: Resource
    session: Session
    position: int  # the session's place in the entry's list: two may share a start

    @property
    def uid(self) -> str:
        return f"{self.resource.id}-{self.what}-{self.session.start.isoformat()}-{self.position}"


def upcoming_events(registry: Registry, today: date) -> list[Event]:
    """Every session start and deadline from today on; past ones drop off."""
    events = []
    for resource in registry.resources:
        for position, session in enumerate(resource.sessions):
            if session.deadline is not None and session.deadline >= today:
                events.append(Event(session.deadline, "deadline", resource, session, position))
            if session.start >= today:
                events.append(Event(session.start, "session", resource, session, position))
    return sorted(events, key=lambda e: (e.day, e.what != "deadline", e.resource.title))


@dataclass(frozen=True)
class Rhythm:
    """A course whose known editions start in the same month or two, year after year."""

    resource: Resource
    month: int  # the month most editions start in
    years: tuple[int, ...]


def usual_starts(registry: Registry, today: date) -> list[Rhythm]:
    """Entries with no date ahead whose past editions show a yearly rhythm: at least two
    editions, in different years, starting within two adjacent months. A pattern, never a date."""
    found = []
    for resource in registry.resources:
        if upcoming_sessions(resource, today):
            continue
        starts = sorted({s.start for s in resource.sessions})
        rhythm = _rhythm(starts)
        if rhythm is not None:
            found.append(Rhythm(resource, *rhythm))
    return sorted(found, key=lambda r: ((r.month - today.month) % 12, r.resource.title))


def _rhythm(starts: list[date]) -> tuple[int, tuple[int, ...]] | None:
    by_year = {day.year: day for day in starts}  # the latest edition of each year
    if len(by_year) < 2:
        return None
    months = [day.month for day in by_year.values()]
    for month in sorted(set(months), key=months.count, reverse=True):
        close = [year for year, day in by_year.items() if _months_apart(day.month, month) <= 1]
        if len(close) == len(by_year):
            return month, tuple(sorted(close))
    return None


def _months_apart(a: int, b: int) -> int:
    gap = abs(a - b) % 12
    return min(gap, 12 - gap)
