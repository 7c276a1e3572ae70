"""The registry's JSON Schema, derived from the field declarations (records.py).

`data/resources.schema.json` is this function's output (`handbook schema
--write`); a test keeps the two identical, and another runs boundary values
through both the schema and the validator. Editors get completion and most
checks from it; the validator adds what a schema cannot say (cross-references,
dates against today, control characters).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from .fields import record_schema
from .records import Resource, Topic

SCHEMA_PATH = "data/resources.schema.json"


def build_schema(today: date | None = None) -> dict[str, Any]:
    """The schema; `year` may not pass the year of `today` (default: this year)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "resources.schema.json",
        "title": "Cyber Diplomacy Handbook registry",
        "description": "data/resources.yaml: topics and resources (SPEC section 3).",
        "type": "object",
        "additionalProperties": False,
        "required": ["topics", "resources"],
        "properties": {
            "topics": {"type": "array", "minItems": 1, "items": record_schema(Topic, today)},
            "resources": {"type": "array", "minItems": 1, "items": record_schema(Resource, today)},
        },
    }


def schema_text(today: date | None = None) -> str:
    return json.dumps(build_schema(today), indent=2, ensure_ascii=False) + "\n"
