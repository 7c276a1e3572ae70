"""The interface in each edition's language (SPEC 6): strings, dates, numbers, language names.

English strings are the message ids, written in the templates and the code as
`t("Cost not known")` or `t("{n} of {total} courses", n=…, total=…)`. An edition's
translations are one YAML file, `editions/<lang>/interface.yml` (message id ->
translation); dates and language names come from Babel's CLDR data, not from
hand lists. `python -m handbook.i18n missing LANG` lists what an edition lacks.
"""

from __future__ import annotations

import ast
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal, format_percent

from .siteconfig import site_config

INTERFACE_FILE = "editions/{lang}/interface.yml"
# Where message ids are written: t("…") in templates and code, and the few
# strings pages and scripts read from a table (WORDS below).
_SOURCES = ("handbook/*.py", "overrides/**/*.html", "hooks/*.py")
_CALL = re.compile(r"""(?<![\w.])(?:hb_)?t\(\s*(["'])((?:(?!\1).)+)\1""")


@dataclass
class Interface:
    """One edition's words: `t` translates, the rest format by the language's rules."""

    lang: str = "en"
    strings: dict[str, str] = field(default_factory=dict)

    def t(self, message: str, **values: Any) -> str:
        text = self.strings.get(message, message) if self.lang != "en" else message
        return text.format(**values) if values else text

    def date(self, day: date) -> str:
        """'29 November 2026', '29 novembre 2026', '29 de noviembre de 2026'."""
        return format_date(day, "long", locale=self.lang) if self.lang != "en" else (
            f"{day.day} {day.strftime('%B')} {day.year}")

    def month(self, day: date) -> str:
        """'March 2025', 'mars 2025', 'marzo de 2025' (CLDR's own pattern for a month)."""
        return format_skeleton("yMMMM", day, locale=self.lang) if self.lang != "en" else (
            f"{day.strftime('%B')} {day.year}")

    def percent(self, part: int, whole: int) -> str:
        """'25%', '25 %' (French): a share, written the language's way."""
        share = round(part / whole, 2) if whole else 0
        return format_percent(share, locale=self.lang) if self.lang != "en" else f"{round(100 * share)}%"

    def month_name(self, month: int) -> str:
        return format_date(date(2000, month, 1), "LLLL", locale=self.lang)

    def language(self, code: str) -> str:
        """A language's name in this edition's language ('anglais' for 'en' in French)."""
        return _language_names(self.lang).get(code, code)

    def number(self, value: float) -> str:
        """'1.5', '1,5': a number the language's way (English without Babel: it is on every card)."""
        if self.lang == "en":
            return f"{value:,g}" if value < 1e6 else f"{value:,.0f}"
        return _decimal(value, self.lang)


def load(root: Path, lang: str) -> Interface:
    """The interface of an edition; English needs no file."""
    if lang == "en":
        return Interface()
    path = root / INTERFACE_FILE.format(lang=lang)
    # The C loader: the pure-Python one takes twenty times as long over an interface file.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    strings = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) if path.exists() else {}
    return Interface(lang, {str(k): str(v) for k, v in (strings or {}).items()})


ENGLISH = Interface()


@cache
def _decimal(value: float, lang: str) -> str:
    return format_decimal(value, locale=lang)


@cache
def _language_names(lang: str) -> dict[str, str]:
    return dict(Locale.parse(lang).languages)


def message_ids(root: Path) -> list[str]:
    """Every message id the interface uses, in the order first met: t("…") in templates
    and code, then the labels of tables (vocabularies, fields, the navigation, topics)."""
    found: list[str] = []
    for pattern in _SOURCES:
        for path in sorted(root.glob(pattern)):
            text = path.read_text(encoding="utf-8")
            found += _python_calls(text) if path.suffix == ".py" else [m[2] for m in _CALL.finditer(text)]
    return list(dict.fromkeys([*found, *_table_labels(root)]))


def _python_calls(source: str) -> list[str]:
    """The first argument of every t(…) call, with implicit concatenation joined."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        first = node.args[0]
        if name == "t" and isinstance(first, ast.Constant) and isinstance(first.value, str):
            found.append(first.value)
    return found


def _table_labels(root: Path) -> list[str]:
    # Imported here: these modules word their labels through this one.
    from . import vocabulary as v
    from .coverage import BUCKETS, COURSE_FACTS
    from .fields import fields_of
    from .records import Resource
    from .registry import check
    from .render import FACT_WORDS
    from .templates import TITLES

    labels = [*v.KINDS.values(), *(k.heading for k in v.KIND_INFO.values()),
              *(k.go for k in v.KIND_INFO.values()), *v.COSTS.values(), *v.FORMATS.values(),
              *v.LEVELS.values(), *v.AUDIENCES.values(), *v.REGIONS.values(),
              *(label for _, label in v.TIME_BUCKETS), *(label for _, label in BUCKETS),
              *(label for _, label in COURSE_FACTS), *FACT_WORDS.values(),
              *(word for c in v.CATALOGS.values() for word in (c.noun, c.noun_one)),
              *(spec.label for spec in fields_of(Resource)), *TITLES.values()]
    registry, _ = check(str(root / "data" / "resources.yaml"))
    labels += [t.title for t in registry.topics] if registry else []
    labels += _nav_labels(root)
    return labels


def _nav_labels(root: Path) -> list[str]:
    config = site_config(root)
    labels: list[str] = []

    def walk(item: Any) -> None:
        if isinstance(item, list):
            for child in item:
                walk(child)
        elif isinstance(item, dict):
            for label, value in item.items():
                labels.append(str(label))
                walk(value)

    walk(config.get("nav"))
    return labels


def missing(root: Path, lang: str) -> list[str]:
    strings = load(root, lang).strings
    return [message for message in message_ids(root) if message not in strings]


def mismatched(root: Path, lang: str) -> list[str]:
    """Translations whose {placeholders} differ from their message id's."""
    def names(text: str) -> list[str]:
        return sorted(re.findall(r"\{(\w+)\}", text))
    return [message for message, text in load(root, lang).strings.items()
            if names(message) != names(text)]


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("missing", "ids"):
        print("usage: python -m handbook.i18n missing LANG | ids -", file=sys.stderr)
        return 2
    root = Path.cwd()
    if argv[0] == "ids":
        for message in message_ids(root):
            print(message)
        return 0
    lacking, wrong = missing(root, argv[1]), mismatched(root, argv[1])
    for message in lacking:
        print(f"missing: {message!r}")
    for message in wrong:
        print(f"placeholders differ: {message!r}")
    print(f"{len(lacking)} missing, {len(wrong)} with other placeholders in "
          f"{INTERFACE_FILE.format(lang=argv[1])}", file=sys.stderr)
    return 1 if lacking or wrong else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
