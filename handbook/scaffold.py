"""`handbook new`: build one entry from answers and append it to the registry.

Each answer is checked when it is given, by the same field declarations as the
validator, so a mistake is asked again instead of discarding twenty answers.
The entry is appended as text, so the rest of the file (comments, order,
quoting) stays exactly as it was, and the whole new file is validated before
anything is written.
"""

from __future__ import annotations

import dataclasses
import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from . import vocabulary as v
from .fields import INVALID, FieldSpec, Path, fields_of, show
from .problems import Problem
from .records import Registry, Resource
from .registry import check_text
from .yamlsource import dump_yaml

QUESTIONS: tuple[FieldSpec, ...] = tuple(spec for spec in fields_of(Resource) if spec.question)
# Answers that stand for "nothing": Enter, or a dash.
_EMPTY = ("", "-")


@dataclass
class _AnswerContext:
    """The validator's view of one answer (fields.Context), collecting messages."""

    today: date
    topic_ids: dict[str, None]
    messages: list[str] = field(default_factory=list)

    def report(self, path: Path, message: str, *, at_key: bool = False) -> None:
        where = "".join(f"[{part}]" if isinstance(part, int) else "" for part in path[1:])
        self.messages.append(f"{path[0]}{where}: {message}")

    def text_of(self, path: Path, value: Any) -> Any:
        return value


def check_answer(spec: FieldSpec, answer: str, registry: Registry | None, today: date
                 ) -> tuple[Any, list[str]]:
    """The value of one answer, or INVALID and every problem in it (each bad list item)."""
    topics = {t.id: None for t in registry.topics} if registry else {}
    ctx = _AnswerContext(today, topics)
    value = spec.type.from_answer(answer)
    checked = spec.type.check(ctx, (spec.name,), value)
    messages = ctx.messages + _cross_entry(spec, checked, registry)
    if messages:
        return INVALID, [_with_hint(spec, m, registry) for m in messages]
    return _plain(checked), []


def collect(given: dict[str, str | None], ask: Callable[[FieldSpec, list[str]], str] | None,
            registry: Registry | None, today: date, report: Callable[[str], None] = print,
            entry: dict[str, Any] | None = None) -> tuple[dict[str, Any], list[str]]:
    """The entry's fields from flags and prompts, and the problems left in the flags.

    A bad answer at a prompt is reported and asked again; a bad flag is reported,
    and then asked for when prompting, else returned as a problem. Good answers go
    into `entry` as they come, so an interrupted session still has them."""
    entry = {} if entry is None else entry
    problems: list[str] = []
    for spec in QUESTIONS:
        answer = given.get(spec.name)
        while True:
            if answer is None and ask is not None:
                answer = ask(spec, hints(spec, registry))
            if answer is None or answer.strip() in _EMPTY:
                if spec.required and ask is not None:
                    report(f"  {spec.name} is required")
                    answer = None
                    continue
                break
            value, messages = check_answer(spec, answer.strip(), registry, today)
            if value is not INVALID:
                entry[spec.name] = value
                break
            for message in messages:
                report(f"  {message}")
            if ask is None:
                problems += messages
                break
            answer = None
    return entry, problems


def hints(spec: FieldSpec, registry: Registry | None) -> list[str]:
    """What to type: the valid values of a choice, the registry's topics."""
    choices = dict(spec.type.choices())
    if spec.name == "topics" and registry:
        choices = {t.id: t.title for t in registry.topics}
    if not choices or len(choices) > 40:
        return [f"e.g. {example}" for example in _EXAMPLES.get(spec.name, ())]
    return [f"{key}: {label}" if key != label else key for key, label in choices.items()]


def command_line(entry: dict[str, Any], path: str | None = None) -> str:
    """The `handbook new` command that gives the same answers, so nothing typed is lost."""
    parts = ["handbook", "new"]
    if path:
        parts += ["--file", path]
    for spec in QUESTIONS:
        if spec.name in entry:
            separator = getattr(spec.type, "separator", ",") + " "
            parts += ["--" + spec.name.replace("_", "-"), _as_answer(entry[spec.name], separator)]
    return " ".join(shlex.quote(part) for part in parts)


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


# ---------------------------------------------------------------- helpers


def _cross_entry(spec: FieldSpec, value: Any, registry: Registry | None) -> list[str]:
    """What one answer can break in the rest of the registry: a taken id, an unknown related id."""
    if registry is None or value is INVALID:
        return []
    if spec.name == "id":
        owner = registry.by_id.get(value) or next(
            (r for r in registry.resources if value in r.aliases), None)
        return [f"id: {show(value)} is already taken by '{owner.title}'"] if owner else []
    if spec.name == "related":
        return [f"related: unknown id {show(i)}" for i in value if i not in registry.by_id]
    return []


def _with_hint(spec: FieldSpec, message: str, registry: Registry | None) -> str:
    """A suggestion by meaning before one by spelling: 'French' -> 'fr', and
    'cyber-norms' -> 'norms' (spelling alone would offer 'cybercrime')."""
    bad = re.search(r"'([^']*)'", message)
    meant = None
    if bad and spec.name == "languages":
        meant = _LANGUAGE_BY_NAME.get(bad[1].casefold())
    elif bad and spec.name == "topics" and registry:
        meant = _topic_by_meaning(bad[1], registry)
    if meant is None:
        return message
    return re.sub(r" \(did you mean '[^']*'\?\)$", "", message) + f" (did you mean '{meant}'?)"


def _topic_by_meaning(text: str, registry: Registry) -> str | None:
    """The topic sharing the most words with `text` ('cyber-norms' -> 'norms')."""
    words = _words(text) - {"cyber", "and", "the", "of", "in"}
    best, score = None, 0
    for topic in registry.topics:
        common = len(words & (_words(topic.id) | _words(topic.title)))
        if common > score:
            best, score = topic.id, common
    return best


def _words(text: str) -> set[str]:
    # "Norms of responsible…" and "norms" share "norm": compare stems of four letters.
    return {word[:4] for word in re.split(r"[^a-z]+", text.casefold()) if len(word) > 2}


def _plain(value: Any) -> Any:
    """A checked value as YAML should hold it: lists, mappings without empty fields."""
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {key: item for key, item in dataclasses.asdict(value).items() if item not in (None, ())}
    return value


def _as_answer(value: Any, separator: str = ", ") -> str:
    """A value written back as the answer that gives it."""
    if isinstance(value, list):
        return separator.join(_as_answer(item) for item in value)
    if isinstance(value, dict):
        return session_answer(value) if "start" in value else str(value["url"])
    return str(value)


def session_answer(session: dict[str, Any]) -> str:
    text = str(session["start"])
    if session.get("end"):
        text += f" to {session['end']}"
    if session.get("deadline"):
        text += f" apply by {session['deadline']}"
    return text + (f" {session['note']}" if session.get("note") else "")


_LANGUAGE_BY_NAME = {name.casefold(): code for code, name in v.LANGUAGES.items()}
_EXAMPLES: dict[str, tuple[str, ...]] = {
    "languages": ("en, fr (ISO 639-1 codes; 'French' is fr)",),
    "sources": ("https://provider.org/course, https://provider.org/fees",),
    "sessions": ("2027-03-01 to 2027-03-26 apply by 2027-01-31; 2027-09-06",),
}
