"""Machine-readable exports of the registry (SPEC 4): resources.json.

Each export is a pure function of the registry, returning text; the MkDocs
hook only places it in the site.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from typing import Any

from .records import Registry, Resource
from .urls import entry_src, page_url

EXPORT_FIELDS: tuple[str, ...] = tuple(
    f.name for f in dataclasses.fields(Resource) if f.name != "line"
)


def resource_record(resource: Resource, directory_urls: bool = True) -> dict[str, Any]:
    """The registry fields of one entry, plus `page`, as JSON-ready values."""
    record = {name: _plain(getattr(resource, name)) for name in EXPORT_FIELDS}
    record["page"] = page_url(entry_src(resource.id), directory_urls)
    return record


def resources_json(registry: Registry, directory_urls: bool = True) -> str:
    items = [resource_record(r, directory_urls) for r in registry.resources]
    return json.dumps({"resources": items}, ensure_ascii=False, indent=1) + "\n"


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return value
