"""Load the registry file: read, parse, validate, return records (SPEC 3).

`load()` is the one entry point for the CLI, the MkDocs hooks and the tests.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from .problems import Problem, RegistryError
from .records import Registry
from .validate import validate
from .yamlsource import parse, read_text

DEFAULT_PATH = "data/resources.yaml"


def check(path: str = DEFAULT_PATH, *, display_name: str | None = None,
          today: date | None = None) -> tuple[Registry | None, list[Problem]]:
    """The registry, or None with every problem in the file."""
    name = display_name or path
    text, problems = read_text(path, name)
    if text is None:
        return None, problems
    return check_text(text, name, today=today)


def check_text(text: str, name: str, *, today: date | None = None
               ) -> tuple[Registry | None, list[Problem]]:
    """Like `check`, for text already in memory (tests, `handbook new`)."""
    with _collector_paused():
        document, problems = parse(text, name)
        if document is None:
            return None, sorted(problems)
        registry, more = validate(document, today)
    problems = sorted(problems + more)
    return (registry if not problems else None), problems


def load(path: str = DEFAULT_PATH, *, display_name: str | None = None,
         today: date | None = None) -> Registry:
    """The registry; raises RegistryError listing every problem."""
    registry, problems = check(path, display_name=display_name, today=today)
    if registry is None:
        raise RegistryError(problems)
    return registry


def salvage(path: str, *, display_name: str | None = None, today: date | None = None
            ) -> tuple[Registry, list[Problem]]:
    """What a preview can show of a broken registry: its valid entries (perhaps none)
    and every problem. Never for a build that publishes."""
    name = display_name or path
    text, problems = read_text(path, name)
    with _collector_paused():
        document, more = parse(text, name) if text is not None else (None, [])
        if document is None:
            return Registry((), (), name), sorted(problems + more)
        registry, found = validate(document, today, partial=True)
    assert registry is not None
    return registry, sorted(problems + more + found)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Reading a large registry makes hundreds of thousands of small dicts, tuples and
    records, none in a cycle; Python's cycle collector would run again and again over
    all of them (a third of the time at 5 MB). Reference counting still frees them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
