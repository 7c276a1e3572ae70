"""Every generated file, written to a folder without MkDocs (SPEC 7: one generator, any engine).

`handbook generate OUTDIR` writes the entry pages, the redirects from former ids
and moved pages, the topic pages that have no hand-written overview, the
exports, coverage.json and the templates' .docx into OUTDIR. `handbook preview
DIR` also copies the hand-written pages there and writes a configuration, so
that another engine (Zensical) builds the whole site from DIR.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from . import pipeline, published
from .registry import load
from .site import generated_files
from .siteconfig import site_config

# What a preview folder needs besides the pages: linked, not copied.
_SHARED = ("overrides", "includes", "data", "handbook")


def generate(root: Path, out: Path, edition: str = "") -> list[str]:
    """Write every generated file under `out`; returns their paths, in a stable order."""
    config = site_config(root)
    registry = load(str(root / pipeline.REGISTRY_PATH))
    build = pipeline.start(str(root), registry, pipeline.site_options(config), hold_fragments=False,
                           edition=edition)
    existing = {p.relative_to(root / "docs").as_posix() for p in (root / "docs").rglob("*.md")}
    moves = published.moves_for(build.published, edition)
    files = generated_files(registry, build.renderer, existing, moves, root)
    for path, content in sorted(files.items()):
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return sorted(files)


def prepare_preview(root: Path, folder: Path) -> Path:
    """A folder another engine can build: the pages, the generated files, the shared
    parts linked, and mkdocs.yml; returns the configuration's path."""
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(root / "docs", folder / "docs")
    generate(root, folder / "docs")
    for part in _SHARED:
        (folder / part).symlink_to((root / part).resolve(), target_is_directory=True)
    config = folder / "mkdocs.yml"
    shutil.copy2(root / "mkdocs.yml", config)
    return config
