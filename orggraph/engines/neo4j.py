"""Neo4j 5 through the official ``neo4j`` driver.

Queries run in sessions on the named database: read sessions (``READ_ACCESS`` and
``execute_read``, so the server refuses any change) unless a write is asked for; a push runs in one
explicit transaction that is committed only when every statement succeeded.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import neo4j
from neo4j import exceptions as neo4j_errors

from orggraph.engines.address import hide_secrets, mask_uri
from orggraph.engines.base import DEFAULT_TIMEOUT, Engine, Result, WriteUnit
from orggraph.engines.schema import neo4j_schema
from orggraph.errors import BackendUnavailable, QueryError, UsageError

__all__ = ["Neo4jEngine"]

_ACCESS_MODE = "Neo.ClientError.Statement.AccessMode"


def _result(records: list[neo4j.Record], keys: list[str]) -> Result:
    return Result(columns=list(keys), rows=[list(record.values()) for record in records])


class _Unit(WriteUnit):
    def __init__(self, engine: Neo4jEngine, tx: neo4j.Transaction):
        self._engine = engine
        self._tx = tx

    def run(self, query: str, params: Mapping[str, Any] | None = None) -> Result:
        with self._engine._errors(query):
            answer = self._tx.run(query, dict(params or {}))
            keys = list(answer.keys())
            return _result(list(answer), keys)


class Neo4jEngine(Engine):
    """A Neo4j 5 server (``bolt://``, ``neo4j://``, ``neo4j+s://`` ...).

    Parameters: ``uri``, ``user``, ``password``, ``database`` (``None``: the server's default),
    or an existing ``driver`` (the engine then does not close it).
    """

    name = "neo4j"

    def __init__(self, uri: str, user: str | None = None, password: str | None = None, *,
                 database: str | None = None, driver: neo4j.Driver | None = None,
                 timeout: float = DEFAULT_TIMEOUT):
        self.location = mask_uri(uri)
        self.database = database
        auth = (user or "neo4j", password or "") if (user or password) else None
        self._owns_driver = driver is None
        self._checked = False
        try:
            # connection_timeout bounds the TCP connect; a server that accepts and never answers
            # is bounded by the acquisition timeout (60 s by default), and a slow answer by the
            # socket read timeout.
            self._driver = driver or neo4j.GraphDatabase.driver(
                uri, auth=auth, connection_timeout=timeout,
                connection_acquisition_timeout=timeout, max_transaction_retry_time=timeout)
        except (ValueError, neo4j_errors.ConfigurationError) as error:
            detail = hide_secrets(str(error), uri, password)
            hint = (" Give the user with --user and the password in ORGGRAPH_PASSWORD, not in "
                    "the address." if "@" in uri else "")
            raise UsageError(f"cannot use the Neo4j address {self.location}: {detail}"
                             + hint) from None

    @contextmanager
    def _errors(self, query: str) -> Iterator[None]:
        try:
            yield
        except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired) as error:
            raise BackendUnavailable(
                f"cannot reach Neo4j at {self.location} ({error}); start it with "
                "`docker compose up -d` or check the address") from None
        except neo4j_errors.AuthError:
            raise BackendUnavailable(
                f"Neo4j at {self.location} refused the user name or password; set "
                "ORGGRAPH_USER and ORGGRAPH_PASSWORD (or NEO4J_USER, NEO4J_PASSWORD)") from None
        except neo4j_errors.Neo4jError as error:
            if error.code == _ACCESS_MODE:
                text = ("this query would change the graph, and queries are read-only by "
                        "default; add --write to allow it")
            else:
                text = error.message or str(error)
            raise QueryError(f"{text}\nin the query:\n{query}") from None

    def _session(self, write: bool) -> neo4j.Session:
        if not self._checked:
            # Fail at once on an unreachable server instead of retrying for half a minute.
            self._driver.verify_connectivity()
            self._checked = True
        mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
        return self._driver.session(database=self.database, default_access_mode=mode)

    def run(self, query: str, params: Mapping[str, Any] | None = None, *,
            write: bool = False) -> Result:
        """Run ``query`` in a read session (``execute_read``) unless ``write`` is true."""
        def work(tx: neo4j.ManagedTransaction) -> Result:
            answer = tx.run(query, dict(params or {}))
            keys = list(answer.keys())
            return _result(list(answer), keys)

        with self._errors(query), self._session(write) as session:
            return session.execute_write(work) if write else session.execute_read(work)

    def ensure_schema(self) -> None:
        """Create the uniqueness constraints and indexes on ``uid`` (idempotent statements)."""
        for statement in neo4j_schema():
            self.run(statement, write=True)

    @contextmanager
    def write_unit(self, replace: Mapping[str, str] | None = None) -> Iterator[WriteUnit]:
        """Run statements in one transaction: committed at the end, rolled back on an error.

        The ``uid`` constraints and indexes are created first (idempotent statements, which Neo4j
        does not allow inside a transaction that writes data)."""
        self.ensure_schema()
        with self._errors("(commit)"), self._session(write=True) as session:
            tx = session.begin_transaction()
            try:
                unit = _Unit(self, tx)
                if replace is not None:
                    from orggraph.engines.statements import delete_statement  # needs the loaders

                    unit.run(delete_statement(), replace)
                yield unit
            except BaseException:
                tx.rollback()
                raise
            tx.commit()

    def close(self) -> None:
        """Close the driver if this engine created it."""
        if self._owns_driver:
            self._driver.close()
