"""Zip a built offline edition: `python -m handbook.offline SITE_DIR ZIP`.

The zip holds one folder with the site and a short READ-ME, in a stable order
with fixed timestamps, so the same site always gives the same zip.
"""

from __future__ import annotations

import os
import sys
import zipfile
from pathlib import Path

FOLDER = "cyber-diplomacy-handbook"
READ_ME = """Cyber Diplomacy Handbook - offline edition

Open index.html in this folder with any web browser. Everything works from
disk with no network: navigation, search and the catalog filters.
Links to the courses and tools themselves still need a connection.
"""
_EPOCH = (2020, 1, 1, 0, 0, 0)


def write_zip(site_dir: Path, target: Path) -> int:
    """Write the zip; returns its size in bytes."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".zip.partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        _add(zf, f"{FOLDER}/READ-ME.txt", READ_ME.encode("utf-8"))
        for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
            if path.suffix in (".map", ".gz"):
                continue  # source maps and pre-compressed copies are of no use on disk
            _add(zf, f"{FOLDER}/{path.relative_to(site_dir).as_posix()}", path.read_bytes())
    os.replace(partial, target)
    return target.stat().st_size


def _add(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    zf.writestr(info, data)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m handbook.offline SITE_DIR ZIP", file=sys.stderr)
        return 2
    size = write_zip(Path(argv[0]), Path(argv[1]))
    print(f"wrote {argv[1]} ({size / 1048576:.1f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
