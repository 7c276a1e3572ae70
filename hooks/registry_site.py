"""MkDocs hooks: validate the registry, give it to the macros, add its pages and exports.

Thin by design: the work happens in the `handbook` package. Under `mkdocs
serve` a broken registry does not stop the server: the last valid registry is
kept and the errors are shown on every page until the file is fixed.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import re
from collections.abc import Callable
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from handbook import registry as registry_file
from handbook.abbreviations import parse_abbreviations
from handbook.records import Registry
from handbook.render import Renderer, SiteOptions, inert, split_front_matter
from handbook.site import generated_files
from handbook.urls import page_url

# Under serve, registry errors go to a logger outside MkDocs' own: MkDocs counts
# its errors and, in strict mode, would abort the rebuild and hang the server.
serve_log = logging.getLogger("handbook.serve")
if not serve_log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    serve_log.addHandler(_handler)
    serve_log.propagate = False

REGISTRY_PATH = "data/resources.yaml"
TEMPLATES = "overrides/handbook"
ABBREVIATIONS = "includes/abbreviations.md"

# Survives serve's rebuilds: MkDocs loads a hook module once per process.
_state: dict[str, Any] = {"command": None, "last_good": None, "renderer": None, "bodies": {},
                          "fragments": {}}
_FRAGMENT = re.compile(r"<!-- hb-fragment \d+ -->")
_ENTRY_MORE = '<section class="hb-entry__more"'


def on_startup(command: str, **kwargs: Any) -> None:
    _state["command"] = command


def on_config(config: MkDocsConfig, **kwargs: Any) -> MkDocsConfig:
    root = os.path.dirname(os.path.abspath(config.config_file_path))
    registry = _load(os.path.join(root, REGISTRY_PATH))
    config.extra["registry_errors"] = list(registry.stale_problems)
    options = SiteOptions(directory_urls=config.use_directory_urls, repo_url=config.repo_url,
                          site_url=config.site_url, registry_path=REGISTRY_PATH)
    renderer = Renderer(registry, os.path.join(root, TEMPLATES), options)
    _state["renderer"] = renderer
    _register_macros(config, renderer)
    _sync_topics_nav(config, registry)
    _load_abbreviations(config, root)
    return config


@event_priority(50)  # before plugins that must see the generated pages
def on_files(files: Files, config: MkDocsConfig, **kwargs: Any) -> Files:
    renderer: Renderer = _state["renderer"]
    existing = {f.src_uri for f in files}
    bodies: dict[str, str] = {}
    for path, content in generated_files(renderer.registry, renderer, existing).items():
        if path.startswith("resources/") and path.endswith(".md"):
            # An entry page is one raw HTML block: Markdown would only re-parse it
            # (most of the build time at 5,000 entries), so it skips Markdown and
            # goes back in after. The generator's output stays a plain .md page.
            content, body = split_front_matter(content)
            bodies[path] = _defer(body, _ENTRY_MORE, _state["fragments"])
        files.append(File.generated(config, path, content=content))
    _state["bodies"] = bodies
    return files


def on_page_content(html: str, page: Page, **kwargs: Any) -> str:
    return _state["bodies"].get(page.file.src_uri, html)


def on_post_page(output: str, page: Page, **kwargs: Any) -> str:
    """Entry lists go in last: after the search plugin has read the page, since they
    only repeat the entry pages (and would cost as much to index as those pages)."""
    fragments: dict[str, str] = _state["fragments"]
    return _FRAGMENT.sub(lambda m: fragments.get(m[0], m[0]), output) if fragments else output


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
    return env


def _defer(body: str, marker: str, fragments: dict[str, str]) -> str:
    """Move the part of `body` from `marker` to its closing tag into a fragment that
    on_post_page puts back: the search index leaves it out anyway, so it need not
    be parsed for the index."""
    head, found, tail = body.partition(marker)
    if not found:
        return body
    close = tail.index("</section>") + len("</section>")
    key = f"<!-- hb-fragment {len(fragments)} -->"
    fragments[key] = found + tail[:close]
    return head + key + tail[close:]


def _load(path: str) -> Registry:
    registry, problems = registry_file.check(path, display_name=REGISTRY_PATH)
    if registry is not None:
        _state["last_good"] = registry
        return registry
    lines = [str(problem) for problem in problems]
    last_good: Registry | None = _state["last_good"]
    if _state["command"] == "serve" and last_good is not None:
        for line in lines:
            serve_log.error(line)
        serve_log.error("serving the last valid registry until these %d problem(s) are fixed", len(lines))
        return dataclasses.replace(last_good, stale_problems=tuple(lines))
    raise PluginError(f"{REGISTRY_PATH} has {len(lines)} problem(s):\n" + "\n".join(lines))


def _load_abbreviations(config: MkDocsConfig, root: str) -> None:
    """Tooltips for every abbreviation on every page, from includes/abbreviations.md."""
    if "abbr" not in config.markdown_extensions:
        return
    with open(os.path.join(root, ABBREVIATIONS), encoding="utf-8") as handle:
        glossary = parse_abbreviations(handle.read())
    config.mdx_configs.setdefault("abbr", {})["glossary"] = glossary


def _sync_topics_nav(config: MkDocsConfig, registry: Registry) -> None:
    """The nav's Topics section follows the registry; labels in mkdocs.yml are kept."""
    for item in config.nav or []:
        if isinstance(item, dict) and isinstance(item.get("Topics"), list):
            labels = {path: label for entry in item["Topics"] for label, path in entry.items()}
            # Material prints nav labels unescaped: a registry title must be escaped here.
            item["Topics"] = [{labels.get(f"topics/{t.id}.md", inert(t.title)): f"topics/{t.id}.md"}
                              for t in registry.topics]


