"""Typed records of a validated registry, and the declaration of every field.

Each field is declared once, here (`declare`: type, limits, label, help,
question, facet); the validator, the JSON Schema, the exports, `handbook new`
and the catalog filters derive from these declarations. Everything downstream
of the validator reads these records and never the raw YAML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from . import vocabulary as v
from .fields import (
    Choice,
    Day,
    Hours,
    LazyVocabulary,
    ListOf,
    Nested,
    Seen,
    Slug,
    Text,
    TopicRef,
    Url,
    Year,
    declare,
    fields_of,
)


@dataclass(frozen=True, kw_only=True)
class Session:
    """A scheduled intake of a course, or a session of a meeting."""

    start: date = declare(Day(), required=True, label="Starts", help="YYYY-MM-DD")
    end: date | None = declare(Day(), label="Ends", help="YYYY-MM-DD")
    deadline: date | None = declare(Day(), label="Apply by", help="YYYY-MM-DD")
    note: str | None = declare(Text(v.NOTE_MAX, multiline=True), label="Note", help="plain text")


@dataclass(frozen=True, kw_only=True)
class Source:
    """Where an entry's facts come from, and the date the source itself shows (SPEC 3.4)."""

    url: str = declare(Url(), required=True, label="Source", help="the page the facts are on")
    seen: str | None = declare(
        Seen(), label="Dated",
        help="the date the source itself shows: 2025-03-01, 2025-03 or 2025")
    covers: tuple[str, ...] = declare(
        ListOf(Choice(LazyVocabulary(lambda: {s.name: s.label for s in fields_of(Resource)}), "field")),
        label="Backs", default=(),
        help="names of the fields this source backs (cost, hours, languages…)")


@dataclass(frozen=True, kw_only=True)
class Topic:
    id: str = declare(Slug(), required=True, label="Id", help="kebab-case slug; the page is /topics/<id>/")
    title: str = declare(Text(v.TITLE_MAX), required=True, label="Title", help="plain text")
    summary: str | None = declare(Text(v.TOPIC_SUMMARY_MAX, multiline=True), label="Summary",
                                  help="one sentence")
    start_here: tuple[str, ...] = declare(ListOf(Slug(), maximum=3), label="Start here", default=(),
                                          help="up to three entry ids to start with")


def session_from_answer(answer: str) -> dict[str, Any]:
    """'2027-03-01 to 2027-03-26 apply by 2027-01-31 Online' as a session mapping."""
    match = _SESSION_ANSWER.match(answer)
    if match is None:
        return {"start": answer}
    return {key: value for key, value in match.groupdict().items() if value}


_SESSION_ANSWER = re.compile(r"^(?P<start>\S+)(?:\s+to\s+(?P<end>\S+))?"
                             r"(?:\s+apply\s+by\s+(?P<deadline>\S+))?(?:\s+(?P<note>.+))?$")
_T = Text  # the declarations below read as a table


@dataclass(frozen=True, kw_only=True)
class Resource:
    id: str = declare(
        Slug(), required=True, label="Id", question="Id (kebab-case, becomes the URL)",
        help="kebab-case slug; it is the URL /resources/<id>/")
    title: str = declare(_T(v.TITLE_MAX), required=True, label="Title", question="Title",
                         help="plain text")
    kind: str = declare(Choice(v.KINDS, "kind"), required=True, label="Kind", question="Kind",
                        help="what the resource is")
    provider: str = declare(_T(v.PROVIDER_MAX), required=True, label="Provider", question="Provider",
                            help="who offers it")
    url: str = declare(Url(), required=True, label="Link", question="URL (https://…)",
                       help="absolute http(s) URL of the resource")
    summary: str = declare(
        _T(v.SUMMARY_MAX, multiline=True), required=True, label="Summary",
        question="Summary (plain text, up to 600 characters)",
        help="plain text, what it is and who it is for")
    topics: tuple[str, ...] = declare(
        ListOf(TopicRef(), minimum=1), required=True, label="Topics", facet="topic",
        question="Topics (comma-separated ids)", help="topics this entry belongs to")
    cost: str = declare(Choice(v.COSTS, "cost"), required=True, label="Cost", facet="cost",
                        question="Cost", help="mixed: e.g. free to audit, paid certificate")
    cost_note: str | None = declare(_T(v.NOTE_MAX), label="About the cost",
                                    question="Cost note (fee, scholarships)", help="fee, scholarships")
    hours: float | None = declare(
        Hours(), label="Time", facet="hours", question="Hours of effort (number)",
        help="total effort a learner should expect, as the provider states it")
    duration_note: str | None = declare(
        _T(v.NOTE_MAX), label="About the time", question="Duration note (e.g. 8 weeks, about 5 h a week)",
        help="e.g. 8 weeks, about 5 h a week; the basis of `hours`")
    format: str | None = declare(Choice(v.FORMATS, "format"), label="Format", facet="format",
                                 question="Format", help="how it is delivered")
    languages: tuple[str, ...] = declare(
        ListOf(Choice(v.LANGUAGES, "language code"), minimum=1), required=True, label="Languages",
        facet="lang", question="Languages (comma-separated ISO 639-1 codes)", help="ISO 639-1 codes")
    level: str | None = declare(Choice(v.LEVELS, "level"), label="Level", facet="level",
                                question="Level", help="level")
    audience: tuple[str, ...] = declare(
        ListOf(Choice(v.AUDIENCES, "audience")), label="For", default=(),
        question="Audience (comma-separated)", help="who it is for")
    regions: tuple[str, ...] = declare(
        ListOf(Choice(v.REGIONS, "region"), minimum=1), label="Regions", facet="region",
        default=("global",), question="Regions (comma-separated; empty for global)",
        help="default [global]")
    year: int | None = declare(Year(), label="Year", question="Year",
                               help="year of publication or first offering")
    added: date | None = declare(Day(past_only=True), label="Added",
                                 help="when the entry was added (not in the future)")
    last_checked: date = declare(Day(past_only=True), required=True, label="Last checked",
                                 help="when an editor last compared the entry with its sources")
    eligibility: str | None = declare(
        _T(v.ELIGIBILITY_MAX, multiline=True), label="Who can take part",
        question="Eligibility (who may apply, what is funded)", help="who may apply, what is funded")
    sessions: tuple[Session, ...] = declare(
        ListOf(Nested(Session, "session", "{start: 2027-01-15}", session_from_answer), separator=";"),
        label="Sessions", default=(), help="scheduled intakes or meeting sessions",
        question="Sessions ('START to END apply by DEADLINE note', several separated by ';')")
    aliases: tuple[str, ...] = declare(ListOf(Slug()), label="Former ids", default=(),
                                       help="former ids; each redirects to this entry")
    related: tuple[str, ...] = declare(ListOf(Slug()), label="Related", default=(),
                                       question="Related entry ids (comma-separated)",
                                       help="ids of related entries")
    sources: tuple[Source, ...] = declare(
        ListOf(Nested(Source, "source", "{url: https://…, seen: 2025-03}"), minimum=1),
        required=True, label="Sources", help="where the entry's facts come from (SPEC 3.4)",
        question="Sources (comma-separated URLs of the pages the facts are on)")
    line: int = field(default=0, compare=False)  # where the entry starts in the file


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
        return self._by_topic.get(topic_id, [])

    def of_kinds(self, *kinds: str) -> list[Resource]:
        return [resource for resource in self.resources if resource.kind in kinds]
