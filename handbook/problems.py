"""One validation problem, and how it is printed (SPEC 3.3).

Every consumer (CLI, MkDocs hook, GitHub annotations, serve banner) prints the
same `Problem`, so the wording is decided here once.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """A problem at a line and column (1-based) of the registry file."""

    file: str
    line: int
    column: int
    where: str  # "resources[7] (un-gge-2015) cost", or "" for the whole file
    message: str

    def __str__(self) -> str:
        subject = f"{self.where}: " if self.where else ""
        return f"{self.file}:{self.line}:{self.column}: {subject}{self.message}"

    def as_github_annotation(self) -> str:
        """GitHub workflow command, so the error shows on the pull request's line."""
        text = f"{self.where}: {self.message}" if self.where else self.message
        return (
            f"::error file={_escape_property(self.file)},line={self.line},"
            f"col={self.column}::{_escape_data(text)}"
        )


class RegistryError(Exception):
    """The registry cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
