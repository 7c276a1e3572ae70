"""Each rule of SPEC 3.3: the problem is found, with its line, column, entry and field."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from handbook.problems import Problem
from handbook.registry import check, check_text

TODAY = date(2026, 11, 27)
FILE = "data/resources.yaml"

BASE = """\
# yaml-language-server: $schema=resources.schema.json
topics:
  - id: norms
    title: Norms of responsible state behaviour
  - id: cybercrime
    title: Cybercrime
resources:
  - id: budapest-convention
    title: Convention on Cybercrime
    kind: instrument
    provider: Council of Europe
    url: https://www.coe.int/en/web/cybercrime/the-budapest-convention
    summary: The first international treaty on crimes committed via the Internet.
    topics: [cybercrime]
    cost: free
    languages: [en, fr]
    year: 2001
    last_checked: 2026-11-20
    sources:
      - {url: 'https://www.coe.int/en/web/cybercrime/the-budapest-convention', covers: [url, year]}
  - id: un-gge-2015
    title: Report of the Group of Governmental Experts (2015)
    kind: instrument
    provider: United Nations
    url: https://example.org/a-70-174
    summary: Eleven voluntary norms of responsible state behaviour.
    topics: [norms]
    cost: free
    languages: [en]
    last_checked: 2026-11-21
    sources:
      - url: https://example.org/a-70-174
"""

LINE_FORMAT = re.compile(r"^data/resources\.yaml:\d+:\d+: (\S.*: )?\S.*$")


def edit(old: str, new: str, text: str = BASE) -> str:
    assert text.count(old) == 1, f"{old!r} must occur once"
    return text.replace(old, new)


def problems_of(text: str) -> list[Problem]:
    registry, problems = check_text(text, FILE, today=TODAY)
    assert registry is None, "expected the registry to be rejected"
    assert problems
    for problem in problems:
        assert LINE_FORMAT.match(str(problem)), str(problem)
    return problems


def position(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column where `needle` starts."""
    offset = text.index(needle)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def assert_at(problem: Problem, text: str, needle: str) -> None:
    assert (problem.line, problem.column) == position(text, needle), str(problem)


def test_the_base_registry_is_valid() -> None:
    registry, problems = check_text(BASE, FILE, today=TODAY)
    assert problems == []
    assert registry is not None
    assert [r.id for r in registry.resources] == ["budapest-convention", "un-gge-2015"]
    assert registry.by_id["budapest-convention"].line == position(BASE, "- id: budapest")[0]


def test_wrong_enum_value_has_spec_format_with_line_column_entry_and_field() -> None:
    text = edit("    cost: free\n    languages: [en]\n", "    cost: cheap\n    languages: [en]\n")
    problem = only(problems_of(text))
    line, column = position(text, "cheap")
    assert str(problem) == (
        f"data/resources.yaml:{line}:{column}: resources[1] (un-gge-2015) cost: "
        "'cheap' is not one of free, paid, mixed, unknown"
    )


def test_every_problem_is_reported_not_just_the_first() -> None:
    text = edit("    cost: free\n    languages: [en]\n", "    cost: cheap\n    languages: [xx]\n")
    text = edit("kind: instrument\n    provider: Council", "kind: treaty\n    provider: Council", text)
    problems = problems_of(text)
    assert {p.where for p in problems} == {
        "resources[1] (un-gge-2015) cost",
        "resources[1] (un-gge-2015) languages[0]",
        "resources[0] (budapest-convention) kind",
    }


def test_yaml_syntax_error_names_line() -> None:
    text = edit("    title: Norms of responsible state behaviour\n",
                "    title: [unclosed\n")
    problem = only(problems_of(text))
    assert "YAML syntax error" in problem.message
    assert problem.line >= position(text, "[unclosed")[0]


def test_duplicate_mapping_key_names_both_lines() -> None:
    text = edit("    year: 2001\n", "    year: 2001\n    cost: paid\n")
    problem = only(problems_of(text))
    assert_at(problem, text, "cost: paid")
    first_line = position(text, "cost: free")[0]
    assert f"duplicate key 'cost' (first given at line {first_line})" in problem.message


@pytest.mark.parametrize("snippet, needle, words", [
    ("    year: &y 2001\n", "&y", "anchors"),
    ("    provider: &p Council of Europe\n", "&p", "anchors"),
])
def test_anchors_are_rejected(snippet: str, needle: str, words: str) -> None:
    old = "    year: 2001\n" if "year" in snippet else "    provider: Council of Europe\n"
    text = edit(old, snippet)
    problem = only(problems_of(text))
    assert words in problem.message
    assert_at(problem, text, needle)


