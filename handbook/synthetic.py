"""Synthetic registries for tests and benchmarks: valid, varied, deterministic.

Never for the real registry: every URL points at example.org.
"""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from . import vocabulary as v
from .yamlsource import dump_yaml

TOPICS: tuple[tuple[str, str], ...] = (
    ("foundations", "Foundations of cyber diplomacy"),
    ("international-law", "International law in cyberspace"),
    ("norms", "Norms of responsible state behaviour"),
    ("cbms", "Confidence-building measures"),
    ("cybercrime", "Cybercrime and cross-border investigations"),
    ("critical-infrastructure", "Critical infrastructure and incident response"),
    ("attribution", "Attribution and responses"),
    ("strategy", "National strategies and cyber foreign policy"),
    ("capacity-building", "Cyber capacity building"),
    ("internet-governance", "Internet governance"),
    ("human-rights", "Human rights online"),
    ("emerging-tech", "Emerging technologies"),
)

_WORDS = ("cyber norms diplomacy law treaty incident response strategy capacity evidence "
          "governance rights security confidence measures attribution sanctions protocol "
          "convention dialogue network training practice policy review").split()


def synthetic_entry(n: int, rng: random.Random, today: date, kind: str | None = None
                    ) -> dict[str, Any]:
    kind = kind or list(v.KINDS)[n % len(v.KINDS)]
    words = rng.sample(_WORDS, 4)
    entry: dict[str, Any] = {
        "id": f"synthetic-{kind}-{n}",
        "title": f"{' '.join(words).capitalize()} {n}",
        "kind": kind,
        "provider": f"Provider {n % 37}",
        "url": f"https://example.org/resources/{n}",
        "summary": " ".join(rng.choice(_WORDS) for _ in range(10)).capitalize() + ".",
        "topics": sorted({TOPICS[n % 12][0], TOPICS[(n * 7) % 12][0]}),
        "cost": list(v.COSTS)[n % 4],
        "languages": sorted({("en", "fr", "es", "ar", "ru", "zh", "pt")[n % 7], "en"}),
        "last_checked": today,
        "sources": [{"url": f"https://example.org/resources/{n}"}],
    }
    if kind == "course":
        entry["hours"] = (1, 2, 6, 20, 40, 120)[n % 6]
        entry["format"] = list(v.FORMATS)[n % 4]
        entry["level"] = list(v.LEVELS)[n % 3]
    if n % 5 == 0:
        entry["regions"] = [list(v.REGIONS)[1 + n % 5]]
    return entry


def synthetic_registry(count: int, seed: int = 1, today: date | None = None,
                       kind: str | None = None) -> dict[str, Any]:
    """`count` valid entries; all of one `kind` when given, else every kind in turn."""
    rng = random.Random(seed)
    today = today or date.today()
    return {
        "topics": [{"id": i, "title": t} for i, t in TOPICS],
        "resources": [synthetic_entry(n, rng, today, kind) for n in range(count)],
    }


def synthetic_json(count: int, seed: int = 1) -> str:
    """A synthetic registry written as JSON, which is YAML too: ten times faster to make
    than `dump`, for tests and benchmarks that need a large file."""
    import json

    return json.dumps(synthetic_registry(count, seed), default=str, ensure_ascii=False)


def dump(registry: dict[str, Any]) -> str:
    """Registry YAML in the file's own style."""
    header = "# yaml-language-server: $schema=resources.schema.json\n"
    return header + dump_yaml(registry, width=100)
