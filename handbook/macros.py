"""The macros of the hand-written pages (`define_env`), for mkdocs-macros and Zensical.

Named by the macros plugin's `module_name: handbook/macros` in mkdocs.yml, so
both engines load it; it is loaded from its file, hence the absolute imports.
Each macro returns finished, escaped HTML from the renderer. Under the MkDocs
hook, a block (a list of cards, a catalog) is held back and a placeholder goes
into the Markdown, so Markdown and the search index never re-read thousands of
cards; a link in a sentence, and every block elsewhere, goes in as it is, still
safe (registry text is escaped for Markdown too).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import pass_context

from handbook import pipeline, templates
from handbook.render import inert


def define_env(env: Any) -> None:
    build = pipeline.current(pipeline.project_root(env.conf), pipeline.site_options(env.conf),
                             pipeline.edition_of(env.conf))
    renderer = build.renderer
    offline_edition = bool((env.conf.get("extra") or {}).get("offline_edition"))

    def block(html: str) -> str:
        # A block of cards: held back from Markdown and the search index under MkDocs.
        held = build.fragments.hold(html) if build.fragments is not None else html
        return f"\n{held}\n"

    def template_body(slug: str) -> str:
        """A practice template's text (the editors' own Markdown, not registry data),
        its headings with permanent ids, its [[placeholders]] marked."""
        return templates.page_markdown(Path(build.root), slug, build.edition or "en")

    @pass_context
    def template_download(context: Any, slug: str) -> str:
        templates.source(Path(build.root), slug)  # an unknown slug fails the build
        href = renderer.links(here(context)).file(f"docx/{slug}.docx")
        return (f'<a class="md-button hb-template-download" href="{inert(href)}" download>'
                f'{inert(renderer.t("Download as Word (.docx)"))}</a>')

    # Each macro gets the page it is called from (the Jinja context's `page`, set by
    # mkdocs-macros and by Zensical alike), since links are relative to it.
    on_page: dict[str, Callable[..., str]] = {
        "catalog": lambda src, name: block(renderer.catalog(name, src)),
        "topic_entries": lambda src, topic_id: block(renderer.topic_entries(topic_id, src)),
        "region_entries": lambda src, region: block(renderer.region_entries(region, src)),
        "start_here": lambda src, topic_id: block(renderer.start_here(topic_id, src)),
        "entry_link": lambda src, entry_id: renderer.entry_link(entry_id, src),
        "learning_path": lambda src, entry_ids: block(renderer.learning_path(entry_ids, src)),
        "upcoming": lambda src: block(renderer.upcoming(src)),
        "coverage": lambda src: block(renderer.coverage(src)),
        "offline_download": lambda src: renderer.offline_download(
            src, offline_edition, ("../" * bool(build.edition)) + "handbook-offline.zip"),
        "downloads": lambda src: block(renderer.downloads(src)),
        "time_link": lambda src: renderer.time_link(src),
    }
    for name, function in on_page.items():
        env.macro(_with_page(function), name)
    env.macro(lambda *kinds: len(renderer.registry.of_kinds(*kinds) if kinds
                                 else renderer.registry.resources), "entry_count")
    env.macro(renderer.known_count, "known_count")
    env.macro(template_body, "template_body")
    env.macro(template_download, "template_download")


def here(context: Any) -> str:
    """The source path of the page being rendered ("topics/norms.md")."""
    page = context["page"]
    file = getattr(page, "file", None)
    return file.src_uri if file is not None else page.path  # MkDocs, else Zensical


def _with_page(function: Callable[..., str]) -> Callable[..., str]:
    @pass_context
    def macro(context: Any, *args: Any) -> str:
        return function(here(context), *args)
    return macro

