"""Render registry records to HTML through the Jinja templates in overrides/handbook/.

The environment autoescapes everything and also turns braces into entities, so
registry text can never become HTML, Markdown or a template, wherever the
output ends up (a generated page, a macro's return value, a theme template).
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from typing import Any
from urllib.parse import urlencode

import jinja2
from markupsafe import Markup

from . import describe
from . import vocabulary as v
from .coverage import THIN, Coverage, gap_sentence, widest_gap_topic
from .coverage import compute as compute_coverage
from .facets import FACET_FIELDS, catalog_facets, facet_modes
from .i18n import ENGLISH, Interface
from .records import Registry, Resource, Topic
from .sessions import upcoming_events, usual_starts
from .urls import entry_src, page_url, relative_file_url, relative_url, topic_src

_HEADING_MARK, _ROOT_MARK = "\x01", "\x02"


def inert(text: str) -> str:
    """HTML-escape text and neutralise template delimiters and Markdown syntax.

    Braces cannot start a template; brackets, asterisks, underscores and
    backticks cannot start a link or emphasis where an engine runs Markdown over
    inline HTML. Browsers show the entities as the characters they stand for."""
    return html.escape(text, quote=True).translate(_ENTITIES)


_ENTITIES = {ord(c): f"&#{ord(c)};" for c in "{}[]*_`"}
_EXCLUDED = re.compile(r"<(\w+)[^>]*\sdata-search-exclude[^>]*>.*?</\1>", re.S)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def search_text(body: str) -> str:
    """The text a search index holds for an entry page: what follows its title up to its
    first section (sessions, sources), without what the page marks `data-search-exclude`;
    tags dropped, entities kept (results show it as HTML)."""
    start = body.find("</h1>")
    start = start + 5 if start >= 0 else 0
    end = body.find("<h2", start)
    text = body[start:end if end >= 0 else len(body)]
    return _SPACE.sub(" ", _TAG.sub("", _EXCLUDED.sub(" ", text))).strip()


def front_matter(meta: dict[str, Any]) -> str:
    """A YAML front matter block; dumped, never formatted, so no value can break out.

    JSON is YAML, and json.dumps is ten times faster than yaml.safe_dump, which
    matters with thousands of entry pages. Registry text holds no control
    characters (the validator refuses them), the one thing the two disagree on.
    """
    return f"---\n{json.dumps(meta, ensure_ascii=False)}\n---\n"


def split_front_matter(markdown: str) -> tuple[str, str]:
    """(front matter block, body) of a page made by `front_matter(...) + body`."""
    end = markdown.index("\n---\n", 4) + 5
    return markdown[:end], markdown[end:]


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return Markup(inert(str(value)))


@dataclass(frozen=True)
class SiteOptions:
    directory_urls: bool = True
    repo_url: str | None = None
    site_url: str | None = None
    built: datetime | None = None  # the build's timestamp, for feed and calendar stamps
    repo_branch: str = "main"
    registry_path: str = "data/resources.yaml"
    today: date | None = None
    # A preview of a broken registry: an id or topic a page cites but the valid part of
    # the registry lacks shows as plain text instead of failing the build.
    lenient: bool = False


class Renderer:
    """Turns records into entry pages and HTML fragments for hand-written pages."""

    def __init__(self, registry: Registry, template_dir: str, options: SiteOptions,
                 interface: Interface = ENGLISH) -> None:
        self.registry = registry
        self.options = options
        self.today = options.today or date.today()
        self.interface = interface
        self.words = describe.Words(interface)
        self.t = interface.t
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(template_dir),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            finalize=_finalize,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.globals.update(
            v=v, d=self.words, t=self.t, registry=registry, today=self.today, options=options,
            report=self.report_url,
            facet_fields=[(spec.facet, spec.name) for spec in FACET_FIELDS],
        )
        # Compiled once, reused for every page.
        self._entry = self.env.get_template("entry.html")
        self._topic_entries = self.env.get_template("topic_entries.html")
        self._start_here = self.env.get_template("start_here.html")
        self._learning_path = self.env.get_template("learning_path.html")
        self._catalog = self.env.get_template("catalog.html")
        self._redirect = self.env.get_template("redirect.html")
        self._upcoming = self.env.get_template("upcoming.html")
        self._coverage = self.env.get_template("coverage.html")
        self._card = self.env.get_template("card.html")
        self._cards: dict[str, str] = {}
        self.env.globals["card"] = self.card

    # ------------------------------------------------------------ pages

    def entry_page(self, resource: Resource) -> str:
        """Markdown source of `/resources/<id>/`: front matter and one raw HTML block."""
        src = entry_src(resource.id)
        front = {
            "title": inert(resource.title),
            "description": inert(_one_line(resource.summary, 160)),
            "render_macros": False,
            "hb_entry": True,
            # In English the entry page ranks above pages that mention the entry; in another
            # edition the translated pages come first (the entry's text stays English).
            "search": {"boost": 2 if self.interface.lang == "en" else 0.5},
        }
        body = self._entry.render(r=resource, links=self.links(src), **self._entry_context(resource))
        return f"{front_matter(front)}\n{body}\n"

    def _entry_context(self, resource: Resource) -> dict[str, Any]:
        repo = (self.options.repo_url or "").rstrip("/")
        improve = report = None
        if repo:
            improve = (f"{repo}/blob/{self.options.repo_branch}/{self.options.registry_path}"
                       f"#L{resource.line}")
            report = self.report_url(resource)
        related = [self.registry.by_id[i] for i in resource.related if i in self.registry.by_id]
        return {
            "topics": [self.registry.topic_by_id[t] for t in resource.topics],
            "related": related,
            "improve_url": improve,
            "report_url": report,
            "stale": describe.is_stale(resource, self.today),
            "upcoming": describe.upcoming_sessions(resource, self.today),
            "citation": describe.citation(resource, self._absolute(entry_src(resource.id))),
            "bibtex": describe.bibtex(resource),
        }

    def report_url(self, resource: Resource, fact: str | None = None) -> str | None:
        """The issue form, prefilled with the entry and, for an unknown, the missing fact."""
        repo = (self.options.repo_url or "").rstrip("/")
        if not repo:
            return None
        query = urlencode({"template": "report-problem.yml", "entry": resource.id,
                           **({"fact": fact} if fact else {})})
        return f"{repo}/issues/new?{query}"

    def card(self, resource: Resource, heading: int, links: Links) -> Markup:
        """An entry's card. The same card stands on the catalog, on each of its topics'
        pages and on its region's page: rendered once, with markers for the heading level
        and the way to the site's root (control characters no registry text can hold)."""
        if resource.id not in self._cards:
            self._cards[resource.id] = self._card.render(
                r=resource, heading=_HEADING_MARK, root=_ROOT_MARK,
                entry_url=lambda entry_id: page_url(entry_src(entry_id), self.options.directory_urls))
        root = links.page("index.md").removesuffix("index.html").removeprefix("./")
        return Markup(self._cards[resource.id].replace(_HEADING_MARK, str(heading))
                      .replace(_ROOT_MARK, root))

    # ------------------------------------------------------------ fragments (macros)

    def catalog(self, name: str, from_src: str) -> str:
        """A catalog page's filter form, live count and cards (v.CATALOGS)."""
        catalog = v.CATALOGS[name]
        # Entries with an edition ahead or in the last two years first; the file's order within.
        resources = sorted(self.registry.of_kinds(*v.catalog_kinds(name)),
                           key=lambda r: not describe.is_current(r, self.today))
        return self._block(self._catalog.render(
            resources=resources, facets=catalog_facets(self.registry, resources), modes=facet_modes(),
            noun=self.t(catalog.noun), noun_one=self.t(catalog.noun_one), links=self.links(from_src),
            js_words=self.catalog_words()))

    def catalog_words(self) -> dict[str, str]:
        """What catalog.js says, in this edition's language ({n}, {total}, {noun} filled in there)."""
        t = self.t
        return {
            "all": t("All {total} {noun}"), "some": t("{n} of {total} {noun}"),
            "show": t("Show {n} {nounn}"), "downloadAll": t("Download all {n} {nounn} (CSV)"),
            "downloadSome": t("Download these {n} {nounn} (CSV)"), "upTo": t("up to {n} hours"),
            "theSearch": t("the search “{q}”"), "or": t(" or "), "remove": t("remove {what}"),
            "resetAll": t("reset all filters ({total} {noun})"),
        }

    def topic_entries(self, topic_id: str, from_src: str) -> str:
        topic = self._topic(topic_id)
        return self._grouped(self.registry.for_topic(topic.id), from_src)

    def region_entries(self, region: str, from_src: str) -> str:
        """Entries aimed at one region (not the global ones), grouped by kind."""
        if region not in v.REGIONS or region == "global":
            raise ValueError(f"region_entries: unknown region '{region}'")
        return self._grouped([r for r in self.registry.resources if region in r.regions], from_src)

    def _grouped(self, resources: list[Resource], from_src: str) -> str:
        groups = [(kind, [r for r in resources if r.kind == kind]) for kind in v.KIND_INFO]
        return self._block(self._topic_entries.render(
            groups=[g for g in groups if g[1]], links=self.links(from_src)))

    def start_here(self, topic_id: str, from_src: str) -> str:
        topic = self._topic(topic_id)
        picks = [self.registry.by_id[i] for i in topic.start_here if i in self.registry.by_id]
        picks = picks or self._best(topic)[:3]
        return self._block(self._start_here.render(
            topic=topic, picks=picks, links=self.links(from_src)))

    def learning_path(self, entry_ids: list[str], from_src: str) -> str:
        """Entries in the order a reader should take them; unknown ids fail the build."""
        missing = [i for i in entry_ids if i not in self.registry.by_id]
        if missing and not self.options.lenient:
            raise ValueError(f"learning_path: no entry with id {', '.join(missing)}")
        picks = [self.registry.by_id[i] for i in entry_ids if i not in missing]
        return self._block(self._learning_path.render(
            picks=picks, total=describe.path_total(picks), links=self.links(from_src)))

    def known_count(self, field: str, kind: str) -> str:
        """'41 of 96 courses': how many entries of a kind state a fact (cost, hours)."""
        entries = self.registry.of_kinds(kind)
        known = sum(1 for r in entries if describe.states(r, field))
        message = "{n} of {total} courses" if kind == "course" else "{n} of {total} entries"
        return self.t(message, n=known, total=len(entries))

    def time_link(self, from_src: str) -> str:
        """The home page's answer to "I have no time": the smallest time bucket that has
        courses, or how few courses state their time."""
        courses = self.registry.of_kinds("course")
        for limit, label in v.TIME_BUCKETS:
            count = sum(1 for r in courses if r.hours is not None and r.hours <= limit)
            if count:
                href = inert(self.links(from_src).page("courses.md") + f"?hours={limit}")
                within = self.t(label).lower()
                text = (self.t("1 course {within}", within=within) if count == 1 else
                        self.t("{n} courses {within}", n=count, within=within))
                return f'<a href="{href}">{inert(text)}</a>'
        return inert(self.t("only {known} state their time", known=self.known_count("hours", "course")))

    def redirect_page(self, title: str, target_src: str, from_src: str) -> str:
        """The HTML page at a former address (`from_src`), sending the reader to `target_src`."""
        target = relative_url(target_src, from_src, self.options.directory_urls)
        return self._redirect.render(title=title, target=target)

    def upcoming(self, from_src: str) -> str:
        """Sessions and deadlines from today on, soonest first, and yearly rhythms."""
        return self._block(self._upcoming.render(
            events=upcoming_events(self.registry, self.today), links=self.links(from_src),
            rhythms=usual_starts(self.registry, self.today),
            calendar_links=Markup(self.calendar_links(from_src))))

    @cached_property
    def has_calendar(self) -> bool:
        """An iCalendar file needs at least one event (RFC 5545): none is published without."""
        return bool(upcoming_events(self.registry, self.today))

    def calendar_links(self, from_src: str) -> str:
        """Download and, online, subscribe (webcal:) links to sessions.ics, or why there is none."""
        t = self.t
        if not self.has_calendar:
            return (f'{inert(t("No calendar file: no session or deadline ahead is known"))} '
                    f'(<a href="{inert(self.links(from_src).page("upcoming.md"))}">'
                    f'{inert(t("Upcoming sessions"))}</a>).')
        href = inert(self.links(from_src).file("sessions.ics"))
        links = (f'<a href="{href}" download>'
                 f'{inert(t("Calendar of sessions and deadlines (iCalendar)"))}</a>')
        if self.options.site_url and self.options.site_url.startswith(("https://", "http://")):
            webcal = "webcal://" + self.options.site_url.split("://", 1)[1].rstrip("/") + "/sessions.ics"
            subscribe = t("subscribe in Outlook or another calendar")
            links += f' · <a href="{inert(webcal)}">{inert(subscribe)}</a>'
        return links

    def downloads(self, from_src: str) -> str:
        """The registry's exports, as the catalogs and the home page offer them."""
        files, t = self.links(from_src), self.t
        links = [(files.file("resources.xlsx"), t("Excel workbook")), (files.file("resources.csv"), "CSV"),
                 (files.file("resources.json"), "JSON"),
                 (files.file("feed.xml"), t("feed of new entries (Atom)"))]
        shown = " · ".join(f'<a href="{inert(href)}">{inert(text)}</a>' for href, text in links)
        return (f'<p class="hb-downloads">{inert(t("Download the whole registry:"))} {shown} · '
                f"{self.calendar_links(from_src)}</p>")

    def offline_download(self, from_src: str, offline_edition: bool, zip_path: str) -> str:
        """The home page's offer of the offline zip, or a note in the offline edition."""
        t = self.t
        if offline_edition:
            note = (t("You are reading the offline edition, built on {day}.",
                      day=self.words.date_text(self.today)) + " " +
                    t("Search and filters work without a network; links to the resources themselves "
                      "need one. Copied links give the public address."))
            return f'<p class="hb-offline-note">{inert(note)}</p>'
        href = inert(self.links(from_src).file(zip_path))
        how = t("Unzip it and open index.html: everything, search and filters included, works from "
                "disk with no network, in every edition.")
        return (f'<p class="hb-offline-download"><a class="md-button" href="{href}" download>'
                f'{inert(t("Download the offline edition (zip)"))}</a> {inert(how)}</p>')

    @cached_property
    def coverage_figures(self) -> Coverage:
        """Computed once per build, in words of this edition; coverage.json holds the same
        numbers (its sentences in English)."""
        return compute_coverage(self.registry, self.today, self.words)

    def coverage(self, from_src: str, shown_gaps: int = 15) -> str:
        """The /coverage/ page's charts, tables, findings and gaps."""
        figures = self.coverage_figures
        return self._block(self._coverage.render(
            c=figures, shown_gaps=figures.gaps[:shown_gaps], thin=THIN, fact_words=FACT_WORDS,
            attribution_sentence=gap_sentence(self.registry, widest_gap_topic(self.registry), self.words),
            links=self.links(from_src)))

    def entry_link(self, entry_id: str, from_src: str) -> str:
        """An inline link to an entry page, with the entry's title as its text."""
        resource = self.registry.by_id.get(entry_id)
        if resource is None and self.options.lenient:
            return f"<span>{inert(entry_id)}</span>"
        if resource is None:
            raise ValueError(f"entry_link: no entry with id '{entry_id}'")
        href = self.links(from_src).entry(entry_id)
        return f'<a href="{inert(href)}">{inert(resource.title)}</a>'

    def _best(self, topic: Topic) -> list[Resource]:
        """Without editors' picks: free, introductory, short, learning material first."""
        def rank(r: Resource) -> tuple[Any, ...]:
            return (r.cost != "free", v.KIND_INFO[r.kind].rank, r.level != "introductory",
                    r.hours if r.hours is not None else 1e9, r.title)
        return sorted(self.registry.for_topic(topic.id), key=rank)

    def _topic(self, topic_id: str) -> Topic:
        try:
            return self.registry.topic_by_id[topic_id]
        except KeyError:
            if self.options.lenient:
                return Topic(id=topic_id, title=topic_id)
            known = ", ".join(self.registry.topic_by_id)
            raise ValueError(f"unknown topic '{topic_id}'; the registry defines: {known}") from None

    def _absolute(self, src: str) -> str | None:
        """The page's public address, when the site's own address is configured."""
        if not self.options.site_url:
            return None
        return self.options.site_url.rstrip("/") + "/" + page_url(src, True)

    def links(self, from_src: str) -> Links:
        return Links(from_src, self.options.directory_urls)

    @staticmethod
    def _block(fragment: str) -> str:
        # Blank lines around, none inside: Markdown then keeps it as one raw HTML block.
        lines = [line for line in fragment.splitlines() if line.strip()]
        return "\n" + "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Links:
    """Links from one page, right for both editions (see urls.py)."""

    from_src: str
    directory_urls: bool

    def entry(self, resource_id: str) -> str:
        return relative_url(entry_src(resource_id), self.from_src, self.directory_urls)

    def topic(self, topic_id: str) -> str:
        return relative_url(topic_src(topic_id), self.from_src, self.directory_urls)

    def page(self, src: str) -> str:
        return relative_url(src, self.from_src, self.directory_urls)

    def file(self, target: str) -> str:
        return relative_file_url(target, self.from_src, self.directory_urls)


# The unknown facts as the coverage page names them.
FACT_WORDS = {"cost": "cost", "hours": "time", "sessions": "next session", "format": "format",
              "level": "level"}


def _one_line(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rsplit(" ", 1)[0] + "…"
