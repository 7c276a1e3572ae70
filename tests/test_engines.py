"""One generator, any engine (SPEC 7): `handbook generate` without MkDocs, and the Zensical preview."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from handbook.records import Registry
from handbook.registry import load
from handbook.vocabulary import CATALOGS, catalog_kinds
from tests.sitebuild import ROOT, copy_project

# Any import of MkDocs fails in this process: the generator must not need it.
WITHOUT_MKDOCS = ("import sys; sys.modules['mkdocs'] = None; "
                  "from handbook.cli import main; sys.exit(main(sys.argv[1:]))")


def generate(project: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", WITHOUT_MKDOCS, "generate", str(out)],
                          cwd=project, capture_output=True, text=True, timeout=300)


def digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.build  # it generates every page of the site, twice
def test_generate_writes_one_page_per_entry_the_same_bytes_twice_without_mkdocs(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    for out in (first, second):
        result = generate(ROOT, out)
        assert result.returncode == 0, result.stdout + result.stderr
    registry = load(str(ROOT / "data" / "resources.yaml"))
    pages = sorted(p.stem for p in (first / "resources").glob("*.md"))
    assert pages == sorted(r.id for r in registry.resources)
    for name in ("resources.json", "resources.csv", "resources.xlsx", "feed.xml", "coverage.json"):
        assert (first / name).stat().st_size > 0, name
    assert digests(first) == digests(second), "byte-identical between two runs"


def zensical() -> str:
    """The preview's Zensical (make preview-zensical installs it); skipped without it
    outside CI, a failure inside CI (.ci/run installs it)."""
    for candidate in (ROOT / ".venv-zensical" / "bin" / "zensical", shutil.which("zensical")):
        if candidate and Path(candidate).exists():
            return str(candidate)
    if os.environ.get("CI") == "true":
        pytest.fail("Zensical not found; .ci/run must run `make preview-zensical` first")
    pytest.skip("the Zensical preview test needs `make preview-zensical` (its own venv); none found")


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The handbook built by Zensical from a preview folder (`handbook preview`)."""
    executable = zensical()
    project = copy_project(tmp_path_factory.mktemp("zensical"))
    prepared = subprocess.run([sys.executable, "-c", WITHOUT_MKDOCS, "preview", "preview"],
                              cwd=project, capture_output=True, text=True, timeout=300)
    assert prepared.returncode == 0, prepared.stdout + prepared.stderr
    built = subprocess.run([executable, "build", "-f", "mkdocs.yml"], cwd=project / "preview",
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stdout + built.stderr
    return project / "preview" / "site"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load(str(ROOT / "data" / "resources.yaml"))


def ids_on(site: Path, url: str) -> set[str]:
    page = BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")
    return {card["id"] for card in page.select("article.hb-card")}


def test_zensical_builds_every_entry_page(zensical_site: Path, registry: Registry) -> None:
    for resource in registry.resources:
        page = zensical_site / "resources" / resource.id / "index.html"
        assert page.exists(), resource.id
    assert (zensical_site / "index.html").exists()
    for name in ("resources.json", "resources.csv", "resources.xlsx", "feed.xml", "coverage.json"):
        assert (zensical_site / name).exists(), name


@pytest.mark.parametrize("catalog", CATALOGS)
def test_zensical_catalogs_list_every_entry_of_their_kinds(zensical_site: Path, registry: Registry,
                                                          catalog: str) -> None:
    expected = {r.id for r in registry.of_kinds(*catalog_kinds(catalog))}
    assert ids_on(zensical_site, f"{catalog}/") == expected


def test_zensical_topic_pages_list_their_entries(zensical_site: Path, registry: Registry) -> None:
    for topic in registry.topics:
        assert ids_on(zensical_site, f"topics/{topic.id}/") == {r.id for r in registry.for_topic(topic.id)}
