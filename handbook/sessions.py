"""Upcoming sessions and application deadlines, soonest first (SPEC 4: /upcoming/, sessions.ics)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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
