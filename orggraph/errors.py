"""Exceptions raised by orggraph.

Hierarchy::

    OrggraphError                 the root: the CLI turns it into a message and an exit code
    ├── InvalidDataError          a dataset or scenario breaks the format (exit 1); .problems
    ├── ScenarioError             a scenario cannot be applied (exit 1)
    │   └── ChangeError           one change names what is not there; .index, .suggestions
    ├── QueryError                a Cypher query failed in the engine (exit 1)
    ├── ExportError               a file could not be written (exit 1)
    ├── UsageError                a command line or connection settings that cannot work (exit 2)
    └── BackendUnavailable        a database cannot be reached or started (exit 3)

Every error carries its ``exit_code``; the command line turns any of them into one message on
stderr and that code in one place (:func:`orggraph.commands.common.reporting_errors`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "BackendUnavailable",
    "ChangeError",
    "ExportError",
    "InvalidDataError",
    "OrggraphError",
    "Problem",
    "QueryError",
    "ScenarioError",
    "UsageError",
]


class OrggraphError(Exception):
    """Root of every error orggraph raises on purpose; ``exit_code`` is what the CLI returns."""

    exit_code = 1


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a data file: where it is, what it is about and what to do about it.

    ``section`` and ``entity`` name the entity the problem is about (``"units"``,
    ``"dienst-x"``) when there is one, so that code can tell which entity is wrong without
    reading the sentence; they are not part of the text, nor of equality and order.

    >>> problem = Problem(Path("gent.yaml"), 12, "unit 'x' has no kind", "units", "x")
    >>> print(problem)
    gent.yaml:12: unit 'x' has no kind
    >>> problem.entity
    'x'
    """

    file: Path | None
    line: int | None
    message: str
    section: str | None = field(default=None, compare=False)
    entity: str | None = field(default=None, compare=False)

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


class ChangeError(ScenarioError):
    """A change of a scenario could not be applied.

    Attributes: ``index`` (1-based), ``verb`` (move, reassign, ...), ``missing`` (the id or title
    that was not found, if that is the problem), ``suggestions`` (closest existing ids) and
    ``problem`` (the same as a located :class:`Problem`, to list it with others).
    """

    def __init__(self, message: str, index: int, verb: str, missing: str | None = None,
                 suggestions: list[str] | None = None, problem: Problem | None = None):
        super().__init__(message)
        self.index = index
        self.verb = verb
        self.missing = missing
        self.suggestions = suggestions or []
        self.problem = problem or Problem(None, None, message)


class QueryError(OrggraphError):
    """A Cypher query was refused or failed in the engine."""


class UsageError(OrggraphError):
    """A command line, or connection settings, that cannot work as given."""

    exit_code = 2


class BackendUnavailable(OrggraphError):
    """A database server could not be reached, or a local engine could not be started."""

    exit_code = 3


class ExportError(OrggraphError):
    """An output file could not be written."""
