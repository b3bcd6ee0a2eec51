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

from orggraph.engines.address import hide_secrets, mask_uri
from orggraph.engines.base import DEFAULT_TIMEOUT, Engine
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
    try:
        parts = urlsplit(settings.uri)
        host, port = parts.hostname, parts.port
    except ValueError as error:
        # urlsplit names the fault ("Port could not be cast to integer value as 'x'") but may
        # quote the address; the address is shown masked instead.
        raise UsageError(f"cannot read the address {mask_uri(settings.uri)}: "
                         f"{hide_secrets(str(error), settings.uri, settings.password)}. Write it "
                         "as scheme://host:port, for example bolt://localhost:7687") from None
    scheme = parts.scheme.lower()
    timeout = _timeout(os.environ)
    if scheme in NEO4J_SCHEMES:
        from orggraph.engines.neo4j import Neo4jEngine

        return Neo4jEngine(settings.uri, settings.user, settings.password,
                           database=settings.database, timeout=timeout)
    if scheme in FALKORDB_SCHEMES:
        from orggraph.engines.falkordb import FalkorDBEngine

        password = unquote(parts.password) if parts.password else settings.password
        user = unquote(parts.username) if parts.username else settings.user
        path_graph = parts.path.strip("/") or None
        return FalkorDBEngine(host or "127.0.0.1", port or 6379, username=user,
                              password=password, graph=settings.database or path_graph,
                              timeout=timeout)
    known = ", ".join(sorted(NEO4J_SCHEMES | FALKORDB_SCHEMES))
    raise UsageError(f"cannot tell the engine from the address {mask_uri(settings.uri)}: it "
                     f"should start with one of {known} (for example bolt://localhost:7687 or "
                     "falkordb://localhost:6379)")


def _timeout(env: Mapping[str, str]) -> float:
    """Return the engine timeout in seconds from ``ORGGRAPH_TIMEOUT`` (default 30).

    >>> _timeout({}), _timeout({"ORGGRAPH_TIMEOUT": "2.5"})
    (30.0, 2.5)
    """
    text = env.get("ORGGRAPH_TIMEOUT")
    if not text:
        return DEFAULT_TIMEOUT
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value < 86_400:
        raise UsageError(f"ORGGRAPH_TIMEOUT must be a number of seconds, not '{text}'")
    return value
