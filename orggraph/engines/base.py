"""The one small interface every Cypher engine implements.

An engine runs a query with parameters and returns a :class:`Result`; it runs it read-only unless
told otherwise, and it opens a write unit (:meth:`Engine.write_unit`) in which several statements
either all take effect or none does. Neo4j does that with a transaction; FalkorDB, which has no
client transactions, with a copy of the graph renamed over the original (docs/design.md §6).

>>> Result(columns=["n"], rows=[[1]]).records()
[{'n': 1}]
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any

__all__ = ["DEFAULT_TIMEOUT", "Engine", "Result", "WriteUnit"]

#: Seconds an engine waits for a server to connect or to answer before giving up (exit 3); the
#: environment variable ORGGRAPH_TIMEOUT sets another (see orggraph.engines.connect).
DEFAULT_TIMEOUT = 30.0


@dataclass
class Result:
    """The rows a query returned, with the column names (the RETURN aliases) in order."""

    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)

    def records(self) -> list[dict[str, Any]]:
        """Return the rows as dicts keyed by column name."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def __iter__(self) -> Iterator[list[Any]]:
        return iter(self.rows)


class WriteUnit(ABC):
    """Statements run inside one all-or-nothing unit of work."""

    @abstractmethod
    def run(self, query: str, params: Mapping[str, Any] | None = None) -> Result:
        """Run one write statement in the unit."""

    def run_batches(self, query: str, batches: Iterable[Sequence[Any]]) -> Iterator[int]:
        """Run ``query`` once per batch, with the batch as ``$rows``; yield each batch's size
        when it is written (an engine may send the next batch before the server is done)."""
        for batch in batches:
            self.run(query, {"rows": batch})
            yield len(batch)


class Engine(ABC):
    """A Cypher engine: Neo4j 5 or FalkorDB.

    Attributes: ``name`` (``neo4j`` or ``falkordb``), ``location`` (the server's address, safe to
    print: it never holds a password).
    """

    name: str
    location: str

    @abstractmethod
    def run(self, query: str, params: Mapping[str, Any] | None = None, *,
            write: bool = False) -> Result:
        """Run a query; read-only (the engine refuses changes) unless ``write`` is true."""

    @abstractmethod
    def write_unit(self, replace: Mapping[str, str] | None = None
                   ) -> AbstractContextManager[WriteUnit]:
        """Open a unit whose statements all take effect on a normal exit, and none on an error.

        ``replace`` (the parameters of :func:`orggraph.engines.statements.scope_params`) makes
        the unit start by removing that city's or scenario's subgraph, as its first statement.
        The unit's graph has the ``uid`` constraints and indexes (:meth:`ensure_schema`).
        """

    @abstractmethod
    def ensure_schema(self) -> None:
        """Create the uniqueness constraints and indexes on ``uid`` if they are missing."""

    @abstractmethod
    def close(self) -> None:
        """Release the connection."""

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
