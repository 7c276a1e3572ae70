"""MkDocs hooks: what only MkDocs needs around the `handbook` package.

Validation in `on_config` (a build fails before touching site/; `mkdocs serve`
keeps serving the last valid registry and shows the errors), the generated
files, and what keeps a large build fast: entry pages skip Markdown, entry
lists join the page after the search index is made, the shared sidebar is
rendered once. Pages, exports and macros are the package's (pipeline, site,
macros), so another engine can build the same site without this file.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from handbook import pipeline, published
from handbook import registry as registry_file
from handbook.abbreviations import parse_abbreviations
from handbook.records import Registry
from handbook.render import inert, search_text, split_front_matter
from handbook.site import generated_files
from handbook.urls import page_url

ABBREVIATIONS = "includes/abbreviations.md"
_ID = re.compile(r'\sid="([^"]+)"')

# Under serve, registry errors go to a logger outside MkDocs' own: MkDocs counts
# its errors and, in strict mode, would abort the rebuild and hang the server.
serve_log = logging.getLogger("handbook.serve")
if not serve_log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    serve_log.addHandler(_handler)
    serve_log.propagate = False


@dataclass
class ServeState:
    """What survives `mkdocs serve`'s rebuilds (MkDocs loads a hook module once)."""

    command: str | None = None
    last_good: Registry | None = None
    build: pipeline.Build | None = None


_state = ServeState()


def on_startup(command: str, **kwargs: Any) -> None:
    _state.command = command
    if command == "serve":
        _quiet_request_warnings()


@event_priority(100)  # before the macros plugin (whose define_env joins this build) and search
def on_config(config: MkDocsConfig, **kwargs: Any) -> MkDocsConfig:
    root = pipeline.project_root(config)
    registry = _load(os.path.join(root, pipeline.REGISTRY_PATH))
    config.extra["registry_errors"] = list(registry.stale_problems)
    edition = pipeline.edition_of(config)
    options = pipeline.site_options(config)
    if registry.stale_problems:
        options = dataclasses.replace(options, lenient=True)
    _state.build = pipeline.start(root, registry, options, hold_fragments=True, edition=edition)
    _sync_topics_nav(config, registry)
    _load_abbreviations(config, root, edition)
    return config


@event_priority(50)  # before plugins that must see the generated pages
def on_files(files: Files, config: MkDocsConfig, **kwargs: Any) -> Files:
    build = _current()
    existing = {f.src_uri for f in files}
    moves = published.moves_for(build.published, build.edition)
    generated = generated_files(build.registry, build.renderer, existing, moves, Path(build.root))
    for path, content in generated.items():
        if path.startswith("resources/") and path.endswith(".md"):
            front, body = split_front_matter(content)
            file = File.generated(config, path, content=front)
            _EntryPage(file, config, body)  # MkDocs keeps the page it finds on the file
        else:
            file = File.generated(config, path, content=content)
        files.append(file)
    return files


class _EntryPage(Page):
    """An entry page: its HTML comes finished from the generator. Markdown would only
    re-parse it, and building a Markdown instance with every extension costs more than
    the page itself, 5,000 times over. Material's search would split it into sections
    and parse its HTML again: on_post_build indexes it as one document instead (the part
    between the defer markers, which other pages hold already, left out)."""

    def __init__(self, file: File, config: MkDocsConfig, body: str) -> None:
        super().__init__(None, file, config)
        self.body = body

    def read_source(self, config: MkDocsConfig) -> None:
        super().read_source(config)
        self.search_boost = (self.meta.get("search") or {}).get("boost")
        self.meta["search"] = {"exclude": True}

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = self.body
        self.toc = get_toc([])
        self.present_anchor_ids = set(_ID.findall(self.body))
        doc = {"location": self.url, "title": str(self.meta.get("title", "")),
               "text": search_text(self.body)}
        if self.search_boost is not None:
            doc["boost"] = self.search_boost
        _current().search_docs.append(doc)


def on_post_page(output: str, page: Page, **kwargs: Any) -> str:
    """Held-back HTML goes in last: after the search plugin has read the page, since
    entry lists only repeat the entry pages (and would cost as much to index)."""
    build = _current()
    if build.fragments:
        output = build.fragments.restore(output)
    # The ids on each hand-written page, for the check of published addresses.
    src = page.file.src_uri
    ids = set() if src.startswith("resources/") else set(_ID.findall(output))
    build.page_ids[published.address(src, edition=build.edition)] = ids
    return output


@event_priority(-50)  # after Material's search writes its index, before offline copies it
def on_post_build(config: MkDocsConfig, **kwargs: Any) -> None:
    build = _current()
    _index_entry_pages(Path(config.site_dir) / "search" / "search_index.json", build.search_docs)
    _check_published(build)


