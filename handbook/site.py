"""The generated part of the site: registry -> {site path: file content}.

A pure function, so any static-site generator (MkDocs hooks today, a pre-build
step for Zensical tomorrow) can place the same files.
"""

from __future__ import annotations

from collections.abc import Collection

from .exports import resources_json
from .records import Registry
from .render import Renderer, front_matter, inert
from .urls import entry_src, topic_src


def generated_files(registry: Registry, renderer: Renderer,
                    existing: Collection[str] = ()) -> dict[str, str]:
    """Entry pages, stub pages for topics with no hand-written page, and exports."""
    files: dict[str, str] = {}
    for resource in registry.resources:
        files[entry_src(resource.id)] = renderer.entry_page(resource)
    for topic in registry.topics:
        if topic_src(topic.id) not in existing:
            files[topic_src(topic.id)] = topic_stub(registry, renderer, topic.id)
    files["resources.json"] = resources_json(registry, renderer.options.directory_urls)
    return files


def topic_stub(registry: Registry, renderer: Renderer, topic_id: str) -> str:
    """A page for a topic that has no overview yet: its summary and its entries."""
    topic = registry.topic_by_id[topic_id]
    src = topic_src(topic_id)
    summary = f"<p>{inert(topic.summary)}</p>" if topic.summary else ""
    return (
        f"{front_matter({'title': inert(topic.title), 'render_macros': False})}\n"
        f"<h1>{inert(topic.title)}</h1>\n{summary}\n"
        f"{renderer.start_here(topic_id, src)}\n{renderer.topic_entries(topic_id, src)}"
    )
