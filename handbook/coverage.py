"""Where the registry is thin (SPEC 4, /coverage/): counts, findings and gaps.

Pure functions of the registry. The page (template coverage.html) and
/coverage.json show the same numbers; every sentence is computed from them and
said through a `Words` (the page in its edition's language, the JSON in English).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from . import vocabulary as v
from .describe import EN, RECENT_DAYS, Words, hours_bucket, states, upcoming_sessions
from .records import Registry, Resource

BUCKETS: tuple[tuple[str, str], ...] = (
    *((str(limit), label) for limit, label in v.TIME_BUCKETS),
    ("more", "More than 40 hours"), ("unknown", "Not stated"),
)
THIN = 2  # a cell with this many entries or fewer is "thin"


@dataclass
class Series:
    """One chart: labelled counts, and the sentence that says what they show."""

    key: str
    title: str
    rows: list[tuple[str, str, int]]  # (value, label, count)
    finding: str = ""
    unit: str = "entries"
    scale: int | None = None  # the bar's full length: the largest count unless given


@dataclass
class Matrix:
    key: str
    title: str
    rows: list[tuple[str, str]]  # (topic id, topic title)
    columns: list[tuple[str, str]]
    counts: dict[tuple[str, str], int] = field(default_factory=dict)
    finding: str = ""
    unit: str = "entries"

    def count(self, row: str, column: str) -> int:
        return self.counts.get((row, column), 0)


@dataclass(frozen=True)
class Gap:
    topic: str
    language: str
    level: str


@dataclass(frozen=True)
class Wanted:
    """An entry missing facts a reader needs, and which."""

    resource: Resource
    missing: tuple[str, ...]  # field names: cost, hours, sessions, format, level


@dataclass
class Coverage:
    total: int
    courses: int
    topics: int
    series: list[Series]
    matrices: list[Matrix]
    gaps: list[Gap]
    completeness: Series
    wanted: list[Wanted]

    def matrix(self, key: str) -> Matrix:
        return next(m for m in self.matrices if m.key == key)

    @property
    def gap_cells(self) -> int:
        """Topic x UN language x level: the combinations a free course could fill."""
        return self.topics * len(v.UN_LANGUAGES) * len(v.LEVELS)


    def as_json(self, registry: Registry) -> dict[str, Any]:
        return {
            "total_entries": self.total,
            "total_courses": self.courses,
            "charts": [{"key": s.key, "title": s.title, "unit": s.unit, "finding": s.finding,
                        "counts": {value: n for value, _, n in s.rows}} for s in self.series],
            "matrices": [{"key": m.key, "title": m.title, "unit": m.unit, "finding": m.finding,
                          "rows": [r for r, _ in m.rows], "columns": [c for c, _ in m.columns],
                          "counts": {r: {c: m.count(r, c) for c, _ in m.columns} for r, _ in m.rows}}
                         for m in self.matrices],
            "gaps": [{"topic": g.topic, "language": g.language, "level": g.level,
                      "free_courses": 0} for g in self.gaps],
            "completeness": {
                "of": self.courses, "unit": "courses", "finding": self.completeness.finding,
                "known": {key: n for key, _, n in self.completeness.rows}},
            "wanted": [{"id": w.resource.id, "missing": list(w.missing)} for w in self.wanted],
        }


def compute(registry: Registry, today: date | None = None, w: Words = EN) -> Coverage:
    today = today or date.today()
    resources = list(registry.resources)
    courses = [r for r in resources if r.kind == "course"]
    topics = [(t.id, w.t(t.title)) for t in registry.topics]
    languages = language_columns(resources, w)
    series = [by_topic(topics, resources, w), by_cost(resources, w), by_time(courses, w),
              by_language(resources, languages, w), by_region(resources, w)]
    matrices = [topic_by_kind(topics, resources, w), topic_by_language(topics, resources, languages, w),
                topic_by_level(topics, courses, w)]
    return Coverage(len(resources), len(courses), len(registry.topics), series, matrices,
                    free_course_gaps(registry), completeness(courses, today, w),
                    wanted_facts(courses, today))


def language_columns(resources: list[Resource], w: Words = EN) -> list[tuple[str, str]]:
    """The six UN languages, then every other language some entry uses."""
    present = Counter(code for r in resources for code in r.languages)
    others = sorted((c for c in present if c not in v.UN_LANGUAGES),
                    key=lambda c: (-present[c], v.LANGUAGES.get(c, c)))
    return [(c, w.languages_text((c,))) for c in (*v.UN_LANGUAGES, *others)]


# ---------------------------------------------------------------- single series


def by_topic(topics: list[tuple[str, str]], resources: list[Resource], w: Words) -> Series:
    rows = [(tid, title, sum(1 for r in resources if tid in r.topics)) for tid, title in topics]
    return Series("topic", w.t("Entries by topic"), rows, _extremes(rows, w), unit=w.t("entries"))


def by_cost(resources: list[Resource], w: Words) -> Series:
    counts = Counter(r.cost for r in resources)
    rows = [(key, w.t(label), counts[key]) for key, label in v.COSTS.items()]
    total, free, unknown = len(resources), counts["free"], counts["unknown"]
    finding = w.t("{free} of {total} entries ({share}) are free; for {unknown} ({unknown_share}) "
                  "the cost is not known.", free=free, total=total, share=w.i.percent(free, total),
                  unknown=unknown, unknown_share=w.i.percent(unknown, total))
    return Series("cost", w.t("Entries by cost"), rows, finding, unit=w.t("entries"))


def by_time(courses: list[Resource], w: Words) -> Series:
    counts = Counter(hours_bucket(r.hours) for r in courses)
    rows = [(key, w.t(label), counts[key]) for key, label in BUCKETS]
    stated = len(courses) - counts["unknown"]
    finding = w.t("{stated} of {total} courses state the effort they ask; {short} of them can be "
                  "done in two hours or less.", stated=stated, total=len(courses), short=counts["2"])
    return Series("time", w.t("Courses by time they take"), rows, finding, unit=w.t("courses"))


def by_language(resources: list[Resource], columns: list[tuple[str, str]], w: Words) -> Series:
    counts = Counter(code for r in resources for code in r.languages)
    rows = [(code, label, counts[code]) for code, label in columns]
    missing = [label for code, label, n in rows if code in v.UN_LANGUAGES and n == 0]
    english = w.t("{n} of {total} entries are available in English", n=counts["en"],
                  total=len(resources))
    if missing:
        finding = w.t("{english}; none is listed in {missing}.", english=english,
                      missing=w.joined(missing))
    else:
        others = [f"{label} ({n})" for code, label, n in rows if code in v.UN_LANGUAGES and code != "en"]
        finding = w.t("{english}; in the other UN languages: {others}.", english=english,
                      others=w.joined(others))
    return Series("language", w.t("Entries by language"), rows, finding, unit=w.t("entries"))


def by_region(resources: list[Resource], w: Words) -> Series:
    counts = Counter(region for r in resources for region in r.regions)
    rows = [(key, w.t(label), counts[key]) for key, label in v.REGIONS.items()]
    regional = [(label, n) for key, label, n in rows if key != "global"]
    none = [label for label, n in regional if n == 0]
    start = w.t("{n} entries are for a global audience", n=counts["global"])
    finding = (w.t("{start}; none is aimed at {none}.", start=start, none=w.joined(none)) if none else
               w.t("{start}; {regions} have entries of their own.", start=start,
                   regions=w.joined([f"{label} ({n})" for label, n in regional])))
    return Series("region", w.t("Entries by region"), rows, finding, unit=w.t("entries"))


# ---------------------------------------------------------------- matrices


def topic_by_kind(topics: list[tuple[str, str]], resources: list[Resource], w: Words) -> Matrix:
    matrix = Matrix("topic-kind", w.t("Topics by kind of entry"), topics,
                    [(key, w.t(label)) for key, label in v.KINDS.items()], unit=w.t("entries"))
    for r in resources:
        for t in r.topics:
            matrix.counts[(t, r.kind)] = matrix.counts.get((t, r.kind), 0) + 1
    no_course = [title for tid, title in matrix.rows if matrix.count(tid, "course") == 0]
    no_tool = [title for tid, title in matrix.rows if matrix.count(tid, "tool") == 0]
    parts = []
    if no_course:
        parts.append(w.t("No course covers {topics}.", topics=w.joined(no_course)))
    if no_tool:
        parts.append(w.t("No tool covers {topics}.", topics=w.joined(no_tool)))
    matrix.finding = " ".join(parts) or w.t("Every topic has at least one course and one tool.")
    return matrix


def topic_by_language(topics: list[tuple[str, str]], resources: list[Resource],
                      languages: list[tuple[str, str]], w: Words) -> Matrix:
    matrix = Matrix("topic-language", w.t("Topics by language"), topics, languages,
                    unit=w.t("entries"))
    for r in resources:
        for t in r.topics:
            for code in r.languages:
                matrix.counts[(t, code)] = matrix.counts.get((t, code), 0) + 1
    empty = sum(1 for t, _ in topics for c in v.UN_LANGUAGES if matrix.count(t, c) == 0)
    cells = len(topics) * len(v.UN_LANGUAGES)
    matrix.finding = w.t("{empty} of {cells} topic and UN-language combinations have no entry at all.",
                         empty=empty, cells=cells)
    return matrix


def topic_by_level(topics: list[tuple[str, str]], courses: list[Resource], w: Words) -> Matrix:
    columns = [*((key, w.t(label)) for key, label in v.LEVELS.items()), ("", w.t("Level not stated"))]
    matrix = Matrix("topic-level", w.t("Courses by topic and level"), topics, columns,
                    unit=w.t("courses"))
    for r in courses:
        for t in r.topics:
            key = (t, r.level or "")
            matrix.counts[key] = matrix.counts.get(key, 0) + 1
    no_advanced = [title for tid, title in topics if matrix.count(tid, "advanced") == 0]
    matrix.finding = (w.t("No advanced course is listed for {topics}.", topics=w.joined(no_advanced))
                      if no_advanced else w.t("Every topic has an advanced course."))
    return matrix


# ---------------------------------------------------------------- what we don't know yet

# The facts a reader needs to choose a course, and how to tell that one is known.
COURSE_FACTS: tuple[tuple[str, str], ...] = (
    ("cost", "States its cost"),
    ("hours", "States its hours"),
    ("sessions", "Has a session in the last two years or ahead"),
    ("format", "States its format"),
    ("level", "States its level"),
)


def knows(resource: Resource, fact: str, today: date) -> bool:
    if fact == "sessions":
        return bool(upcoming_sessions(resource, today)) or any(
            (today - s.start).days <= RECENT_DAYS for s in resource.sessions)
    return states(resource, fact)


def completeness(courses: list[Resource], today: date, w: Words = EN) -> Series:
    rows = [(fact, w.t(label), sum(1 for r in courses if knows(r, fact, today)))
            for fact, label in COURSE_FACTS]
    shares = {fact: w.i.percent(n, len(courses)) for fact, _, n in rows}
    finding = w.t("Of {total} courses, {cost} state their cost, {hours} their hours and {sessions} "
                  "have a session in the last two years or ahead.", total=len(courses), **shares)
    return Series("completeness", w.t("Courses that state each fact"), rows, finding,
                  unit=w.t("courses"), scale=len(courses))


def wanted_facts(courses: list[Resource], today: date, limit: int = 15) -> list[Wanted]:
    """The courses missing the most facts, first in the file on a tie."""
    wanted = [Wanted(r, tuple(f for f, _ in COURSE_FACTS if not knows(r, f, today))) for r in courses]
    wanted = [w for w in wanted if w.missing]
    return sorted(wanted, key=lambda w: -len(w.missing))[:limit]


# ---------------------------------------------------------------- gaps


def free_course_gaps(registry: Registry) -> list[Gap]:
    """Topic x UN language x level with no free course, the most-needed first.

    Order: introductory before intermediate before advanced (the first step
    serves the most readers), then languages with the fewest free courses over
    all topics, then topics in registry order.
    """
    free = [r for r in registry.resources if r.kind == "course" and r.cost == "free"]
    have = {(t, lang, r.level) for r in free for t in r.topics for lang in r.languages}
    per_language = Counter(lang for r in free for lang in r.languages)
    languages = sorted(v.UN_LANGUAGES, key=lambda c: (per_language[c], v.UN_LANGUAGES.index(c)))
    return [Gap(t.id, lang, level) for level in v.LEVELS for lang in languages
            for t in registry.topics if (t.id, lang, level) not in have]


def missing_free_languages(registry: Registry, topic_id: str) -> list[str]:
    """The UN languages with no free course on the topic."""
    covered = {lang for r in registry.resources if r.kind == "course" and r.cost == "free"
               and topic_id in r.topics for lang in r.languages}
    return [c for c in v.UN_LANGUAGES if c not in covered]


def widest_gap_topic(registry: Registry) -> str:
    """The topic whose free courses miss the most UN languages (first in the file on a tie)."""
    return max(registry.topics, key=lambda t: len(missing_free_languages(registry, t.id))).id


def gap_sentence(registry: Registry, topic_id: str, w: Words = EN) -> str:
    """'No free course on attribution is offered in Arabic, French or Spanish.'"""
    missing = [w.languages_text((c,)) for c in missing_free_languages(registry, topic_id)]
    title = w.t(registry.topic_by_id[topic_id].title)
    if not missing:
        return w.t("Free courses on “{topic}” exist in all six UN languages.", topic=title)
    return w.t("No free course on “{topic}” is offered in {languages}.", topic=title,
               languages=w.joined(missing, "or"))


# ---------------------------------------------------------------- words


def _extremes(rows: list[tuple[str, str, int]], w: Words) -> str:
    ranked = sorted(rows, key=lambda row: -row[2])
    most = ranked[0]
    empty = [label for _, label, n in rows if n == 0]
    thin = [label for _, label, n in rows if 0 < n <= THIN]
    parts = [w.t("{topic} has the most entries ({n}).", topic=most[1], n=most[2])]
    if empty:
        parts.append(w.t("No entries yet: {topics}.", topics=w.joined(empty)))
    if thin:
        parts.append(w.t("{n} or fewer: {topics}.", n=THIN, topics=w.joined(thin)))
    if not empty and not thin:
        least = ranked[-1]
        parts.append(w.t("{topic} has the fewest ({n}).", topic=least[1], n=least[2]))
    return " ".join(parts)


