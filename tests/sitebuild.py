"""Build real handbook sites in temporary folders, for build and browser tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup

from handbook.records import Registry
from handbook.registry import check_text
from handbook.synthetic import dump

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "mkdocs-offline.yml", "docs", "overrides", "hooks", "includes",
                 "handbook", "data/templates", "data/published.txt", "editions")


def copy_project(dest: Path, registry_text: str | None = None) -> Path:
    """The site sources in `dest`, with the real registry or `registry_text`."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        (dest / part).parent.mkdir(parents=True, exist_ok=True)
        if not source.exists():
            continue
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / part)
    (dest / "data").mkdir(exist_ok=True)
    registry = registry_text if registry_text is not None else (
        ROOT / "data" / "resources.yaml").read_text(encoding="utf-8")
    (dest / "data" / "resources.yaml").write_text(registry, encoding="utf-8")
    return dest


def with_real(data: dict[str, Any]) -> str:
    """Registry text: the real registry plus `data`'s resources and any new topics.

    The hand-written pages name real entries (learning paths, links), so every
    test site starts from the real registry and adds what the test needs.
    """
    real = yaml.safe_load((ROOT / "data" / "resources.yaml").read_text(encoding="utf-8"))
    known = {t["id"] for t in real["topics"]}
    topics = real["topics"] + [t for t in data.get("topics", []) if t["id"] not in known]
    return dump({"topics": topics, "resources": real["resources"] + data["resources"]})


def mkdocs_env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


@dataclass
class Build:
    project: Path
    site: Path
    returncode: int
    output: str

    def html(self, url_path: str) -> BeautifulSoup:
        """The page at a site URL such as 'resources/x/' or 'courses/'."""
        path = self.site / url_path
        if url_path.endswith("/") or url_path == "":
            path = path / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def text(self, url_path: str) -> str:
        return (self.site / url_path).read_text(encoding="utf-8")


def build(project: Path, *extra_args: str, edition: str = "en", site: Path | None = None) -> Build:
    """`mkdocs build --strict` in `project` (of one edition); never raises on a failed build."""
    site = site or project / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site), *extra_args],
        cwd=project, env={**mkdocs_env(), "HB_EDITION": edition}, capture_output=True, text=True,
        timeout=600,
    )
    return Build(project, site, result.returncode, result.stdout + result.stderr)


def build_editions(project: Path, editions: tuple[str, ...] = ("fr", "es")) -> Build:
    """English at the site's root and each edition under /<lang>/, as `make build` does."""
    english = build(project)
    if english.returncode != 0:
        return english
    for code in editions:
        result = build(project, edition=code, site=english.site / code)
        if result.returncode != 0:
            return result
    return english


def main_text(soup: BeautifulSoup) -> str:
    """The visible text of the page's main content."""
    main = soup.select_one("article.md-content__inner") or soup
    return main.get_text(" ", strip=True)


def built_site(project_dir: Path, extra_resources: list[dict[str, Any]], synthetic: int = 3) -> Build:
    """A strict build of the real registry, `synthetic` generated entries and `extra_resources`."""
    from handbook.synthetic import synthetic_registry

    data = synthetic_registry(synthetic)
    data["resources"] += extra_resources
    result = build(copy_project(project_dir, with_real(data)))
    assert result.returncode == 0, result.output
    return result


def registry_of(site: Build) -> Registry:
    """The records of the registry a test site was built from."""
    text = (site.project / "data" / "resources.yaml").read_text(encoding="utf-8")
    registry, problems = check_text(text, "data/resources.yaml")
    assert registry is not None, problems
    return registry