def test_aliases_are_rejected_and_not_expanded() -> None:
    text = edit("    languages: [en, fr]\n", "    languages: &langs [en, fr]\n")
    text = edit("    languages: [en]\n", "    languages: *langs\n", text)
    problems = problems_of(text)
    assert [p.message.split(" (")[0] for p in problems] == ["YAML anchors", "YAML aliases"]
    assert_at(problems[1], text, "*langs")


def test_merge_keys_are_rejected() -> None:
    text = edit("    year: 2001\n", "    year: 2001\n    <<: {note: x}\n")
    problems = problems_of(text)
    assert any("merge keys" in p.message and (p.line, p.column) == position(text, "<<")
               for p in problems)


@pytest.mark.parametrize("tagged", ["!!python/object:os.system ls", "!custom 2001", "!!str 2001"])
def test_tags_are_rejected(tagged: str) -> None:
    text = edit("    year: 2001\n", f"    year: {tagged}\n")
    problems = problems_of(text)
    assert any("tags" in p.message and p.line == position(text, tagged)[0] for p in problems)


def test_duplicate_ids_name_both_lines() -> None:
    text = edit("  - id: un-gge-2015\n", "  - id: budapest-convention\n")
    problem = only(problems_of(text))
    assert problem.where == "resources[1] (budapest-convention) id"
    assert_at(problem, text, "budapest-convention\n    title: Report")
    assert f"at line {position(text, 'budapest-convention')[0]}" in problem.message


def test_alias_equal_to_an_id_is_rejected() -> None:
    text = edit("    year: 2001\n", "    year: 2001\n    aliases: [un-gge-2015]\n")
    problem = only(problems_of(text))
    assert problem.where == "resources[0] (budapest-convention) aliases[0]"
    assert "resources[1]" in problem.message
    assert_at(problem, text, "un-gge-2015]")


def test_unknown_topic_names_line_and_suggests() -> None:
    text = edit("    topics: [norms]\n", "    topics: [norm]\n")
    problem = only(problems_of(text))
    assert problem.where == "resources[1] (un-gge-2015) topics[0]"
    assert "did you mean 'norms'?" in problem.message
    assert_at(problem, text, "norm]")


def test_unknown_field_names_key_and_suggests() -> None:
    text = edit("    year: 2001\n", "    year: 2001\n    sumary: typo\n")
    problem = only(problems_of(text))
    assert problem.where == "resources[0] (budapest-convention) sumary"
    assert problem.message == "unknown field 'sumary' (did you mean 'summary'?)"
    assert_at(problem, text, "sumary")


def test_unknown_related_id_suggests() -> None:
    text = edit("    year: 2001\n", "    year: 2001\n    related: [un-gge-2016]\n")
    problem = only(problems_of(text))
    assert problem.where == "resources[0] (budapest-convention) related[0]"
    assert "did you mean 'un-gge-2015'?" in problem.message


def test_missing_required_field_points_at_the_entry() -> None:
    text = edit("    cost: free\n    languages: [en]\n", "    languages: [en]\n")
    problem = only(problems_of(text))
    assert problem.message == "missing required field 'cost'"
    assert problem.line == position(text, "- id: un-gge-2015")[0]


@pytest.mark.parametrize("old, new, field, words", [
    ("    year: 2001\n", "    year: two thousand\n", "year", "must be a year"),
    ("    year: 2001\n", "    year: 1850\n", "year", "not between 1990"),
    ("    year: 2001\n", "    year: 2001\n    hours: -3\n", "hours", "greater than 0"),
    ("    year: 2001\n", "    year: 2001\n    hours: ten\n", "hours", "number of hours"),
    ("    languages: [en, fr]\n", "    languages: en\n", "languages", "must be a list"),
    ("    languages: [en, fr]\n", "    languages: []\n", "languages", "at least 1"),
    ("    languages: [en, fr]\n", "    languages: [en, en]\n", "languages[1]", "listed twice"),
    ("    year: 2001\n", "    year: 2001\n    level: expert\n", "level", "is not one of"),
    ("    year: 2001\n", "    year: 2001\n    format: video\n", "format", "is not one of"),
    ("    year: 2001\n", "    year: 2001\n    audience: [spies]\n", "audience[0]", "is not one of"),
    ("    year: 2001\n", "    year: 2001\n    regions: [mars]\n", "regions[0]", "is not one of"),
    ("    title: Convention on Cybercrime\n", "    title:\n", "title", "must be text, not empty"),
    ("    title: Convention on Cybercrime\n", f"    title: {'x' * 201}\n", "title", "limit is 200"),
    ("    summary: The first", "    summary: [a list] #", "summary", "must be text, not a list"),
    ("  - id: budapest-convention\n", "  - id: Budapest_Convention\n", "id", "kebab-case"),
])
def test_wrong_types_and_values(old: str, new: str, field: str, words: str) -> None:
    text = edit(old, new)
    problem = only(problems_of(text))
    entry = "budapest-convention" if "budapest" in problem.where else "un-gge-2015"
    assert problem.where.endswith(f" {field}"), problem.where
    assert entry in problem.where or "Budapest_Convention" in problem.where
    assert words in problem.message, problem.message
    assert problem.line == position(text, new)[0] + new.rstrip("\n").count("\n")


