"""The generated part of the site: registry -> {site path: file content}.

A pure function, so any static-site generator (MkDocs hooks today, a pre-build
step for Zensical tomorrow) can place the same files.
"""

from __future__ import annotations

import json
import os
from collections.abc import Collection, Mapping
from datetime import UTC, datetime, time
from pathlib import Path

from . import templates
from .coverage import compute as compute_coverage
from .exports import atom_feed, resources_csv, resources_json, resources_xlsx, sessions_ics
from .records import Registry
from .render import Renderer, front_matter, inert
from .urls import entry_src, page_url, topic_src


def generated_files(registry: Registry, renderer: Renderer, existing: Collection[str] = (),
                    moves: Mapping[str, str] | None = None, root: Path | None = None
                    ) -> dict[str, str | bytes]:
    """Entry pages, redirects from former ids and moved pages, topic stubs, the exports,
    and (given the project's `root`) the practice templates as .docx.

    `moves` maps the source path a moved page had to the one it has now."""
    options = renderer.options
    built = options.built or build_moment()
    files: dict[str, str | bytes] = {}
    redirects = {entry_src(alias): (r.title, entry_src(r.id))
                 for r in registry.resources for alias in r.aliases}
    redirects |= {old: (new, new) for old, new in (moves or {}).items()}
    for resource in registry.resources:
        files[entry_src(resource.id)] = renderer.entry_page(resource)
    for old, (title, target) in redirects.items():
        path = page_url(old, options.directory_urls)
        files[path + "index.html" if path.endswith("/") else path] = renderer.redirect_page(
            title, target, old)
    for topic in registry.topics:
        if topic_src(topic.id) not in existing:
            files[topic_src(topic.id)] = topic_stub(registry, renderer, topic.id)
    files["resources.json"] = resources_json(registry, options.directory_urls)
    files["resources.csv"] = resources_csv(registry, options.directory_urls, options.site_url)
    files["resources.xlsx"] = resources_xlsx(registry, options.site_url, options.directory_urls, built)
    files["feed.xml"] = atom_feed(registry, options.site_url, built)
    if renderer.has_calendar:  # an empty calendar is not valid iCalendar: publish none
        files["sessions.ics"] = sessions_ics(registry, options.site_url, renderer.today, built)
    if root is not None:
        lang = renderer.interface.lang
        for slug, title in templates.TITLES.items():
            files[f"docx/{slug}.docx"] = templates.docx_bytes(root, slug, renderer.t(title), lang, built)
    files["coverage.json"] = json.dumps(compute_coverage(registry, renderer.today).as_json(registry),
                                        ensure_ascii=False, indent=1) + "\n"
    return files


def build_moment() -> datetime:
    """The time stamped into feeds, calendars and documents: SOURCE_DATE_EPOCH when set
    (reproducible builds), else the start of today (UTC), so two builds of the same
    sources on the same day give the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.combine(datetime.now(UTC).date(), time(), UTC)


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
