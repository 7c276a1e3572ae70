"""The catalog filters (SPEC 4): which keys, which values, in which words.

The page shows only filters that can narrow the list in hand; the query-string
keys and their meaning are fixed by the spec and implemented in catalog.js.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from . import vocabulary as v
from .records import Registry, Resource

# Time buckets of SPEC 4: hours=N keeps entries with known hours <= N.
HOURS_BUCKETS: tuple[tuple[str, str], ...] = (
    ("2", "Up to 2 hours"),
    ("8", "Up to a day (8 hours)"),
    ("40", "Up to a week (40 hours)"),
)


@dataclass(frozen=True)
class Facet:
    key: str  # the query-string key
    legend: str
    options: tuple[tuple[str, str], ...]  # (value, label)
    single: bool = False  # radio buttons (time) instead of checkboxes


def catalog_facets(registry: Registry, resources: list[Resource]) -> list[Facet]:
    """Filters worth showing for these entries, in the spec's key order."""
    facets = [Facet("cost", "Cost", _present(resources, "cost", v.COSTS))]
    if any(r.hours is not None for r in resources):
        facets.append(Facet("hours", "Time", HOURS_BUCKETS, single=True))
    if any(r.format for r in resources):
        facets.append(Facet("format", "Format", _present(resources, "format", v.FORMATS)))
    languages = Counter(code for r in resources for code in r.languages)
    facets.append(Facet("lang", "Language", tuple(
        (code, v.LANGUAGES.get(code, code)) for code, _ in languages.most_common())))
    if any(r.level for r in resources):
        facets.append(Facet("level", "Level", _present(resources, "level", v.LEVELS)))
    topics = {t for r in resources for t in r.topics}
    facets.append(Facet("topic", "Topic", tuple(
        (t.id, t.title) for t in registry.topics if t.id in topics)))
    regions = {region for r in resources for region in r.regions}
    facets.append(Facet("region", "Region", tuple(
        (key, label) for key, label in v.REGIONS.items() if key in regions or key != "global")))
    return facets


def _present(resources: list[Resource], field: str, labels: dict[str, str]
             ) -> tuple[tuple[str, str], ...]:
    values = {getattr(r, field) for r in resources}
    return tuple((key, label) for key, label in labels.items() if key in values)