def test_a_yaml_boolean_that_is_a_language_code_is_read_as_text() -> None:
    # `no` (Norwegian) is a boolean in YAML 1.1; the validator takes the author's text.
    text = edit("    languages: [en, fr]\n", "    languages: [en, no]\n")
    registry, problems = check_text(text, FILE, today=TODAY)
    assert problems == []
    assert registry is not None and registry.by_id["budapest-convention"].languages == ("en", "no")


@pytest.mark.parametrize("url, words", [
    ("javascript:alert(1)", "must start with https:// or http://"),
    ("data:text/html,hi", "must start with https:// or http://"),
    ("www.coe.int/page", "must start with https:// or http://"),
    ("https://", "no valid host"),
    ("https://exa mple.org/", "contains spaces"),
    ("https://user:pw@example.org/", "user name or password"),
    ("https://example.org:99999/", "not a valid URL"),
])
def test_bad_urls(url: str, words: str) -> None:
    text = edit("    url: https://example.org/a-70-174\n", f"    url: '{url}'\n")
    problem = only(problems_of(text))
    assert problem.where == "resources[1] (un-gge-2015) url"
    assert words in problem.message
    assert problem.line == position(text, f"'{url}'")[0]


@pytest.mark.parametrize("value, words", [
    ("2026-02-30", "not a real date"),
    ("2026-13-01", "not a real date"),
    ("20-11-2026", "not a date in the form YYYY-MM-DD"),
    ("2027-01-01", "is in the future (today is 2026-11-27)"),
    ("2026-11-20T10:00:00", "without a time"),
])
def test_impossible_and_future_dates(value: str, words: str) -> None:
    text = edit("    last_checked: 2026-11-21\n", f"    last_checked: {value}\n")
    problem = only(problems_of(text))
    assert problem.where == "resources[1] (un-gge-2015) last_checked"
    assert words in problem.message
    assert_at(problem, text, value)


def test_session_end_before_start() -> None:
    text = edit("    year: 2001\n", "    year: 2001\n    sessions:\n"
                "      - start: 2027-03-10\n        end: 2027-03-01\n")
    problem = only(problems_of(text))
    assert problem.where == "resources[0] (budapest-convention) sessions[0].end"
    assert_at(problem, text, "2027-03-01")


@pytest.mark.parametrize("char, words", [
    ("\u202e", "bidirectional control character U+202E"),
    ("\u2067", "bidirectional control character U+2067"),
    ("\u200b", "invisible control character U+200B"),
    ("\u0007", "invisible control character U+0007"),
    ("\u2028", "invisible control character U+2028"),
])
def test_bidi_and_invisible_control_characters(char: str, words: str) -> None:
    escaped = char.encode("unicode_escape").decode().replace("\\x", "\\u00")
    text = edit("    provider: United Nations\n", f'    provider: "United{escaped} Nations"\n')
    problem = only(problems_of(text))
    assert problem.where == "resources[1] (un-gge-2015) provider"
    assert words in problem.message
    assert problem.line == position(text, "United")[0] if "United" in text else True


def test_persian_zero_width_non_joiner_is_allowed() -> None:
    text = edit("    provider: United Nations\n", '    provider: "می\u200cخواهم"\n')
    assert check_text(text, FILE, today=TODAY)[1] == []


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "resources.yaml"
    raw = BASE.replace("Council of Europe", "Conseil de l\u2019Europe").encode("utf-8")
    raw = raw.replace(b"Conseil", b"Cons\xe9il")
    path.write_bytes(raw)
    registry, problems = check(str(path), display_name=FILE, today=TODAY)
    problem = only(problems)
    assert registry is None
    assert "not UTF-8" in problem.message
    assert problem.line == position(BASE, "Council of Europe")[0]


def test_file_larger_than_5_mb(tmp_path: Path) -> None:
    path = tmp_path / "resources.yaml"
    path.write_text(BASE + "#" * (5 * 1024 * 1024), encoding="utf-8")
    problem = only(check(str(path), display_name=FILE, today=TODAY)[1])
    assert "the limit is 5 MB" in problem.message


