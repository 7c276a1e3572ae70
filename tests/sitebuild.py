"""Build real handbook sites in temporary folders, for build and browser tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

from handbook.records import Registry
from handbook.registry import check_text
from handbook.workspace import ROOT, copy_project, mkdocs_env, run_mkdocs, with_real

__all__ = ["ROOT", "Build", "build", "build_editions", "copy_project", "mkdocs_env", "with_real"]


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
    returncode, output = run_mkdocs(project, site, *extra_args, edition=edition)
    return Build(project, site, returncode, output)


def build_editions(project: Path, *extra_args: str, editions: tuple[str, ...] = ("fr", "es")
                   ) -> Build:
    """English at the site's root and each edition under /<lang>/, as `make build` does."""
    english = build(project, *extra_args)
    if english.returncode != 0:
        return english
    for code in editions:
        result = build(project, *extra_args, edition=code, site=english.site / code)
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
