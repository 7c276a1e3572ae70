"""Registry values in words, for pages and exports ("Free", "English, French")."""

from __future__ import annotations

from datetime import date

from . import vocabulary as v
from .records import Resource

STALE_AFTER_DAYS = 365


def hours_text(hours: float) -> str:
    if hours < 1:
        minutes = round(hours * 60)
        return f"about {minutes} minutes"
    shown = f"{hours:g}" if hours == int(hours) else f"{hours:.1f}".rstrip("0").rstrip(".")
    return f"about {shown} hour{'s' if hours != 1 else ''}"


def time_text(resource: Resource) -> str | None:
    """'About 20 hours (8 weeks, about 5 h a week)', or None when nothing is known."""
    parts = []
    if resource.hours is not None:
        parts.append(hours_text(resource.hours))
    if resource.duration_note:
        parts.append(f"({resource.duration_note})" if parts else resource.duration_note)
    if not parts:
        return None
    text = " ".join(parts)
    return text[0].upper() + text[1:]


def cost_text(resource: Resource) -> str:
    return v.COSTS[resource.cost]


def languages_text(codes: tuple[str, ...]) -> str:
    return ", ".join(v.LANGUAGES.get(code, code) for code in codes)


def labels(codes: tuple[str, ...], table: dict[str, str]) -> str:
    return ", ".join(table.get(code, code) for code in codes)


def date_text(day: date) -> str:
    return f"{day.day} {day.strftime('%B')} {day.year}"


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
