"""FalkorDB through its native client: a user's server or the private local one.

FalkorDB has no client transactions, so :meth:`FalkorDBEngine.write_unit` works on a copy: it
copies the graph (``GRAPH.COPY``), writes to the copy and, when every statement succeeded, renames
the copy over the original in one atomic ``RENAME``; on any error it drops the copy and the original
was never touched. A push replacing the only city of a graph starts from an empty copy instead.
Pushes to one server take turns (:mod:`orggraph.engines.push_lock`), and a push first drops the
copies that a killed push left behind. Writes made to the original by other means while a push
runs are lost.

Read-only queries go through ``GRAPH.RO_QUERY``, which the server refuses for anything that writes.
"""

from __future__ import annotations

import uuid
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import redis
from falkordb import FalkorDB

from orggraph.engines.base import DEFAULT_TIMEOUT, Engine, Result, WriteUnit
from orggraph.engines.params_text import params_header
from orggraph.engines.push_lock import PushLock
from orggraph.engines.schema import falkordb_schema
from orggraph.errors import BackendUnavailable, QueryError

__all__ = ["DEFAULT_GRAPH", "FalkorDBEngine"]

#: The graph (a FalkorDB key) that holds every pushed city unless ``--database`` names another.
DEFAULT_GRAPH = "orggraph"
_TEMP_MARK = "__orggraph_push_"


def _message(error: redis.ResponseError) -> str:
    text = str(error)
    if "RO_QUERY" in text and "read-only" in text:
        return ("this query would change the graph, and queries are read-only by default; "
                "add --write to allow it")
    return text.removeprefix("errMsg: ")


class _Unit(WriteUnit):
    def __init__(self, engine: FalkorDBEngine, graph: str, lock: PushLock):
        self._engine = engine
        self._graph = graph
        self._lock = lock

    def run(self, query: str, params: Mapping[str, Any] | None = None) -> Result:
        result = self._engine._query(self._graph, query, params, write=True)
        self._lock.renew()
        return result

    def run_batches(self, query: str, batches: Iterable[Sequence[Any]]) -> Iterator[int]:
        """Send each batch before reading the answer to the one before: the server runs a
        connection's queries in turn, and the next one is written while it works."""
        engine = self._engine
        pool = engine._redis.connection_pool
        # A connection of its own, with the pool's settings: it may hold an unread answer.
        connection = pool.connection_class(**pool.connection_kwargs)
        pending: deque[int] = deque()
        try:
            for batch in batches:
                connection.send_command("GRAPH.QUERY", self._graph,
                                        params_header({"rows": batch}) + query, "--compact")
                pending.append(len(batch))
                if len(pending) > 1:
                    self._answer(connection, query)
                    yield pending.popleft()
            while pending:
                self._answer(connection, query)
                yield pending.popleft()
        except (redis.ConnectionError, redis.TimeoutError, redis.AuthenticationError) as error:
            raise engine._unreachable(error) from None
        finally:
            connection.disconnect()

    def _answer(self, connection: redis.connection.AbstractConnection, query: str) -> None:
        try:
            answer = connection.read_response()
        except redis.ResponseError as error:
            raise QueryError(f"{_message(error)}\nin the query:\n{query}") from None
        if isinstance(answer, list) and answer and isinstance(answer[-1], redis.ResponseError):
            raise QueryError(f"{_message(answer[-1])}\nin the query:\n{query}")
        self._lock.renew()


