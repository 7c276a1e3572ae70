"""Registry values as facts (data) and in words (`Words`, in an edition's language).

Module functions answer questions about an entry (is it current? which sources
back its cost?); a `Words` object says the answers in one language ("Free",
"Gratuit"; "English, French", "anglais, français"). Pages get a `Words` for
their edition; the exports use English (`EN`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

from markupsafe import Markup

from . import vocabulary as v
from .fields import fields_of
from .i18n import ENGLISH, Interface
from .records import Resource, Session, Source

STALE_AFTER_DAYS = 365
RECENT_DAYS = 730  # "recent edition": within the last two years


# ---------------------------------------------------------------- facts


def is_stale(resource: Resource, today: date) -> bool:
    """Last checked more than 12 months ago."""
    return (today - resource.last_checked).days > STALE_AFTER_DAYS


def hours_bucket(hours: float | None) -> str:
    """The smallest time bucket that holds `hours` ('2', '8', '40'), 'more' or 'unknown'."""
    if hours is None:
        return "unknown"
    for limit, _ in v.TIME_BUCKETS:
        if hours <= limit:
            return str(limit)
    return "more"


def facet_value(resource: Resource, name: str) -> str:
    """A field as a card's data attribute: list items space-separated, nothing as ''."""
    value = getattr(resource, name)
    if value is None:
        return ""
    if isinstance(value, tuple):
        return " ".join(value)
    return f"{value:g}" if isinstance(value, float) else str(value)


def is_old_source(source: Source, today: date) -> bool:
    """A source whose own date is more than three years back (even at the latest day the
    date can mean: 2023-06 is 30 June 2023): its facts may have moved since."""
    if not source.seen:
        return False
    parts = [int(part) for part in str(source.seen).split("-")]
    year, month = parts[0], parts[1] if len(parts) > 1 else 12
    last = date(year, month, parts[2]) if len(parts) == 3 else (
        date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1))
    three_years_ago = today.replace(year=today.year - 3, day=min(today.day, 28))
    return last < three_years_ago


def sources_for(resource: Resource, *names: str) -> list[int]:
    """1-based numbers of the sources that back any of these fields."""
    return [n for n, source in enumerate(resource.sources, 1) if set(names) & set(source.covers)]


def states(resource: Resource, field: str) -> bool:
    """Whether an entry states a fact: a cost other than 'unknown', or any value."""
    value = getattr(resource, field)
    return value != "unknown" if field == "cost" else value not in (None, ())


def upcoming_sessions(resource: Resource, today: date) -> list[Session]:
    return [s for s in resource.sessions if (s.end or s.start) >= today]


def last_edition(resource: Resource, today: date) -> date | int | None:
    """The latest known edition before today: a session's start, else the `year`."""
    past = [s.start for s in resource.sessions if (s.end or s.start) < today]
    if past:
        return max(past)
    return resource.year


def is_current(resource: Resource, today: date) -> bool:
    """An edition ahead or within the last two years: what catalogs list first."""
    if upcoming_sessions(resource, today):
        return True
    edition = last_edition(resource, today)
    if isinstance(edition, date):
        return (today - edition).days <= RECENT_DAYS
    return edition is not None and edition >= today.year - RECENT_DAYS // 365


def expects_sessions(resource: Resource) -> bool:
    """Courses and meetings have editions; a missing one is worth asking for."""
    return resource.kind in ("course", "meeting")


@dataclass(frozen=True)
class PathTotal:
    hours: float  # the sum of the hours the entries state
    timed: int  # entries that state their hours
    untimed: int
    free: int
    unknown_cost: int
    paid: int  # paid or mixed


def path_total(picks: list[Resource]) -> PathTotal:
    """Time and money of a learning path, from what its entries state (never estimated)."""
    timed = [r for r in picks if r.hours is not None]
    return PathTotal(
        hours=sum(r.hours or 0 for r in timed), timed=len(timed), untimed=len(picks) - len(timed),
        free=sum(1 for r in picks if r.cost == "free"),
        unknown_cost=sum(1 for r in picks if r.cost == "unknown"),
        paid=sum(1 for r in picks if r.cost in ("paid", "mixed")))


# ---------------------------------------------------------------- words


