"""Open an engine from connection settings: a URI whose scheme picks the engine (docs/design.md §6).

``bolt://``, ``bolt+s://``, ``neo4j://``, ``neo4j+s://`` ... → Neo4j; ``falkordb://``,
``falkor://``, ``redis://`` → FalkorDB. Missing settings come from the environment:
``ORGGRAPH_URI``, ``ORGGRAPH_USER``, ``ORGGRAPH_PASSWORD``, ``ORGGRAPH_DATABASE``, then
``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD``.

>>> Settings(uri="bolt://db:7687", user="neo4j", password="secret").describe()
'bolt://db:7687 as neo4j'
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from orggraph.engines.address import mask_uri
from orggraph.engines.base import Engine
from orggraph.errors import UsageError

__all__ = ["FALKORDB_SCHEMES", "NEO4J_SCHEMES", "Settings", "UsageError", "connect", "mask_uri"]

NEO4J_SCHEMES = frozenset({"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"})
FALKORDB_SCHEMES = frozenset({"falkordb", "falkor", "redis"})


@dataclass(frozen=True, repr=False)
class Settings:
    """Where the engine is and how to log in; ``repr`` and :meth:`describe` hide the password."""

    uri: str | None = None
    user: str | None = None
    password: str | None = None
    database: str | None = None

    @classmethod
    def resolve(cls, uri: str | None = None, user: str | None = None,
                database: str | None = None, env: Mapping[str, str] | None = None) -> Settings:
        """Fill what was not given from the environment (ORGGRAPH_* first, then NEO4J_*)."""
        env = os.environ if env is None else env

        def pick(given: str | None, *names: str) -> str | None:
            return given or next((env[n] for n in names if env.get(n)), None)

        return cls(uri=pick(uri, "ORGGRAPH_URI", "NEO4J_URI"),
                   user=pick(user, "ORGGRAPH_USER", "NEO4J_USER"),
                   password=pick(None, "ORGGRAPH_PASSWORD", "NEO4J_PASSWORD"),
                   database=pick(database, "ORGGRAPH_DATABASE"))

    def __repr__(self) -> str:
        return f"Settings({self.describe()!r}, database={self.database!r})"

    def describe(self) -> str:
        """Return the address and user, never the password (a password in the URI is masked)."""
        text = mask_uri(self.uri or "(no address)")
        return f"{text} as {self.user}" if self.user else text


def connect(settings: Settings) -> Engine:
    """Return an engine for ``settings.uri``; the connection is checked on first use."""
    if not settings.uri:
        raise UsageError("no database address: give --uri (or set ORGGRAPH_URI)")
    parts = urlsplit(settings.uri)
    scheme = parts.scheme.lower()
    if scheme in NEO4J_SCHEMES:
        from orggraph.engines.neo4j import Neo4jEngine

        return Neo4jEngine(settings.uri, settings.user, settings.password,
                           database=settings.database)
    if scheme in FALKORDB_SCHEMES:
        from orggraph.engines.falkordb import FalkorDBEngine

        try:
            port = parts.port or 6379
        except ValueError:
            raise UsageError(f"the port in {mask_uri(settings.uri)} is not a number") from None
        password = unquote(parts.password) if parts.password else settings.password
        user = unquote(parts.username) if parts.username else settings.user
        path_graph = parts.path.strip("/") or None
        engine = FalkorDBEngine(parts.hostname or "127.0.0.1", port, username=user,
                                password=password, graph=settings.database or path_graph)
        return engine
    known = ", ".join(sorted(NEO4J_SCHEMES | FALKORDB_SCHEMES))
    raise UsageError(f"cannot tell the engine from the address {mask_uri(settings.uri)}: it "
                     f"should start with one of {known} (for example bolt://localhost:7687 or "
                     "falkordb://localhost:6379)")
