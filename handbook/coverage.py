"""Where the registry is thin (SPEC 4, /coverage/): counts, findings and gaps.

Pure functions of the registry. The page (templates coverage*.html) and
/coverage.json show the same numbers; every sentence is computed from them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from . import vocabulary as v
from .describe import RECENT_DAYS, hours_bucket
from .records import Registry, Resource

BUCKETS: tuple[tuple[str, str], ...] = (
    *((str(limit), label) for limit, label in v.TIME_BUCKETS),
    ("more", f"More than {v.TIME_BUCKETS[-1][0]} hours"), ("unknown", "Not stated"),
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

    @property
    def gap_space(self) -> str:
        """'the 13 topics, the 6 UN languages and the 3 levels', counted."""
        return (f"the {self.topics} topics, the {len(v.UN_LANGUAGES)} UN languages and the "
                f"{len(v.LEVELS)} levels")

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


def compute(registry: Registry, today: date | None = None) -> Coverage:
    today = today or date.today()
    resources = list(registry.resources)
    courses = [r for r in resources if r.kind == "course"]
    topics = [(t.id, t.title) for t in registry.topics]
    languages = language_columns(resources)
    series = [by_topic(registry, resources), by_cost(resources), by_time(courses),
              by_language(resources), by_region(resources)]
    matrices = [topic_by_kind(registry, resources), topic_by_language(topics, resources, languages),
                topic_by_level(topics, courses)]
    return Coverage(len(resources), len(courses), len(registry.topics), series, matrices,
                    free_course_gaps(registry), completeness(courses, today),
                    wanted_facts(courses, today))


def language_columns(resources: list[Resource]) -> list[tuple[str, str]]:
    """The six UN languages, then every other language some entry uses."""
    present = Counter(code for r in resources for code in r.languages)
    others = sorted((c for c in present if c not in v.UN_LANGUAGES),
                    key=lambda c: (-present[c], v.LANGUAGES.get(c, c)))
    return [(c, v.LANGUAGES[c]) for c in (*v.UN_LANGUAGES, *others)]


# ---------------------------------------------------------------- single series


def by_topic(registry: Registry, resources: list[Resource]) -> Series:
    rows = [(t.id, t.title, sum(1 for r in resources if t.id in r.topics)) for t in registry.topics]
    return Series("topic", "Entries by topic", rows, _extremes(rows, "topic"))


def by_cost(resources: list[Resource]) -> Series:
    counts = Counter(r.cost for r in resources)
    rows = [(key, label, counts[key]) for key, label in v.COSTS.items()]
    free, unknown = counts["free"], counts["unknown"]
    finding = (f"{free} of {len(resources)} entries ({_percent(free, len(resources))}) are free; "
               f"for {unknown} ({_percent(unknown, len(resources))}) the cost is not known.")
    return Series("cost", "Entries by cost", rows, finding)


def by_time(courses: list[Resource]) -> Series:
    counts = Counter(hours_bucket(r.hours) for r in courses)
    rows = [(key, label, counts[key]) for key, label in BUCKETS]
    short = counts["2"]
    stated = len(courses) - counts["unknown"]
    finding = (f"{stated} of {len(courses)} courses state the effort they ask; "
               f"{_count(short, 'course')} can be done in two hours or less.")
    return Series("time", "Courses by time they take", rows, finding, unit="courses")


def by_language(resources: list[Resource]) -> Series:
    counts = Counter(code for r in resources for code in r.languages)
    rows = [(code, label, counts[code]) for code, label in language_columns(resources)]
    missing = [label for code, label, n in rows if code in v.UN_LANGUAGES and n == 0]
    english = counts["en"]
    finding = f"{english} of {len(resources)} entries are available in English"
    if missing:
        finding += f"; none is listed in {_join(missing)}."
    else:
        others = [f"{label} ({n})" for code, label, n in rows if code in v.UN_LANGUAGES and code != "en"]
        finding += f"; in the other UN languages: {_join(others)}."
    return Series("language", "Entries by language", rows, finding)


def by_region(resources: list[Resource]) -> Series:
    counts = Counter(region for r in resources for region in r.regions)
    rows = [(key, label, counts[key]) for key, label in v.REGIONS.items()]
    regional = [(label, n) for key, label, n in rows if key != "global"]
    none = [label for label, n in regional if n == 0]
    finding = f"{counts['global']} entries are for a global audience"
    finding += (f"; none is aimed at {_join(none)}." if none else
                f"; {_join(f'{label} ({n})' for label, n in regional)} have entries of their own.")
    return Series("region", "Entries by region", rows, finding)


# ---------------------------------------------------------------- matrices


def topic_by_kind(registry: Registry, resources: list[Resource]) -> Matrix:
    matrix = Matrix("topic-kind", "Topics by kind of entry",
                    [(t.id, t.title) for t in registry.topics], list(v.KINDS.items()))
    for r in resources:
        for t in r.topics:
            matrix.counts[(t, r.kind)] = matrix.counts.get((t, r.kind), 0) + 1
    no_course = [title for tid, title in matrix.rows if matrix.count(tid, "course") == 0]
    no_tool = [title for tid, title in matrix.rows if matrix.count(tid, "tool") == 0]
    parts = []
    if no_course:
        parts.append(f"No course covers {_join(no_course)}")
    if no_tool:
        parts.append(f"no tool covers {_join(no_tool)}")
    matrix.finding = (("; ".join(parts) + ".").capitalize() if parts
                      else "Every topic has at least one course and one tool.")
    return matrix


def topic_by_language(topics: list[tuple[str, str]], resources: list[Resource],
                      languages: list[tuple[str, str]]) -> Matrix:
    matrix = Matrix("topic-language", "Topics by language", topics, languages)
    for r in resources:
        for t in r.topics:
            for code in r.languages:
                matrix.counts[(t, code)] = matrix.counts.get((t, code), 0) + 1
    empty = sum(1 for t, _ in topics for c in v.UN_LANGUAGES if matrix.count(t, c) == 0)
    cells = len(topics) * len(v.UN_LANGUAGES)
    matrix.finding = (f"{empty} of {cells} topic and UN-language combinations have no entry at all.")
    return matrix


def topic_by_level(topics: list[tuple[str, str]], courses: list[Resource]) -> Matrix:
    columns = [*v.LEVELS.items(), ("", "Level not stated")]
    matrix = Matrix("topic-level", "Courses by topic and level", topics, columns, unit="courses")
    for r in courses:
        for t in r.topics:
            key = (t, r.level or "")
            matrix.counts[key] = matrix.counts.get(key, 0) + 1
    no_advanced = [title for tid, title in topics if matrix.count(tid, "advanced") == 0]
    matrix.finding = (f"No advanced course is listed for {_join(no_advanced)}." if no_advanced
                      else "Every topic has an advanced course.")
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
    if fact == "cost":
        return resource.cost != "unknown"
    if fact == "sessions":
        return any((today - s.start).days <= RECENT_DAYS or (s.end or s.start) >= today
                   for s in resource.sessions)
    return getattr(resource, fact) is not None


def completeness(courses: list[Resource], today: date) -> Series:
    rows = [(fact, label, sum(1 for r in courses if knows(r, fact, today)))
            for fact, label in COURSE_FACTS]
    parts = [f"{label.lower().replace('states its ', '').replace('has a ', 'a ')}: "
             f"{_percent(n, len(courses))}" for _, label, n in rows[:3]]
    finding = f"Of {len(courses)} courses, the share that states each fact: {_join(parts)}."
    return Series("completeness", "Courses that state each fact", rows, finding, unit="courses",
                  scale=len(courses))


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


def gap_sentence(registry: Registry, topic_id: str) -> str:
    """'No free course on attribution is offered in Arabic, French or Spanish.'"""
    missing = [v.LANGUAGES[c] for c in missing_free_languages(registry, topic_id)]
    title = registry.topic_by_id[topic_id].title
    if not missing:
        return f"Free courses on {title.lower()} exist in all six UN languages."
    return f"No free course on {title.lower()} is offered in {_join(missing, 'or')}."


# ---------------------------------------------------------------- words


def _extremes(rows: list[tuple[str, str, int]], noun: str) -> str:
    ranked = sorted(rows, key=lambda row: -row[2])
    most = ranked[0]
    empty = [label for _, label, n in rows if n == 0]
    thin = [label for _, label, n in rows if 0 < n <= THIN]
    text = f"{most[1]} has the most entries ({most[2]})"
    if empty:
        text += f"; {_join(empty)} {'has' if len(empty) == 1 else 'have'} none"
    if thin:
        text += f"; {_join(thin)} {'has' if len(thin) == 1 else 'have'} {THIN} or fewer"
    if not empty and not thin:
        least = ranked[-1]
        text += f"; {least[1]} has the fewest ({least[2]})"
    return text + "."


def _join(items: Any, word: str = "and") -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "0%"


def _count(n: int, noun: str) -> str:
    return f"{'no' if n == 0 else n} {noun}{'' if n == 1 else 's'}"
