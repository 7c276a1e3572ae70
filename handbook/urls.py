"""Site URLs of pages, for links written inside raw HTML.

MkDocs rewrites Markdown links but not links inside raw HTML blocks, and the
online site (directory URLs) and the offline edition (`.html` files) place
pages differently, so every such link is computed here, relative to the page
that holds it.
"""

from __future__ import annotations

import posixpath


def page_url(src_path: str, directory_urls: bool) -> str:
    """Site-relative URL of the page built from `src_path` ("topics/norms.md")."""
    stem, _ = posixpath.splitext(src_path)
    if not directory_urls:
        return f"{stem}.html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/"


def relative_url(target_src: str, from_src: str, directory_urls: bool) -> str:
    """A link from the page of `from_src` to the page of `target_src`."""
    return relative_file_url(page_url(target_src, directory_urls), from_src, directory_urls)


def relative_file_url(target: str, from_src: str, directory_urls: bool) -> str:
    """A link from the page of `from_src` to a site-relative URL such as 'resources.json'."""
    here = page_url(from_src, directory_urls)
    base = here if here.endswith("/") else posixpath.dirname(here)
    link = posixpath.relpath(target or ".", base or ".")
    is_directory = target == "" or target.endswith("/")
    return link + "/" if is_directory and not link.endswith("/") else link


def entry_src(resource_id: str) -> str:
    return f"resources/{resource_id}.md"


def topic_src(topic_id: str) -> str:
    return f"topics/{topic_id}.md"
