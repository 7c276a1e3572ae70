"""Typed records of a validated registry.

Everything downstream of the validator (pages, macros, exports) reads these
records and never the raw YAML, so a field is parsed and checked exactly once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property


@dataclass(frozen=True)
class Session:
    """A scheduled intake of a course or event."""

    start: date
    end: date | None = None
    deadline: date | None = None
    note: str | None = None


@dataclass(frozen=True)
class Source:
    """Where an entry's facts come from, and the date the source itself shows (SPEC 3.4)."""

    url: str
    seen: str | None = None  # "2025-03-01", "2025-03" or "2025", as the source shows it
    covers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    summary: str | None = None
    start_here: tuple[str, ...] = ()


@dataclass(frozen=True)
class Resource:
    id: str
    title: str
    kind: str
    provider: str
    url: str
    summary: str
    topics: tuple[str, ...]
    cost: str
    languages: tuple[str, ...]
    last_checked: date
    sources: tuple[Source, ...] = ()
    cost_note: str | None = None
    hours: float | None = None
    duration_note: str | None = None
    format: str | None = None
    level: str | None = None
    audience: tuple[str, ...] = ()
    regions: tuple[str, ...] = ("global",)
    year: int | None = None
    added: date | None = None
    eligibility: str | None = None
    sessions: tuple[Session, ...] = ()
    aliases: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    line: int = 0  # where the entry starts in the registry file, for "Improve this entry"

    @property
    def page(self) -> str:
        """Site-relative URL of the entry page (with directory URLs)."""
        return f"resources/{self.id}/"


@dataclass(frozen=True)
class Registry:
    topics: tuple[Topic, ...]
    resources: tuple[Resource, ...]
    source: str = "data/resources.yaml"
    # Problems found by a build that fell back on this registry (serve only).
    stale_problems: tuple[str, ...] = field(default=(), compare=False)

    @cached_property
    def by_id(self) -> dict[str, Resource]:
        return {resource.id: resource for resource in self.resources}

    @cached_property
    def topic_by_id(self) -> dict[str, Topic]:
        return {topic.id: topic for topic in self.topics}

    @cached_property
    def _by_topic(self) -> dict[str, list[Resource]]:
        grouped: dict[str, list[Resource]] = {topic.id: [] for topic in self.topics}
        for resource in self.resources:
            for topic_id in resource.topics:
                grouped[topic_id].append(resource)
        return grouped

    def for_topic(self, topic_id: str) -> list[Resource]:
        return self._by_topic[topic_id]

    def of_kinds(self, *kinds: str) -> list[Resource]:
        return [resource for resource in self.resources if resource.kind in kinds]
