"""One build of the site: the registry validated once, its renderer, and the HTML
held back from Markdown.

The MkDocs hook starts a build in `on_config`; the macros module (macros.py)
joins it, or, under an engine without hooks (Zensical), starts its own from
the registry file. Plain Python: no MkDocs import.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from . import i18n, published
from . import registry as registry_file
from .published import Published
from .records import Registry
from .render import Renderer, SiteOptions

REGISTRY_PATH = "data/resources.yaml"
_PLACEHOLDER = re.compile(r"<!-- hb-fragment \d+ -->")
TEMPLATES = "overrides/handbook"


@dataclass
class Fragments:
    """Finished HTML that Markdown and the search index never read: a placeholder
    goes into the page, and `restore` puts the HTML back into the finished page."""

    held: dict[str, str] = field(default_factory=dict)

    def hold(self, html: str) -> str:
        key = f"<!-- hb-fragment {len(self.held)} -->"
        self.held[key] = html
        return key

    def restore(self, output: str) -> str:
        if not self.held:
            return output
        return _PLACEHOLDER.sub(lambda m: self.held.get(m[0], m[0]), output)


@dataclass
class Build:
    root: str  # the folder of the configuration file
    renderer: Renderer
    # None where no hook puts fragments back (Zensical): macros return HTML inline.
    fragments: Fragments | None = None
    edition: str = ""  # "" for English, else the language code of the edition
    published: Published = field(default_factory=Published)
    page_ids: dict[str, set[str]] = field(default_factory=dict)  # address -> ids in its HTML
    search_docs: list[dict[str, Any]] = field(default_factory=list)  # entry pages' index documents

    @property
    def registry(self) -> Registry:
        return self.renderer.registry


_builds: dict[str, Build] = {}


def start(root: str, registry: Registry, options: SiteOptions, *, hold_fragments: bool,
          edition: str = "") -> Build:
    """The build of the project in `root` (in an edition: "" is English), replacing the
    previous one (serve rebuilds)."""
    root = os.path.abspath(root)
    interface = i18n.load(Path(root), edition or "en")
    renderer = Renderer(registry, os.path.join(root, TEMPLATES), options, interface)
    build = Build(root, renderer, Fragments() if hold_fragments else None, edition=edition,
                  published=published.read(Path(root)))
    _builds[root] = build
    return build


def current(root: str, options: SiteOptions, edition: str = "") -> Build:
    """The build a hook started for the project in `root`, or a new one from its registry
    file (raises RegistryError when that is not valid)."""
    build = _builds.get(os.path.abspath(root))
    if build is None:
        registry = _cached_load(os.path.join(root, REGISTRY_PATH))
        build = start(root, registry, options, hold_fragments=False, edition=edition)
    return build


def project_root(config: Any) -> str:
    """The folder of the site's configuration: MkDocs' config_file_path, Zensical's root_dir."""
    path = getattr(config, "config_file_path", None)
    if path:
        return os.path.dirname(os.path.abspath(path))
    return os.path.abspath(config.get("root_dir") or os.getcwd())


def edition_of(config: Any) -> str:
    """The edition a configuration builds: "" for English, else its language code
    (`extra.edition`, which mkdocs.yml reads from HB_EDITION)."""
    code = str((config.get("extra") or {}).get("edition") or "en")
    return "" if code == "en" else code


def site_options(config: Any, built: datetime | None = None) -> SiteOptions:
    """Options from an MkDocs-style configuration (MkDocs' or Zensical's)."""
    return SiteOptions(directory_urls=bool(config.get("use_directory_urls", True)),
                       repo_url=config.get("repo_url"), site_url=config.get("site_url"),
                       registry_path=REGISTRY_PATH, built=built)


_loaded: dict[str, tuple[float, Registry]] = {}


def _cached_load(path: str) -> Registry:
    # Zensical loads the macros module again for every page: parse the registry once
    # per version of the file, not once per page.
    stamp = os.path.getmtime(path)
    cached = _loaded.get(path)
    if cached is None or cached[0] != stamp:
        cached = (stamp, registry_file.load(path, display_name=REGISTRY_PATH))
        _loaded[path] = cached
    return cached[1]
