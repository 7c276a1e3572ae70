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
    """The catalog's time bucket: '2', '8', '40' or 'more' (SPEC 4), 'unknown'."""
    if hours is None:
        return "unknown"
    for limit in (2, 8, 40):
        if hours <= limit:
            return str(limit)
    return "more"