def _index_entry_pages(index: Path, docs: list[dict[str, Any]]) -> None:
    """Entry pages join the search index as one document each (see _EntryPage)."""
    if not docs or not index.is_file():
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    data["docs"].extend(docs)
    index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _check_published(build: pipeline.Build) -> None:
    """Every published address still resolves (SPEC 7), or the build fails saying what
    to add. Under serve the lines are logged and the preview goes on."""
    files = {published.address(old, edition=build.edition)
             for old in published.moves_for(build.published, build.edition)}
    files |= {published.address(f"resources/{alias}.md", edition=build.edition)
              for r in build.registry.resources for alias in r.aliases}
    lines = build.published.problems + published.resolves(
        build.published, build.page_ids, files, build.edition)
    if not lines:
        return
    if _state.command == "serve":
        for line in lines:
            serve_log.error(line)
        return
    raise PluginError(f"{len(lines)} published address(es) no longer resolve "
                      f"({published.PUBLISHED_PATH}):\n" + "\n".join(lines))


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig,
                    **kwargs: Any) -> dict[str, Any]:
    """`hb_address`: the page's public address in the online edition, also when this
    build is the offline one (whose canonical links would end in .html)."""
    if config.site_url:
        context["hb_address"] = config.site_url.rstrip("/") + "/" + page_url(page.file.src_uri, True)
    return context


def on_env(env: Environment, **kwargs: Any) -> Environment:
    """`hb_memo(key, render)`: render once per build. Entry pages share one sidebar
    (none of them is in the navigation), so main.html renders it once, not 5,000 times."""
    cache: dict[Any, Any] = {}

    def memo(key: Any, render: Callable[[], Any]) -> Any:
        if key not in cache:
            cache[key] = render()
        return cache[key]

    env.globals["hb_memo"] = memo
    env.globals["hb_t"] = _current().renderer.t  # the interface's words, in the theme's templates
    env.globals["hb_date"] = _current().renderer.words.date_text
    return env


def _current() -> pipeline.Build:
    assert _state.build is not None, "on_config starts the build"
    return _state.build


def _load(path: str) -> Registry:
    registry, problems = registry_file.check(path, display_name=pipeline.REGISTRY_PATH)
    if registry is not None:
        _state.last_good = registry
        return registry
    lines = [str(problem) for problem in problems]
    if _state.command != "serve":
        raise PluginError(f"{pipeline.REGISTRY_PATH} has {len(lines)} problem(s):\n" + "\n".join(lines))
    for line in lines:
        serve_log.error(line)
    if _state.last_good is not None:
        serve_log.error("serving the last valid registry until these %d problem(s) are fixed", len(lines))
        fallback = _state.last_good
    else:
        # Started on a broken registry: preview its valid entries, errors on every page.
        serve_log.error("serving the valid entries until these %d problem(s) are fixed", len(lines))
        fallback, _ = registry_file.salvage(path, display_name=pipeline.REGISTRY_PATH)
    return dataclasses.replace(fallback, stale_problems=tuple(lines))


def _quiet_request_warnings() -> None:
    """The live-reload server logs every request not answered 200 (the redirect from
    / to the site's path, a missing favicon) as a WARNING on the `mkdocs` logger. A
    strict rebuild running at that moment counts it and aborts, and the server then
    shows nothing new until the next edit. Such a line is about a request, not the
    build: it goes to the serve log as information instead."""
    livereload = logging.getLogger("mkdocs.livereload")
    livereload.addFilter(_RequestsAreNotBuildWarnings())


class _RequestsAreNotBuildWarnings(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING:
            serve_log.info(record.getMessage())
            return False
        return True


def _load_abbreviations(config: MkDocsConfig, root: str, edition: str) -> None:
    """Tooltips for every abbreviation on every page, from includes/abbreviations.md and,
    in an edition, its own file (its expansions and abbreviations win)."""
    if "abbr" not in config.markdown_extensions:
        return
    glossary: dict[str, str] = {}
    for path in (ABBREVIATIONS, f"editions/{edition}/abbreviations.md" if edition else None):
        if path and os.path.exists(os.path.join(root, path)):
            with open(os.path.join(root, path), encoding="utf-8") as handle:
                glossary |= parse_abbreviations(handle.read())
    config.mdx_configs.setdefault("abbr", {})["glossary"] = glossary


def _sync_topics_nav(config: MkDocsConfig, registry: Registry) -> None:
    """The nav's Topics section follows the registry; labels in mkdocs.yml are kept."""
    for item in config.nav or []:
        if isinstance(item, dict) and isinstance(item.get("Topics"), list):
            labels = {path: label for entry in item["Topics"] for label, path in entry.items()}
            # Material prints nav labels unescaped: a registry title must be escaped here.
            item["Topics"] = [{labels.get(f"topics/{t.id}.md", inert(t.title)): f"topics/{t.id}.md"}
                              for t in registry.topics]
