"""The JSON Schema beside the registry matches the validator's vocabulary and the data."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import jsonschema
import pytest

from handbook.exports import resources_json
from handbook.registry import check_text, load
from handbook.schema import build_schema, schema_text
from handbook.vocabulary import (
    AUDIENCES,
    COSTS,
    FIRST_YEAR,
    FORMATS,
    KINDS,
    LANGUAGES,
    LEVELS,
    MAX_HOURS,
    REGIONS,
    TITLE_MAX,
)
from tests.sitebuild import ROOT


def test_schema_file_is_up_to_date() -> None:
    """Identical to the declarations' schema. Its `year` maximum is the year it was
    written in (a schema cannot say "this year"); compared with that year, so the
    file does not turn stale at midnight on 31 December."""
    on_disk = (ROOT / "data" / "resources.schema.json").read_text(encoding="utf-8")
    year = json.loads(on_disk)["properties"]["resources"]["items"]["properties"]["year"]["maximum"]
    assert year >= date.today().year - 1, "run `.venv/bin/handbook schema --write`"
    assert on_disk == schema_text(date(year, 1, 1)), "run `.venv/bin/handbook schema --write`"


def test_registry_names_its_schema_on_the_first_line() -> None:
    first = (ROOT / "data" / "resources.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=resources.schema.json"


def test_real_registry_validates_against_the_schema() -> None:
    import yaml
    data = yaml.safe_load((ROOT / "data" / "resources.yaml").read_text(encoding="utf-8"))
    data = json.loads(json.dumps(data, default=str))  # dates as ISO strings, as editors see them
    jsonschema.Draft202012Validator(build_schema()).validate(data)


def test_schema_rejects_what_the_validator_rejects() -> None:
    registry = load(str(ROOT / "data" / "resources.yaml"))
    item = json.loads(resources_json(registry))["resources"][0]
    item.pop("page")
    item = _without_nulls(item)
    item.pop("related", None)  # ids of entries this small document does not hold
    validator = jsonschema.Draft202012Validator(build_schema())
    doc = {"topics": [{"id": "norms", "title": "Norms"}], "resources": [item]}
    assert validator.is_valid(doc)
    assert not validator.is_valid({**doc, "resources": [{**item, "cost": "cheap"}]})
    assert not validator.is_valid({**doc, "resources": [{**item, "colour": "red"}]})
    assert not validator.is_valid({**doc, "resources": [{**item, "url": "javascript:x"}]})


def _without_nulls(value):
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v not in (None, [])}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


# ---------------------------------------------------------------- schema = validator

TODAY = date(2026, 11, 27)
ENTRY = {
    "id": "boundary-entry", "title": "T", "kind": "course", "provider": "P",
    "url": "https://example.org/x", "summary": "S.", "topics": ["norms"], "cost": "free",
    "languages": ["en"], "last_checked": "2026-11-01",
    "sources": [{"url": "https://example.org/x", "seen": "2025-03", "covers": ["cost"]}],
}
BOUNDARIES: list[tuple[str, Any]] = [
    ("hours", 0), ("hours", -1), ("hours", 0.5), ("hours", MAX_HOURS), ("hours", MAX_HOURS + 1),
    ("hours", "3"), ("year", FIRST_YEAR - 1), ("year", FIRST_YEAR), ("year", TODAY.year),
    ("year", TODAY.year + 1), ("title", "x" * TITLE_MAX), ("title", "x" * (TITLE_MAX + 1)),
    ("title", ""), ("id", "Bad Id"), ("id", "a" * 80), ("id", "a" * 81), ("url", "ftp://example.org"),
    ("url", "https://localhost"), ("topics", []), ("languages", []), ("languages", ["en", "en"]),
    ("sources", []), ("sources", [{"seen": "2025"}]),
    ("sources", [{"url": "https://x.org", "seen": "2025-13"}]),
    ("sources", [{"url": "https://x.org", "covers": ["colour"]}]), ("colour", "red"),
    ("sessions", [{"end": "2027-01-01"}]), ("regions", []),
    *((field, value) for field, table in (("kind", KINDS), ("cost", COSTS), ("format", FORMATS),
                                          ("level", LEVELS)) for value in (*table, "other")),
    *(("audience", [value]) for value in (*AUDIENCES, "other")),
    *(("regions", [value]) for value in (*REGIONS, "other")),
    *(("languages", [code]) for code in (*LANGUAGES, "xx", "eng")),
]


@pytest.mark.parametrize(("field", "value"), BOUNDARIES, ids=lambda v: str(v)[:24])
def test_schema_and_validator_give_the_same_verdict(field: str, value: Any) -> None:
    document = {"topics": [{"id": "norms", "title": "Norms"}], "resources": [{**ENTRY, field: value}]}
    by_schema = jsonschema.Draft202012Validator(
        build_schema(TODAY), format_checker=jsonschema.FormatChecker()).is_valid(document)
    registry, problems = check_text(json.dumps(document), "data/resources.yaml", today=TODAY)
    assert by_schema == (registry is not None), problems