class FalkorDBEngine(Engine):
    """A FalkorDB server reached with the native client (Redis protocol).

    Parameters: ``host``, ``port``, ``username``, ``password``, ``graph`` (the graph key, by
    default ``orggraph``), or ``unix_socket_path`` instead of host and port for the local engine
    service. The password is kept for the connection and never shown.
    """

    name = "falkordb"

    def __init__(self, host: str = "127.0.0.1", port: int = 6379, *,
                 username: str | None = None, password: str | None = None,
                 graph: str | None = None, timeout: float = DEFAULT_TIMEOUT,
                 unix_socket_path: str | None = None):
        self.graph = graph or DEFAULT_GRAPH
        self.location = f"the local engine ({unix_socket_path})" if unix_socket_path \
            else f"falkordb://{host}:{port}"
        try:
            # The client asks the server about itself on construction: it connects here.
            self._db = FalkorDB(host=host, port=port, username=username, password=password,
                                socket_connect_timeout=min(timeout, 5.0),
                                socket_timeout=timeout, unix_socket_path=unix_socket_path)
        except redis.RedisError as error:
            raise self._unreachable(error) from None
        self._redis = self._db.connection

    # -- connection -------------------------------------------------------------------------
    def _unreachable(self, error: Exception) -> BackendUnavailable:
        detail = str(error).split("\n")[0]
        return BackendUnavailable(
            f"cannot reach FalkorDB at {self.location} ({detail}); check that the server runs "
            "and the address, or use `orggraph cypher --data PATH` for a private local engine")

    def _command(self, *args: Any) -> Any:
        try:
            return self._redis.execute_command(*args)
        except (redis.ConnectionError, redis.TimeoutError) as error:
            raise self._unreachable(error) from None

    def _query(self, graph: str, query: str, params: Mapping[str, Any] | None,
               *, write: bool) -> Result:
        g = self._db.select_graph(graph)
        # The parameters travel as literals in a header the server reads apart from the query.
        text = params_header(params or {}) + query
        try:
            answer = g.query(text) if write else g.ro_query(text)
        except (redis.ConnectionError, redis.TimeoutError, redis.AuthenticationError) as error:
            raise self._unreachable(error) from None
        except redis.ResponseError as error:
            raise QueryError(f"{_message(error)}\nin the query:\n{query}") from None
        columns = [str(name) for _, name in (answer.header or [])]
        return Result(columns=columns, rows=[list(row) for row in answer.result_set or []])

    def run(self, query: str, params: Mapping[str, Any] | None = None, *,
            write: bool = False) -> Result:
        """Run ``query`` on the graph, through ``GRAPH.RO_QUERY`` unless ``write`` is true."""
        if not write and not self.exists():
            raise QueryError(f"the graph '{self.graph}' on {self.location} is empty: nothing has "
                             "been pushed to it yet; push a city first (orggraph push PATH)")
        return self._query(self.graph, query, params, write=write)

    def exists(self, graph: str | None = None) -> bool:
        """Return whether the graph key exists on the server."""
        return bool(self._command("EXISTS", graph or self.graph))

    # -- schema and writes --------------------------------------------------------------------
    def ensure_schema(self, graph: str | None = None) -> None:
        """Create the ``uid`` indexes and uniqueness constraints that are missing."""
        target = graph or self.graph
        g = self._db.select_graph(target)
        have_index = {row[0] for row in self._query(
            target, "CALL db.indexes() YIELD label RETURN label", None, write=True).rows} \
            if self.exists(target) else set()
        have_constraint = {row[1] for row in self._query(
            target, "CALL db.constraints()", None, write=True).rows} \
            if self.exists(target) else set()
        for label, index_query in falkordb_schema():
            if label not in have_index:
                self._query(target, index_query, None, write=True)
            if label not in have_constraint:
                try:
                    g.create_node_unique_constraint(label, "uid")
                except redis.ResponseError as error:
                    raise QueryError(f"cannot create the uniqueness constraint on {label}.uid: "
                                     f"{_message(error)}") from None

    @contextmanager
    def write_unit(self, replace: Mapping[str, str] | None = None) -> Iterator[WriteUnit]:
        """Write to a copy of the graph and rename it over the original when all went well.

        Holds the server's push lock throughout, so that concurrent pushes take turns; the copy
        gets the ``uid`` indexes and constraints it lacks under that lock too. When the
        graph holds nothing but the subgraph ``replace`` selects and orggraph's own indexes and
        constraints, the copy starts empty instead: copying what is then deleted at once is
        most of the time of pushing a city again.
        """
        try:
            lock = PushLock(self._redis, self.location)
            with lock.held():
                self._drop_stale_copies()
                yield from self._write_copy(lock, replace)
        except (redis.ConnectionError, redis.TimeoutError) as error:
            raise self._unreachable(error) from None

    def _write_copy(self, lock: PushLock, replace: Mapping[str, str] | None
                    ) -> Iterator[WriteUnit]:
        temp = f"{self.graph}{_TEMP_MARK}{uuid.uuid4().hex[:12]}"
        copied = self.exists() and not (replace is not None and self._only(replace))
        if copied:
            self._command("GRAPH.COPY", self.graph, temp)
        # Under the lock: two pushes checking and creating indexes at once would collide.
        self.ensure_schema(temp)
        try:
            unit = _Unit(self, temp, lock)
            if copied and replace is not None:
                from orggraph.engines.statements import delete_statement  # needs the loaders

                unit.run(delete_statement(), replace)
            yield unit
        except BaseException:
            self._drop(temp)
            raise
        try:
            self._command("RENAME", temp, self.graph)
        except BaseException:
            self._drop(temp)
            raise

    def _only(self, scope: Mapping[str, str]) -> bool:
        """Whether the graph holds only the nodes of ``scope`` and orggraph's own schema."""
        from orggraph.engines.statements import outside_statement  # needs the loaders

        if self._query(self.graph, outside_statement(), scope, write=False).rows:
            return False
        ours = {(label, ("uid",)) for label, _ in falkordb_schema()}
        indexes = self._query(self.graph, "CALL db.indexes() YIELD label, properties, types, "
                              "entitytype RETURN label, properties, types, entitytype",
                              None, write=True).rows
        constraints = self._query(self.graph, "CALL db.constraints() YIELD type, label, "
                                  "properties, entitytype RETURN type, label, properties, "
                                  "entitytype", None, write=True).rows
        return all((label, tuple(props)) in ours and dict(types) == {"uid": ["RANGE"]}
                   and kind == "NODE" for label, props, types, kind in indexes) and \
            all(kind == "UNIQUE" and (label, tuple(props)) in ours and entity == "NODE"
                for kind, label, props, entity in constraints)

    def _drop_stale_copies(self) -> None:
        """Drop the copies that killed pushes left (only called while holding the push lock, so
        no running push owns one)."""
        for key in list(self._redis.scan_iter(match=f"*{_TEMP_MARK}*", count=1000)):
            self._drop(key.decode() if isinstance(key, bytes) else key)

    def _drop(self, graph: str) -> None:
        try:
            self._redis.execute_command("GRAPH.DELETE", graph)
        except redis.RedisError:
            # The copy may be gone already or the server down; the original is untouched either way.
            pass

    def close(self) -> None:
        """Close the connection pool."""
        self._redis.close()
