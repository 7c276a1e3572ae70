"""`handbook new`: build one entry from answers and append it to the registry.

The entry is appended as text, so the rest of the file (comments, order,
quoting) stays exactly as it was, and the whole new file is validated before
anything is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from . import vocabulary as v
from .problems import Problem
from .registry import check_text
from .yamlsource import dump_yaml


@dataclass(frozen=True)
class Question:
    field: str
    prompt: str
    required: bool = False
    choices: tuple[str, ...] = ()
    is_list: bool = False
    number: type | None = None


QUESTIONS: tuple[Question, ...] = (
    Question("id", "Id (kebab-case, becomes the URL)", required=True),
    Question("title", "Title", required=True),
    Question("kind", "Kind", required=True, choices=tuple(v.KINDS)),
    Question("provider", "Provider", required=True),
    Question("url", "URL (https://…)", required=True),
    Question("summary", "Summary (plain text, up to 600 characters)", required=True),
    Question("topics", "Topics (comma-separated ids)", required=True, is_list=True),
    Question("cost", "Cost", required=True, choices=tuple(v.COSTS)),
    Question("cost_note", "Cost note (fee, scholarships)"),
    Question("hours", "Hours of effort (number)", number=float),
    Question("duration_note", "Duration note (e.g. 8 weeks, about 5 h a week)"),
    Question("format", "Format", choices=tuple(v.FORMATS)),
    Question("languages", "Languages (comma-separated ISO 639-1 codes)", required=True, is_list=True),
    Question("level", "Level", choices=tuple(v.LEVELS)),
    Question("audience", "Audience (comma-separated)", choices=tuple(v.AUDIENCES), is_list=True),
    Question("regions", "Regions (comma-separated; empty for global)", choices=tuple(v.REGIONS),
             is_list=True),
    Question("year", "Year", number=int),
    Question("eligibility", "Eligibility (who may apply, what is funded)"),
    Question("related", "Related entry ids (comma-separated)", is_list=True),
)


def collect(given: dict[str, str | None], ask: Callable[[Question], str] | None) -> dict[str, Any]:
    """The entry's fields from flags, asking for the missing ones when `ask` is given."""
    entry: dict[str, Any] = {}
    for question in QUESTIONS:
        answer = given.get(question.field)
        if answer is None and ask is not None:
            answer = ask(question)
        if answer is None or not answer.strip():
            continue
        entry[question.field] = _convert(question, answer.strip())
    return entry


def _convert(question: Question, answer: str) -> Any:
    if question.is_list:
        return [part.strip() for part in answer.split(",") if part.strip()]
    if question.number is not None:
        try:
            return question.number(answer)
        except ValueError:
            return answer  # the validator reports it with the field's own wording
    return answer


def append_entry(text: str, entry: dict[str, Any], name: str, today: date | None = None
                 ) -> tuple[str | None, list[Problem]]:
    """The registry text with the entry appended, or the problems it would cause."""
    today = today or date.today()
    entry = {**entry, "added": today, "last_checked": today}
    block = dump_yaml([entry], width=88, default_flow_style=None)
    indented = "".join(f"  {line}" if line.strip() else line for line in block.splitlines(True))
    new_text = text + ("" if text.endswith("\n") else "\n") + indented
    registry, problems = check_text(new_text, name, today=today)
    return (new_text if registry is not None else None), problems
