"""Time `mkdocs build` of the real site and of synthetic registries.

    .venv/bin/python bench/build_time.py 1000 5000

Prints one row per build: entries, seconds, output size. Each build runs in a
temporary copy of the project, so the working tree is never touched.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from handbook.synthetic import synthetic_registry
from tests.sitebuild import build, copy_project, with_real


def measure(label: str, registry_text: str | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp), registry_text)
        start = time.perf_counter()
        result = build(project)
        seconds = time.perf_counter() - start
        if result.returncode != 0:
            raise SystemExit(result.output)
        size = sum(p.stat().st_size for p in result.site.rglob("*") if p.is_file())
        pages = sum(1 for _ in (result.site / "resources").glob("*/index.html"))
        print(f"{label:>12} {pages:>8} {seconds:>9.2f} {size / 1048576:>9.1f}")


def main(sizes: list[int]) -> None:
    print(f"{'registry':>12} {'entries':>8} {'seconds':>9} {'MiB':>9}")
    measure("real", None)
    for size in sizes:
        measure("synthetic", with_real(synthetic_registry(size)))


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [1000])
