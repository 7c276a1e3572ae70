"""The same handbook built by each engine: MkDocs + Material (with the hooks) and the
Zensical preview (`make preview-zensical` installs it), at the real registry and with
synthetic entries added, each side built twice and the faster build counting.

    .venv/bin/python bench/engines.py [--sizes 0,1000]

Prints one table: entries, MkDocs seconds, Zensical seconds, pages each wrote.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from handbook.registry import load
from handbook.synthetic import synthetic_registry
from handbook.workspace import ROOT, copy_project, run_mkdocs, with_real

ZENSICAL = ROOT / ".venv-zensical" / "bin"


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(result.stdout + result.stderr)
    return time.perf_counter() - start


def mkdocs_seconds(project: Path) -> float:
    start = time.perf_counter()
    code, output = run_mkdocs(project, project / "site")
    if code != 0:
        raise SystemExit(output)
    return time.perf_counter() - start


def zensical_seconds(project: Path) -> float:
    """`handbook preview` (generating the pages) plus `zensical build`, as make does."""
    prepare = timed([str(ZENSICAL / "handbook"), "preview", "preview"], project)
    return prepare + timed([str(ZENSICAL / "zensical"), "build", "-c", "-f", "mkdocs.yml"],
                           project / "preview")


def pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("index.html"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0,1000", help="synthetic entries added (0: the real registry)")
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    if not (ZENSICAL / "zensical").exists():
        raise SystemExit("run `make preview-zensical` first: it installs Zensical in .venv-zensical")
    print("| entries | MkDocs s | Zensical s | ratio | MkDocs pages | Zensical pages |")
    print("|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            text = with_real(synthetic_registry(size)) if size else None
            project = copy_project(Path(tmp) / f"p{size}", text)
            entries = len(load(str(project / "data" / "resources.yaml")).resources)
            ours = min(mkdocs_seconds(project) for _ in range(args.runs))
            zen = min(zensical_seconds(project) for _ in range(args.runs))
            print(f"| {entries} | {ours:.1f} | {zen:.1f} | {zen / ours:.2f} | "
                  f"{pages(project / 'site')} | {pages(project / 'preview' / 'site')} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
