"""The `handbook` command: check and new, as a contributor runs them."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
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


def test_check_valid_registry_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = write(tmp_path, BASE)
    assert main(["check", str(path)]) == 0
    assert "2 entries and 2 topics, all valid" in capsys.readouterr().out


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
    "--cost", "free", "--hours", "8", "--languages", "en,fr",
    "--sources", "https://example.org/cyber-101, https://example.org/fees",
    "--sessions", "2099-03-01 to 2099-03-26 apply by 2099-01-31 Online; 2099-09-06",
]


NewRunner = Callable[..., "Run"]


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def run_new(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
            ) -> NewRunner:
    """`handbook new` as a contributor runs it; with `answers`, typed at its prompts on a
    terminal (and, when they run out, as if the contributor pressed Ctrl-D)."""
    def run(path: Path, *flags: str, answers: list[str] | None = None) -> Run:
        typed = iter(answers or [])

        def type_answer(prompt: str = "") -> str:
            print(prompt)
            for answer in typed:
                return answer
            raise EOFError

        monkeypatch.setattr("builtins.input", type_answer)
        monkeypatch.setattr(sys.stdin, "isatty", lambda: answers is not None)
        extra = [] if answers is not None else ["--no-input"]
        code = main(["new", "--file", str(path), *flags, *extra])
        out = capsys.readouterr()
        return Run(code, out.out, out.err)
    return run


def test_new_appends_a_valid_entry_and_keeps_the_rest_of_the_file(tmp_path: Path, run_new: NewRunner) -> None:
    original = BASE.replace("resources:\n", "resources:  # keep this comment\n")
    path = write(tmp_path, original)
    result = run_new(path, *NEW_FLAGS)
    assert result.returncode == 0, result.stdout + result.stderr
    text = path.read_text(encoding="utf-8")
    assert text.startswith(original), "the existing file must be untouched"
    assert "hours: 8\n" in text, "a whole number is written as typed, not 8.0"
    registry, problems = check(str(path))
    assert problems == [] and registry is not None
    entry = registry.by_id["cyber-101"]
    assert entry.hours == 8 and entry.languages == ("en", "fr")
    assert entry.summary == "An introduction: with {{ braces }} and <b>tags</b>."
    assert [s.url for s in entry.sources] == ["https://example.org/cyber-101", "https://example.org/fees"]
    assert [(s.start.isoformat(), s.deadline and s.deadline.isoformat()) for s in entry.sessions] == [
        ("2099-03-01", "2099-01-31"), ("2099-09-06", None)]
    assert entry.sessions[0].note == "Online"
    assert entry.line == text.count("\n", 0, text.index("- id: cyber-101")) + 1


def test_new_reports_every_bad_list_item_and_prints_the_command_to_resume(tmp_path: Path,
                                                                          run_new: NewRunner) -> None:
    path = write(tmp_path, BASE)
    flags = [{"norms": "intl-law, cyber-norms", "en,fr": "en, French"}.get(f, f) for f in NEW_FLAGS]
    result = run_new(path, *flags)
    assert result.returncode == 1
    assert path.read_text(encoding="utf-8") == BASE, "nothing is written"
    err = result.stderr
    assert "topics[0]: unknown topic 'intl-law'" in err or "topics[0]: 'intl-law' is not one of" in err
    assert "'cyber-norms'" in err and "(did you mean 'norms'?)" in err, "suggested by meaning"
    assert "languages[1]:" in err and "(did you mean 'fr'?)" in err, "language name to its code"
    assert "resources.yaml:" not in err, "no line numbers of a file that was never written"
    resume = next(line for line in err.splitlines() if line.strip().startswith("handbook new"))
    assert "--title 'Cyber 101'" in resume and "--topics" not in resume, "good answers kept, bad left out"


def test_new_asks_again_for_a_bad_answer_and_keeps_the_others(tmp_path: Path, run_new: NewRunner) -> None:
    path = write(tmp_path, BASE)
    answers = ["Asked entry", "treaty", "tool", "Example", "example.org/t", "https://example.org/t",
               "A tool.", "norm, cybercrime", "norms, cybercrime", "unknown", "", "", "", "",
               "French", "fr", "", "", "", "", "", "", "", "https://example.org/t"]
    result = run_new(path, "--id", "asked-entry", answers=answers)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "'treaty' is not one of" in result.stderr
    assert "must start with https://" in result.stderr
    assert "course: Course" in result.stdout, "the choices are listed at the prompt"
    entry = check(str(path))[0].by_id["asked-entry"]
    assert entry.kind == "tool" and entry.topics == ("norms", "cybercrime") and entry.languages == ("fr",)


def test_new_refuses_a_taken_id_at_once(tmp_path: Path, run_new: NewRunner) -> None:
    path = write(tmp_path, BASE)
    flags = ["un-gge-2015" if f == "cyber-101" else f for f in NEW_FLAGS]
    result = run_new(path, *flags)
    assert result.returncode == 1
    assert "id: 'un-gge-2015' is already taken" in result.stderr
    assert path.read_text(encoding="utf-8") == BASE


def test_new_interrupted_writes_nothing_and_says_how_to_resume(tmp_path: Path, run_new: NewRunner) -> None:
    path = write(tmp_path, BASE)
    result = run_new(path, "--id", "half-done", answers=["Half done", "tool"])
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert path.read_text(encoding="utf-8") == BASE
    assert "handbook new" in result.stderr and "--kind tool" in result.stderr
