"""mkdocs.yml read as plain data, for code that runs outside MkDocs (the CLI, the
interface catalog, previews and tests). No MkDocs import; no other handbook import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class _Tolerant(yaml.SafeLoader):
    """mkdocs.yml holds !ENV and !!python tags: read them as null."""


_Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)


def site_config(root: Path) -> dict[str, Any]:
    """The project's mkdocs.yml as plain data."""
    return yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Tolerant) or {}


def editions_of(config: Any) -> list[str]:
    """Every edition the site has (`extra.editions`), English first."""
    listed = [str(code) for code in (config.get("extra") or {}).get("editions") or ["en"]]
    return ["en", *(code for code in listed if code != "en")]
