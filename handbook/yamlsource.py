"""Read the registry file into plain Python values plus the position of each one.

PyYAML's own loaders forget where values came from, accept duplicate keys and
expand aliases (alias bombs), so this module builds the tree from the event
stream itself and rejects what the registry never needs: anchors, aliases,
merge keys, explicit tags, complex keys, and deep nesting.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import yaml

from .problems import Problem
from .vocabulary import MAX_FILE_BYTES

Path = tuple[str | int, ...]

MAX_DEPTH = 16  # the registry needs 5 levels; the margin is for honest mistakes

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_resolver = yaml.resolver.Resolver()
_constructor = yaml.constructor.SafeConstructor()
_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_DISCARD = "\0duplicate"


@dataclass
class Document:
    """A loaded YAML document: values, and 1-based (line, column) per path."""

    file: str
    data: Any
    marks: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path, tuple[int, int]] = field(default_factory=dict)
    # Plain scalars that YAML turned into non-strings (`no` -> False, `2001` ->
    # 2001): text fields take the author's text back from here.
    plain_text: dict[Path, str] = field(default_factory=dict)
    # Where an alias or a tag stood: reported already, so later checks stay quiet there.
    reported_paths: set[Path] = field(default_factory=set)
    # Structural problems found while reading: (path, line, column, message).
    issues: list[tuple[Path, int, int, str]] = field(default_factory=list)

    def mark(self, path: Path) -> tuple[int, int]:
        """Position of the value at `path`, or of its nearest parent."""
        while path:
            if path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return self.marks.get((), (1, 1))


class _Fatal(Exception):
    def __init__(self, line: int, column: int, message: str) -> None:
        self.line, self.column, self.message = line, column, message


@dataclass
class _Frame:
    container: dict[str, Any] | list[Any]
    path: Path
    key: str | None = None  # mappings: the key waiting for its value


class _NoAliasDumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump_yaml(data: Any, **options: Any) -> str:
    """YAML the registry accepts: block style, no anchors or aliases, Unicode kept."""
    return yaml.dump(data, Dumper=_NoAliasDumper, sort_keys=False, allow_unicode=True, **options)


def read_text(path: str, display_name: str | None = None) -> tuple[str | None, list[Problem]]:
    """The file as text, or the problems that stop it being read (size, encoding)."""
    name = display_name or path
    try:
        size = os.path.getsize(path)
        if size > MAX_FILE_BYTES:
            limit = MAX_FILE_BYTES // (1024 * 1024)
            return None, [Problem(name, 1, 1, "", f"file is {size / 1048576:.1f} MB; "
                                  f"the limit is {limit} MB")]
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as error:
        return None, [Problem(name, 1, 1, "", f"cannot read the file: {error.strerror}")]
    return decode(raw, name)


def decode(raw: bytes, name: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text (a leading BOM allowed), or a problem at the first bad byte."""
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [Problem(name, line, column, "",
                              f"the file is not UTF-8 (byte 0x{raw[error.start]:02x})")]


def parse(text: str, name: str) -> tuple[Document | None, list[Problem]]:
    """Build the document from YAML events.

    Structural problems (anchors, tags, duplicate keys) are kept in
    `document.issues` with their path, so the validator can name the entry and
    field; an error that stops parsing comes back as a Problem instead.
    """
    document = Document(name, None)
    try:
        _compose(yaml.parse(text, Loader=_Loader), document)
    except _Fatal as fatal:
        return None, [*_unplaced(document), Problem(name, fatal.line, fatal.column, "", fatal.message)]
    except yaml.MarkedYAMLError as error:
        return None, [*_unplaced(document), _syntax_problem(error, name)]
    except yaml.reader.ReaderError as error:  # a character YAML refuses, before parsing
        line, column = _line_column(text, error.position)
        char = error.character if isinstance(error.character, int) else ord(str(error.character)[:1] or "?")
        return None, [Problem(name, line, column, "", f"contains the control character "
                              f"U+{char:04X}, which YAML does not allow; remove it")]
    except yaml.YAMLError as error:  # any other unmarked error
        return None, [Problem(name, 1, 1, "", f"YAML error: {_one_line(str(error))}")]
    return document, []


def _unplaced(document: Document) -> list[Problem]:
    return [Problem(document.file, line, column, "", message)
            for _, line, column, message in document.issues]


