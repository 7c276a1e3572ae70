"""MkDocs hooks for the editions in other languages (SPEC 6).

`HB_EDITION=fr mkdocs build` builds the French edition: Material's own strings
and `<html lang>` in French, the site's address under /fr/, the navigation in
French, each page from its translation (or the English page under a notice),
and on every page, in every edition, links to the same page in the others.
The package's `handbook.editions` decides; this file only wires it into MkDocs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from handbook import editions, i18n, pipeline
from handbook.siteconfig import editions_of


@event_priority(110)  # before the registry hook and Material's search plugin read them
def on_config(config: MkDocsConfig, **kwargs: Any) -> MkDocsConfig | None:
    edition = pipeline.edition_of(config)
    if not edition:
        return None
    config.theme["language"] = edition
    if config.site_url:
        config.site_url = config.site_url.rstrip("/") + f"/{edition}/"
    interface = i18n.load(Path(pipeline.project_root(config)), edition)
    config.nav = _translated_nav(config.nav, interface.t)
    if "toc" in config.mdx_configs:
        config.mdx_configs["toc"]["permalink_title"] = interface.t("Link to this section")
    return config


@event_priority(60)  # before the registry hook adds generated pages beside them
def on_files(files: Files, config: MkDocsConfig, **kwargs: Any) -> Files:
    """An edition's pages are its translations, where they exist."""
    edition = pipeline.edition_of(config)
    if not edition:
        return files
    root = Path(pipeline.project_root(config))
    for file in list(files):
        if not file.is_documentation_page():
            continue
        translated = editions.translated_source(root, edition, file.src_uri)
        if translated is not None:
            files.remove(file)
            files.append(File.generated(config, file.src_uri,
                                        content=translated.read_text(encoding="utf-8")))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    """A page not translated yet, or translated from an older English text, says so."""
    edition = pipeline.edition_of(config)
    src = page.file.src_uri
    if not edition or not (Path(config.docs_dir) / src).exists():  # entry pages are generated
        return markdown
    build = pipeline.current(pipeline.project_root(config), pipeline.site_options(config))
    english = editions.edition_url(src, edition, "", config.use_directory_urls)
    notice = editions.notice(Path(build.root), edition, src, build.renderer.interface, english)
    return editions.with_notice(markdown, notice)


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig,
                    **kwargs: Any) -> dict[str, Any]:
    """The same page in every edition: the switcher and the hreflang links (main.html)."""
    edition = pipeline.edition_of(config)
    context["hb_editions"] = editions.alternates(
        page.file.src_uri, edition, editions_of(config), config.use_directory_urls)
    return context


def _translated_nav(nav: Any, t: Any) -> Any:
    """mkdocs.yml's navigation labels in the edition's language."""
    if isinstance(nav, list):
        return [_translated_nav(item, t) for item in nav]
    if isinstance(nav, dict):
        return {t(label): _translated_nav(value, t) for label, value in nav.items()}
    return nav