class Words:
    """The registry's facts said in one edition's language; templates call it `d`."""

    # The facts, so a template needs one name for both.
    facet_value = staticmethod(facet_value)
    is_old_source = staticmethod(is_old_source)
    sources_for = staticmethod(sources_for)
    upcoming_sessions = staticmethod(upcoming_sessions)
    expects_sessions = staticmethod(expects_sessions)

    def __init__(self, interface: Interface = ENGLISH) -> None:
        self.i = interface
        self.t = interface.t

    def lang_of_text(self) -> Markup:
        """` lang="en"` on registry text in another edition: it stays as written, in English."""
        return Markup(' lang="en"') if self.i.lang != "en" else Markup("")

    def lang_of_title(self, resource: Resource) -> Markup:
        """A title keeps the provider's wording: marked with the entry's one language, else English."""
        if self.i.lang == "en" and resource.languages in (("en",), ()):
            return Markup("")
        lang = resource.languages[0] if len(resource.languages) == 1 else "en"
        return Markup(f' lang="{lang}"') if lang != self.i.lang else Markup("")

    def label(self, table: dict[str, str], code: str | None) -> str:
        """A vocabulary value's label ('Scheduled online'), in this language."""
        return self.t(table[code]) if code in table else (code or "")

    def labels(self, codes: tuple[str, ...], table: dict[str, str]) -> str:
        return ", ".join(self.label(table, code) for code in codes)

    def option_label(self, facet: Any, value: str, label: str) -> str:
        """A catalog filter's option: a language by its name in this language, else t(label)."""
        return self.languages_text((value,)) if facet.key == "lang" else self.t(label)

    def kind(self, resource: Resource) -> str:
        return self.t(v.KINDS[resource.kind])

    def cost_text(self, resource: Resource) -> str:
        return self.t(v.COSTS[resource.cost])

    def hours_text(self, hours: float) -> str:
        if hours < 1:
            return self.t("about {n} minutes", n=round(hours * 60))
        shown = self.i.number(round(hours, 1))
        return self.t("about 1 hour") if hours == 1 else self.t("about {n} hours", n=shown)

    def time_text(self, resource: Resource) -> str | None:
        """'About 20 hours (8 weeks, about 5 h a week)', or None when nothing is known."""
        parts = []
        if resource.hours is not None:
            parts.append(self.hours_text(resource.hours))
        if resource.duration_note:
            parts.append(f"({resource.duration_note})" if parts else resource.duration_note)
        if not parts:
            return None
        text = " ".join(parts)
        return text[0].upper() + text[1:]

    def languages_text(self, codes: tuple[str, ...]) -> str:
        """English names from the vocabulary (SPEC 3.2), other editions' from CLDR."""
        if self.i.lang == "en":
            return ", ".join(v.LANGUAGES.get(code, code) for code in codes)
        return ", ".join(self.i.language(code) for code in codes)

    def joined(self, items: list[str], word: str = "and") -> str:
        """'2024, 2025 and 2026' ('Arabic, French or Spanish' with `word="or"`)."""
        if len(items) <= 1:
            return "".join(items)
        message = "{items} or {last}" if word == "or" else "{items} and {last}"
        return self.t(message, items=", ".join(items[:-1]), last=items[-1])

    def date_text(self, day: date) -> str:
        return self.i.date(day)

    def seen_text(self, seen: str | None) -> str:
        """The date a source shows, in words: '3 March 2025', 'March 2025' or '2025'."""
        if not seen:
            return self.t("undated")
        parts = [int(part) for part in seen.split("-")]
        if len(parts) == 3:
            return self.i.date(date(*parts))
        if len(parts) == 2:
            return self.i.month(date(parts[0], parts[1], 1))
        return str(parts[0])

    def covered_labels(self, source: Source) -> str:
        """'Cost, Time': the facts a source backs, by their labels."""
        labels = _field_labels()
        return ", ".join(self.t(labels.get(name, name)) for name in source.covers)

    def last_edition_text(self, resource: Resource, today: date) -> str | None:
        """'Last known edition: February 2016', for an entry with no session ahead."""
        if upcoming_sessions(resource, today):
            return None
        edition = last_edition(resource, today)
        if edition is None:
            return None
        when = self.i.month(edition) if isinstance(edition, date) else str(edition)
        return self.t("Last known edition: {when}", when=when)

    def path_sentence(self, total: PathTotal) -> str:
        """'About 14 hours for the 4 items that state their time; 2 do not state it. Cost: …'"""
        if total.timed:
            hours = self.hours_text(total.hours)
            time = (self.t("{hours} for the 1 item that states its time", hours=hours)
                    if total.timed == 1 else
                    self.t("{hours} for the {n} items that state their time", hours=hours,
                           n=total.timed))
            time = time[0].upper() + time[1:]
            if total.untimed:
                time += (self.t("; 1 does not state it") if total.untimed == 1 else
                         self.t("; {n} do not state it", n=total.untimed))
        else:
            time = self.t("No item states its time")
        money = [self.t(words, n=n) for n, words in (
            (total.free, "{n} free"), (total.paid, "{n} with a fee"),
            (total.unknown_cost, "{n} of unknown cost")) if n]
        return self.t("{time}. Cost: {money}.", time=time, money=self.joined(money))


EN = Words()


@cache
def _field_labels() -> dict[str, str]:
    return {spec.name: spec.label for spec in fields_of(Resource)}


# ---------------------------------------------------------------- citations (English, as cited)


_BIBTEX_SPECIAL = {c: "\\" + c for c in "{}%&$#_"} | {"\\": "\\textbackslash{}",
                                                     "~": "\\textasciitilde{}",
                                                     "^": "\\textasciicircum{}"}


def bibtex_escape(text: str) -> str:
    """Text safe inside a BibTeX field: braces and TeX specials escaped."""
    return "".join(_BIBTEX_SPECIAL.get(char, char) for char in " ".join(text.split()))


def _bibtex_url(url: str) -> str:
    # \url{} is verbatim but for braces, % and #.
    return url.replace("{", "%7B").replace("}", "%7D").replace("%", "\\%").replace("#", "\\#")


def citation(resource: Resource, page_url: str | None = None) -> str:
    """A plain citation: provider, year, title, kind, URL, date checked."""
    year = f" ({resource.year})" if resource.year else ""
    listed = f" Listed in the Cyber Diplomacy Handbook: {page_url}" if page_url else ""
    return (f"{resource.provider}{year}. {resource.title}. {v.KINDS[resource.kind]}. "
            f"{resource.url} (last checked {resource.last_checked.isoformat()}).{listed}")


def bibtex(resource: Resource) -> str:
    fields = [("title", bibtex_escape(resource.title)),
              ("author", "{" + bibtex_escape(resource.provider) + "}")]
    if resource.year:
        fields.append(("year", str(resource.year)))
    fields += [("howpublished", "\\url{" + _bibtex_url(resource.url) + "}"),
               ("note", f"{v.KINDS[resource.kind]}; last checked {resource.last_checked.isoformat()}")]
    body = ",\n".join(f"  {name:<12} = {{{value}}}" for name, value in fields)
    return f"@misc{{{resource.id},\n{body}\n}}"