def _register_macros(config: MkDocsConfig, renderer: Renderer) -> None:
    macros = config.plugins["macros"]
    fragments: dict[str, str] = {}
    _state["fragments"] = fragments

    def here() -> str:
        return macros.page.file.src_uri

    def inline(html: str) -> str:
        # Macro output is finished HTML. Markdown gets a placeholder comment and the
        # HTML goes back in on_post_page: Markdown never reads registry text (a title
        # like "[x](javascript:...)" stays text), nor re-parses thousands of cards.
        key = f"<!-- hb-fragment {len(fragments)} -->"
        fragments[key] = html
        return key

    def block(html: str) -> str:
        return f"\n{inline(html)}\n"

    root = os.path.dirname(os.path.abspath(config.config_file_path))

    def template_body(slug: str) -> str:
        # The editors' own text (not registry data): Markdown, with [[placeholders]] marked.
        with open(os.path.join(root, "data", "templates", "en", f"{slug}.md"), encoding="utf-8") as f:
            text = f.read()
        return re.sub(r"\[\[(.+?)\]\]", r'<mark class="hb-placeholder">[\1]</mark>', text)

    macros.register_macros({
        "template_body": template_body,
        "template_download": lambda slug: (
            f'<a class="md-button" href="{renderer._links(here()).file(f"templates/{slug}.docx")}" '
            f'download>Download as Word (.docx)</a>'),
        "catalog": lambda group: block(renderer.catalog(*_CATALOGS[group], from_src=here())),
        "topic_entries": lambda topic_id: block(renderer.topic_entries(topic_id, here())),
        "region_entries": lambda region: block(renderer.region_entries(region, here())),
        "start_here": lambda topic_id: block(renderer.start_here(topic_id, here())),
        "entry_link": lambda entry_id: inline(renderer.entry_link(entry_id, here())),
        "learning_path": lambda entry_ids: block(renderer.learning_path(entry_ids, here())),
        "upcoming": lambda: block(renderer.upcoming(here())),
        "coverage": lambda: block(renderer.coverage(here())),
        "offline_download": lambda: renderer.offline_download(
            here(), bool(config.extra.get("offline_edition"))),
        "entry_count": lambda *kinds: len(renderer.registry.of_kinds(*kinds) if kinds
                                          else renderer.registry.resources),
    })


# catalog name -> (kinds it lists, noun, singular noun)
_CATALOGS: dict[str, tuple[tuple[str, ...], str, str]] = {
    "courses": (("course",), "courses", "course"),
    "tools": (("tool",), "tools", "tool"),
    "library": (("guide", "report", "instrument", "community", "meeting"), "entries", "entry"),
}
