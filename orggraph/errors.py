"""Exceptions raised by orggraph.

Hierarchy::

    OrggraphError                 the root: the CLI turns it into a message and an exit code
    ├── InvalidDataError          a dataset or scenario breaks the format (exit 1); .problems
    ├── ScenarioError             a scenario change cannot be applied (exit 1)
    ├── QueryError                a Cypher query failed in the engine (exit 1)
    ├── BackendUnavailable        a database cannot be reached or started (exit 3)
    └── ExportError               a file could not be written (exit 1)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "BackendUnavailable",
    "ExportError",
    "InvalidDataError",
    "OrggraphError",
    "Problem",
    "QueryError",
    "ScenarioError",
]


class OrggraphError(Exception):
    """Root of every error orggraph raises on purpose; ``exit_code`` is what the CLI returns."""

    exit_code = 1


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a data file: where it is and what to do about it.

    >>> print(Problem(Path("gent.yaml"), 12, "unit 'x' has no kind"))
    gent.yaml:12: unit 'x' has no kind
    """

    file: Path | None
    line: int | None
    message: str

    def __str__(self) -> str:
        where = str(self.file) if self.file else "<data>"
        if self.line:
            where += f":{self.line}"
        return f"{where}: {self.message}"


class InvalidDataError(OrggraphError):
    """A dataset (or scenario) is not valid; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (str(p.file), p.line or 0, p.message))
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} found"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in self.problems))


class ScenarioError(OrggraphError):
    """A scenario change could not be applied to its base."""


class QueryError(OrggraphError):
    """A Cypher query was refused or failed in the engine."""


class BackendUnavailable(OrggraphError):
    """A database server could not be reached, or a local engine could not be started."""

    exit_code = 3


class ExportError(OrggraphError):
    """An output file could not be written."""
