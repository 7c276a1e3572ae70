"""The catalog filters (SPEC 4): which keys, which values, in which words.

Every field declared with a `facet` (records.py) filters the catalogs; the page
shows only filters that can narrow the list in hand. catalog.js reads the keys,
values and how each one matches from the page, so it has no list of its own.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from . import vocabulary as v
from .fields import FieldSpec, ListOf, fields_of
from .records import Registry, Resource


@dataclass(frozen=True)
class Facet:
    key: str  # the query-string key
    field: str  # the record field it reads
    legend: str
    options: tuple[tuple[str, str], ...]  # (value, label)
    match: str  # "one": the value is selected; "any": a list item is; "max": hours <= N;
    # "any-or-global": a listed region is selected, or the entry is for every region
    single: bool = False  # radio buttons (time) instead of checkboxes


# In SPEC 4's key order: the entry's own properties first (cost, hours, format,
# lang, level), then what it is about and for (topic, region).
FACET_FIELDS: tuple[FieldSpec, ...] = tuple(sorted(
    (spec for spec in fields_of(Resource) if spec.facet),
    key=lambda spec: spec.name in ("topics", "regions")))


def catalog_facets(registry: Registry, resources: list[Resource]) -> list[Facet]:
    """Filters worth showing for these entries, in the declarations' order."""
    facets = []
    for spec in FACET_FIELDS:
        options = _options(spec, registry, resources)
        if options:
            facets.append(Facet(spec.facet or "", spec.name, spec.label, options, _match(spec),
                                single=spec.name == "hours"))
    return facets


def facet_modes() -> list[tuple[str, str]]:
    """Every filter key and how it matches, in order, also for filters a page does not
    show: `?hours=2` on a list where no entry states its time matches nothing, honestly."""
    return [(spec.facet or "", _match(spec)) for spec in FACET_FIELDS]


def _match(spec: FieldSpec) -> str:
    if spec.name == "hours":
        return "max"
    if spec.name == "regions":
        return "any-or-global"
    return "any" if isinstance(spec.type, ListOf) else "one"


def _options(spec: FieldSpec, registry: Registry, resources: list[Resource]
             ) -> tuple[tuple[str, str], ...]:
    if spec.name == "hours":
        has_hours = any(r.hours is not None for r in resources)
        return tuple((str(limit), label) for limit, label in v.TIME_BUCKETS) if has_hours else ()
    if spec.name == "regions":
        # Every region, even one no entry names (global entries match it); "Global"
        # itself where some entry is for every region.
        present = {region for r in resources for region in r.regions}
        return tuple((key, label) for key, label in v.REGIONS.items()
                     if key != "global" or key in present)
    if spec.name == "topics":
        present = {t for r in resources for t in r.topics}
        return tuple((t.id, t.title) for t in registry.topics if t.id in present)
    counts = Counter(value for r in resources for value in _values(r, spec.name))
    labels = spec.type.choices()
    if spec.name == "languages":  # the most common first
        return tuple((code, labels.get(code, code)) for code, _ in counts.most_common())
    return tuple((key, label) for key, label in labels.items() if key in counts)


def _values(resource: Resource, name: str) -> tuple[str, ...]:
    value = getattr(resource, name)
    if value is None:
        return ()
    return value if isinstance(value, tuple) else (value,)