@pytest.mark.parametrize("depth", [40, 5000])
def test_deep_nesting_is_refused_with_a_line(depth: int) -> None:
    text = edit("    year: 2001\n", "    year: 2001\n    notes: " + "[" * depth + "]" * depth + "\n")
    problem = only(problems_of(text))
    assert "nesting" in problem.message
    assert problem.line == position(text, "notes:")[0]


def test_problems_are_sorted_by_line() -> None:
    text = edit("    cost: free\n    languages: [en]\n", "    cost: cheap\n    languages: [en]\n")
    text = edit("kind: instrument\n    provider: Council", "kind: treaty\n    provider: Council", text)
    lines = [p.line for p in problems_of(text)]
    assert lines == sorted(lines)


def test_raw_control_character_in_the_file_names_its_line() -> None:
    text = edit("    provider: United Nations\n", "    provider: United\x1fNations\n")
    problem = only(problems_of(text))
    assert "U+001F" in problem.message
    assert (problem.line, problem.column) == position(text, "\x1f")


def test_reading_problems_name_the_entry_and_field() -> None:
    text = edit("    year: 2001\n", "    year: 2001\n    cost: paid\n")
    assert only(problems_of(text)).where == "resources[0] (budapest-convention) cost"
    text = edit("    year: 2001\n", "    year: !!int 2001\n")
    assert only(problems_of(text)).where == "resources[0] (budapest-convention) year"


def test_numeric_ids_are_compared_as_the_text_written() -> None:
    text = edit("  - id: budapest-convention\n", "  - id: 2001\n")
    text = edit("  - id: un-gge-2015\n", "  - id: 2001\n", text)
    problem = only(problems_of(text))
    assert problem.where == "resources[1] (2001) id" and "duplicate id '2001'" in problem.message


def test_numeric_related_and_start_here_ids_are_checked() -> None:
    text = edit("    year: 2001\n", "    year: 2001\n    related: [404]\n")
    assert "unknown id '404'" in only(problems_of(text)).message
    text = edit("    title: Cybercrime\n", "    title: Cybercrime\n    start_here: [123]\n")
    problem = only(problems_of(text))
    assert problem.where == "topics[1] (cybercrime) start_here[0]" and "unknown id '123'" in problem.message


def test_one_bad_topic_field_does_not_break_every_entry_of_the_topic() -> None:
    text = edit("    title: Cybercrime\n", "    title: Cybercrime\n    start_here: 5\n")
    problem = only(problems_of(text))
    assert problem.where == "topics[1] (cybercrime) start_here"


@pytest.mark.parametrize("snippet, words", [
    ("    hours: 1:30\n", "plain number"),
    ("    hours: 1e3\n", "number of hours"),
    ("    hours: " + "9" * 400 + "\n", "at most"),
    ("    hours: 0\n", "greater than 0"),
])
def test_hours_must_be_a_plain_positive_number(snippet: str, words: str) -> None:
    text = edit("    year: 2001\n", "    year: 2001\n" + snippet)
    assert words in only(problems_of(text)).message


def test_year_in_another_base_is_refused() -> None:
    text = edit("    year: 2001\n", "    year: 0b11111010001\n")
    assert "must be a year" in only(problems_of(text)).message


def test_dates_after_2100_are_refused() -> None:
    text = edit("    year: 2001\n", "    year: 2001\n    sessions:\n      - start: 9999-12-31\n")
    problem = only(problems_of(text))
    assert problem.where.endswith("sessions[0].start") and "after 2100" in problem.message


def test_index_is_reserved() -> None:
    text = edit("  - id: un-gge-2015\n", "  - id: index\n")
    assert "reserved" in only(problems_of(text)).message


@pytest.mark.parametrize("char", ["\ufffe", "\ue000", "\U000e0001"])
def test_noncharacters_and_private_use_are_refused(char: str) -> None:
    escaped = char.encode("unicode_escape").decode()
    text = edit("    provider: United Nations\n", f'    provider: "United{escaped} Nations"\n')
    assert "character" in only(problems_of(text)).message


def test_an_odd_unknown_key_is_quoted_and_made_visible() -> None:
    problems = problems_of('"\u00a0weird key: x": 1\n' + BASE)
    odd = [p for p in problems if "unknown top-level key" in p.message]
    assert odd and odd[0].where == "'\u00a0weird key: x'"
    problems = problems_of(edit("    year: 2001\n", "    year: 2001\n    bad key\u200b: x\n"))
    assert any(p.where == "resources[0] (budapest-convention) 'bad key\\u200b'" for p in problems)