def _syntax_problem(error: yaml.MarkedYAMLError, name: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = " ".join(part for part in (error.context, error.problem) if part)
    return Problem(name, line, column, "", f"YAML syntax error: {_one_line(what)}")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _compose(events: Any, document: Document) -> None:
    stack: list[_Frame] = []
    documents = 0
    for event in events:
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                _fatal(event, "the file must hold one YAML document; remove the '---' line")
        elif isinstance(event, yaml.AliasEvent):
            path = _attach(document, stack, event, None)
            document.reported_paths.add(path)
            _issue(document, path, event, "YAML aliases (*name) are not allowed; "
                   "write the value out in full")
        elif isinstance(event, yaml.ScalarEvent):
            _on_scalar(document, stack, event)
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            if len(stack) >= MAX_DEPTH:
                _fatal(event, f"nesting deeper than {MAX_DEPTH} levels is not allowed")
            container: dict[str, Any] | list[Any] = (
                {} if isinstance(event, yaml.MappingStartEvent) else []
            )
            path = _attach(document, stack, event, container)
            _check_node(document, path, event)
            stack.append(_Frame(container, path))
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            stack.pop()


def _check_node(document: Document, path: Path, event: Any) -> None:
    if event.anchor:
        _issue(document, path, event,
               f"YAML anchors (&{event.anchor}) are not allowed; write each value out")
    if event.tag is not None and not (
        isinstance(event, yaml.ScalarEvent) and event.tag == "!" and not event.implicit[0]
    ):
        _issue(document, path, event, f"YAML tags ({event.tag}) are not allowed; remove the tag")
        document.reported_paths.add(path)


def _on_scalar(document: Document, stack: list[_Frame], event: yaml.ScalarEvent) -> None:
    frame = stack[-1] if stack else None
    if isinstance(frame, _Frame) and isinstance(frame.container, dict) and frame.key is None:
        _take_key(document, frame, event)
        return
    value = _scalar_value(event)
    path = _attach(document, stack, event, value)
    _check_node(document, path, event)
    if value is not None and not isinstance(value, str):
        document.plain_text[path] = event.value


def _take_key(document: Document, frame: _Frame, event: yaml.ScalarEvent) -> None:
    key = event.value
    assert isinstance(frame.container, dict)
    path = (*frame.path, key)
    _check_node(document, path, event)
    if event.implicit[0] and _resolver.resolve(yaml.ScalarNode, key, (True, False)) == _MERGE_TAG:
        _issue(document, path, event, "YAML merge keys (<<) are not allowed; write each field out")
    if key in frame.container or path in document.key_marks:
        first_line = document.key_marks[path][0]
        _issue(document, path, event, f"duplicate key '{key}' (first given at line {first_line})")
        key = _DISCARD
    document.key_marks.setdefault(path, _position(event))
    frame.key = key


def _attach(document: Document, stack: list[_Frame], event: Any, value: Any) -> Path:
    if not stack:
        document.data = value
        document.marks[()] = _position(event)
        return ()
    frame = stack[-1]
    if isinstance(frame.container, list):
        path = (*frame.path, len(frame.container))
        frame.container.append(value)
    else:
        if frame.key is None:  # a mapping or sequence used as a key
            _fatal(event, "mapping keys must be plain text")
        key, frame.key = frame.key, None
        path = (*frame.path, key)
        if key is _DISCARD:  # a duplicate key's value: parsed, reported, never used
            return path
        frame.container[key] = value
        if _is_empty(event):  # `title:` with nothing after it: point at the key
            document.marks[path] = document.key_marks[path]
            return path
    document.marks[path] = _position(event)
    return path


def _is_empty(event: Any) -> bool:
    return isinstance(event, yaml.ScalarEvent) and event.value == "" and event.implicit[0]


def _scalar_value(event: yaml.ScalarEvent) -> Any:
    if not event.implicit[0]:  # quoted or block scalar: always text
        return event.value
    tag = _resolver.resolve(yaml.ScalarNode, event.value, (True, False))
    if tag == _STR_TAG:
        return event.value
    construct = _constructor.yaml_constructors.get(tag)
    if construct is None:
        return event.value
    try:
        return construct(_constructor, yaml.ScalarNode(tag, event.value))
    except (ValueError, OverflowError, yaml.YAMLError):
        return event.value  # e.g. 2026-02-30: the validator names the bad date


def _position(event: Any) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


def _issue(document: Document, path: Path, event: Any, message: str) -> None:
    line, column = _position(event)
    document.issues.append((path, line, column, message))


def _fatal(event: Any, message: str) -> None:
    line, column = _position(event)
    raise _Fatal(line, column, message)
