"""The `handbook` command: check and new, as a contributor runs them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from handbook.cli import main
from handbook.registry import check
from tests.test_validation import BASE

RUN = [sys.executable, "-m", "handbook.cli"]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "resources.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_check_valid_registry_exits_0(tmp_path: Path) -> None:
    path = write(tmp_path, BASE)
    result = subprocess.run([*RUN, "check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 entries and 2 topics, all valid" in result.stdout


def test_check_defaults_to_data_resources_yaml_in_the_current_directory(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    write(tmp_path / "data", BASE.replace("cost: free\n    languages: [en]\n",
                                          "cost: cheap\n    languages: [en]\n"))
    result = subprocess.run([*RUN, "check"], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("data/resources.yaml:")
    assert "resources[1] (un-gge-2015) cost: 'cheap' is not one of" in result.stdout


def test_check_prints_every_problem_one_per_line_without_traceback(tmp_path: Path) -> None:
    text = BASE.replace("kind: instrument\n    provider: Council", "kind: treaty\n    provider: Council")
    text = text.replace("    topics: [norms]\n", "    topics: [norm]\n")
    path = write(tmp_path, text)
    result = subprocess.run([*RUN, "check", str(path)], capture_output=True, text=True)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert all(line.startswith(f"{path}:") for line in lines)
    assert "Traceback" not in result.stderr


def test_check_github_format_prints_annotations(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = write(tmp_path, BASE.replace("    year: 2001\n", "    year: 1850\n"))
    assert main(["check", str(path), "--format", "github"]) == 1
    line = capsys.readouterr().out.strip()
    assert line.startswith(f"::error file={path},line=17,col=11::")
    assert "resources[0] (budapest-convention) year" in line


def test_check_survives_binary_garbage(tmp_path: Path) -> None:
    path = tmp_path / "resources.yaml"
    path.write_bytes(b"\x00\xff\xfe garbage \x80")
    result = subprocess.run([*RUN, "check", str(path)], capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "not UTF-8" in result.stdout


NEW_FLAGS = [
    "--id", "cyber-101", "--title", "Cyber 101", "--kind", "course",
    "--provider", "Example Institute", "--url", "https://example.org/cyber-101",
    "--summary", "An introduction: with {{ braces }} and <b>tags</b>.", "--topics", "norms",
    "--cost", "free", "--hours", "1.5", "--languages", "en,fr",
]


def test_new_appends_a_valid_entry_and_keeps_the_rest_of_the_file(tmp_path: Path) -> None:
    original = BASE.replace("resources:\n", "resources:  # keep this comment\n")
    path = write(tmp_path, original)
    assert main(["new", "--file", str(path), "--no-input", *NEW_FLAGS]) == 0
    text = path.read_text(encoding="utf-8")
    assert text.startswith(original), "the existing file must be untouched"
    registry, problems = check(str(path))
    assert problems == [] and registry is not None
    entry = registry.by_id["cyber-101"]
    assert entry.hours == 1.5 and entry.languages == ("en", "fr")
    assert entry.summary == "An introduction: with {{ braces }} and <b>tags</b>."
    assert entry.line == text.count("\n", 0, text.index("- id: cyber-101")) + 1


def test_new_refuses_an_invalid_entry_and_writes_nothing(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture) -> None:
    path = write(tmp_path, BASE)
    flags = [f if f != "norms" else "norm" for f in NEW_FLAGS]
    assert main(["new", "--file", str(path), "--no-input", *flags]) == 1
    assert path.read_text(encoding="utf-8") == BASE
    out = capsys.readouterr()
    assert "topics[0]: 'norm' is not one of norms, cybercrime (did you mean 'norms'?)" in out.out
    assert "not added" in out.err


def test_new_refuses_a_duplicate_id(tmp_path: Path) -> None:
    path = write(tmp_path, BASE)
    flags = ["un-gge-2015" if f == "cyber-101" else f for f in NEW_FLAGS]
    assert main(["new", "--file", str(path), "--no-input", *flags]) == 1
    assert path.read_text(encoding="utf-8") == BASE


def test_new_asks_for_missing_fields(tmp_path: Path) -> None:
    path = write(tmp_path, BASE)
    script = ("import sys, builtins\n"
              "answers = iter(sys.argv[1:])\n"
              "builtins.input = lambda prompt='': next(answers, '')\n"
              "sys.stdin.isatty = lambda: True\n"
              "from handbook.cli import main\n"
              f"sys.exit(main(['new', '--file', {str(path)!r}, '--id', 'asked-entry']))\n")
    answers = ["Asked entry", "tool", "Example", "https://example.org/t", "A tool.",
               "cybercrime", "unknown", "", "", "", "", "en"]
    result = subprocess.run([sys.executable, "-c", script, *answers],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    registry = check(str(path))[0]
    assert registry is not None and registry.by_id["asked-entry"].kind == "tool"
