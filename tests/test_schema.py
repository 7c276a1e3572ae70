"""The JSON Schema beside the registry matches the validator's vocabulary and the data."""

from __future__ import annotations

import json

import jsonschema

from handbook.exports import resources_json
from handbook.registry import load
from handbook.schema import build_schema, schema_text
from tests.sitebuild import ROOT


def test_schema_file_is_up_to_date() -> None:
    on_disk = (ROOT / "data" / "resources.schema.json").read_text(encoding="utf-8")
    assert on_disk == schema_text(), "run `.venv/bin/handbook schema --write`"


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
