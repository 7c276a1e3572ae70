"""The registry's JSON Schema, built from the same vocabulary as the validator.

`data/resources.schema.json` is this function's output (`handbook schema
--write`); a test keeps the two identical, so editors and the validator agree.
Editors get completion and most checks from it; the validator adds what a
schema cannot say (cross-references, dates against today, control characters).
"""

from __future__ import annotations

import json
from typing import Any

from . import vocabulary as v

SCHEMA_PATH = "data/resources.schema.json"


def _text(limit: int, description: str) -> dict[str, Any]:
    return {"type": "string", "minLength": 1, "maxLength": limit, "description": description}


def _enum(values: dict[str, str], description: str) -> dict[str, Any]:
    return {"enum": list(values), "description": description}


def _list(item: dict[str, Any], description: str, min_items: int = 0) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "array", "items": item, "uniqueItems": True,
                              "description": description}
    if min_items:
        schema["minItems"] = min_items
    return schema


_ID = {"type": "string", "pattern": v.ID_PATTERN, "maxLength": v.ID_MAX}
_DATE = {"type": "string", "format": "date", "description": "YYYY-MM-DD"}


def build_schema() -> dict[str, Any]:
    resource = {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "title", "kind", "provider", "url", "summary", "topics", "cost",
                     "languages", "last_checked"],
        "properties": {
            "id": {**_ID, "description": "kebab-case slug; it is the URL /resources/<id>/"},
            "title": _text(v.TITLE_MAX, "plain text"),
            "kind": _enum(v.KINDS, "what the resource is"),
            "provider": _text(v.PROVIDER_MAX, "who offers it"),
            "url": {"type": "string", "pattern": "^https?://", "maxLength": 2000,
                    "description": "absolute http(s) URL of the resource"},
            "summary": _text(v.SUMMARY_MAX, "plain text, what it is and who it is for"),
            "topics": _list({"type": "string", "description": "a topic id from `topics`"},
                            "topics this entry belongs to", 1),
            "cost": _enum(v.COSTS, "mixed: e.g. free to audit, paid certificate"),
            "cost_note": _text(v.NOTE_MAX, "fee, scholarships"),
            "hours": {"type": "number", "exclusiveMinimum": 0,
                      "description": "total effort a learner should expect"},
            "duration_note": _text(v.NOTE_MAX, "e.g. 8 weeks, about 5 h a week"),
            "format": _enum(v.FORMATS, "how it is delivered"),
            "languages": _list({"enum": list(v.LANGUAGES)}, "ISO 639-1 codes", 1),
            "level": _enum(v.LEVELS, "level"),
            "audience": _list({"enum": list(v.AUDIENCES)}, "who it is for"),
            "regions": _list({"enum": list(v.REGIONS)}, "default [global]", 1),
            "year": {"type": "integer", "minimum": v.FIRST_YEAR,
                     "description": "year of publication or first offering"},
            "added": {**_DATE, "description": "when the entry was added (not in the future)"},
            "last_checked": {**_DATE, "description": "when the facts were last checked"},
            "eligibility": _text(v.ELIGIBILITY_MAX, "who may apply, what is funded"),
            "sessions": _list({
                "type": "object",
                "additionalProperties": False,
                "required": ["start"],
                "properties": {"start": _DATE, "end": _DATE, "deadline": _DATE,
                               "note": _text(v.NOTE_MAX, "plain text")},
            }, "scheduled intakes"),
            "aliases": _list(_ID, "former ids; each redirects to this entry"),
            "related": _list(_ID, "ids of related entries"),
        },
    }
    topic = {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "title"],
        "properties": {
            "id": _ID,
            "title": _text(v.TITLE_MAX, "plain text"),
            "summary": _text(v.TOPIC_SUMMARY_MAX, "one sentence"),
            "start_here": {**_list(_ID, "up to three entry ids to start with"), "maxItems": 3},
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "resources.schema.json",
        "title": "Cyber Diplomacy Handbook registry",
        "description": "data/resources.yaml: topics and resources (SPEC section 3).",
        "type": "object",
        "additionalProperties": False,
        "required": ["topics", "resources"],
        "properties": {
            "topics": {"type": "array", "minItems": 1, "items": topic},
            "resources": {"type": "array", "minItems": 1, "items": resource},
        },
    }


def schema_text() -> str:
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"
