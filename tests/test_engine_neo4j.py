"""Neo4j: how the engine uses the driver (shape checks), and live tests against a real server.

The unit tests hand the engine a recording stand-in for the driver: they check that a push is
one explicit transaction, that a failure rolls it back, and that queries open read sessions. The
live tests (marker ``neo4j``) run push, read back and the whole query library on the server at
``ORGGRAPH_NEO4J_TEST_URI``, each inside a scenario of its own that is deleted afterwards.
"""

from __future__ import annotations

import math
import os
import uuid

import neo4j
import pytest

from orggraph.engines import push, read_city
from orggraph.engines.neo4j import Neo4jEngine
from orggraph.engines.statements import delete_statement, scope_params
from orggraph.errors import BackendUnavailable
from orggraph.examples import load_example
from orggraph.loaders.graph import from_networkx, to_networkx
from orggraph.queries import METRIC_KEYS, metrics
from orggraph.queries.library import library


class _Answer(list):
    def keys(self):
        return []


class _Tx:
    def __init__(self, log, fail_on=None):
        self.log, self.fail_on = log, fail_on

    def run(self, query, params=None):
        self.log.append(("run", query))
        if self.fail_on and self.fail_on in query:
            raise RuntimeError("injected")
        return _Answer()

    def commit(self):
        self.log.append(("commit",))

    def rollback(self):
        self.log.append(("rollback",))


class _Session:
    def __init__(self, log, mode, fail_on):
        self.log, self.mode, self.fail_on = log, mode, fail_on

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.log.append(("close",))

    def begin_transaction(self):
        self.log.append(("begin", self.mode))
        return _Tx(self.log, self.fail_on)

    def execute_read(self, work):
        self.log.append(("execute_read", self.mode))
        return work(_Tx(self.log))

    def execute_write(self, work):
        self.log.append(("execute_write", self.mode))
        return work(_Tx(self.log))


class _Driver:
    def __init__(self, fail_on=None):
        self.log, self.fail_on = [], fail_on

    def verify_connectivity(self):
        self.log.append(("verify",))

    def session(self, database=None, default_access_mode=None):
        self.log.append(("session", database, default_access_mode))
        return _Session(self.log, default_access_mode, self.fail_on)


def _engine(driver):
    return Neo4jEngine("bolt://db:7687", driver=driver, database="cities")


def test_a_push_is_one_transaction(tiny):
    driver = _Driver()
    push(_engine(driver), tiny, batch_size=5)
    begins = [e for e in driver.log if e[0] == "begin"]
    assert begins == [("begin", neo4j.WRITE_ACCESS)]
    start = driver.log.index(begins[0])
    inside = driver.log[start + 1:]
    runs = [e for e in inside if e[0] == "run"]
    assert runs[0][1] == delete_statement()
    assert all(q.startswith("UNWIND $rows") for _, q in runs[1:])
    assert inside[len(runs)] == ("commit",)
    # Every session names the database.
    assert all(e[1] == "cities" for e in driver.log if e[0] == "session")


def test_a_failing_push_rolls_back_and_never_commits(tiny):
    driver = _Driver(fail_on=":HOLDS")
    with pytest.raises(RuntimeError):
        push(_engine(driver), tiny)
    events = [e[0] for e in driver.log]
    assert "rollback" in events and "commit" not in events


def test_analyst_queries_open_read_sessions():
    driver = _Driver()
    _engine(driver).run(library()["n_units"].text, {"city": "tiny"})
    assert ("session", "cities", neo4j.READ_ACCESS) in driver.log
    assert ("execute_read", neo4j.READ_ACCESS) in driver.log
    assert not any(e[0] == "execute_write" for e in driver.log)


def test_write_queries_open_write_sessions():
    driver = _Driver()
    _engine(driver).run("CREATE (n:Note)", write=True)
    assert ("execute_write", neo4j.WRITE_ACCESS) in driver.log


def test_an_unreachable_server_names_the_address_not_the_password():
    with Neo4jEngine("bolt://127.0.0.1:1", "neo4j", "s3cret-pw") as engine, \
            pytest.raises(BackendUnavailable) as caught:
        engine.run("RETURN 1")
    assert "bolt://127.0.0.1:1" in str(caught.value)
    assert "s3cret-pw" not in str(caught.value)
    assert caught.value.exit_code == 3


# -- live tests -----------------------------------------------------------------------------

@pytest.fixture
def neo4j_live():
    uri = os.environ.get("ORGGRAPH_NEO4J_TEST_URI")
    if not uri:
        pytest.skip("set ORGGRAPH_NEO4J_TEST_URI to run the Neo4j live tests")
    engine = Neo4jEngine(uri, os.environ.get("ORGGRAPH_NEO4J_TEST_USER", "neo4j"),
                         os.environ.get("ORGGRAPH_NEO4J_TEST_PASSWORD"),
                         database=os.environ.get("ORGGRAPH_NEO4J_TEST_DATABASE"))
    scenario = f"test{uuid.uuid4().hex[:8]}"
    yield engine, scenario
    for name in ("tiny", "gent"):
        engine.run(delete_statement(), scope_params(name, scenario), write=True)
    engine.close()


@pytest.mark.neo4j
def test_live_push_read_back_and_repush(neo4j_live, tiny):
    engine, scenario = neo4j_live
    push(engine, tiny, scenario)
    assert read_city(engine, "tiny", scenario) == from_networkx(to_networkx(tiny))
    push(engine, tiny, scenario)
    count = engine.run("MATCH (n) WHERE n.scenario = $s RETURN count(n) AS c",
                       {"s": scenario}).rows
    assert count == [[to_networkx(tiny).number_of_nodes()]]


@pytest.mark.neo4j
def test_live_library_and_metrics(neo4j_live):
    engine, scenario = neo4j_live
    gent = load_example("gent")
    push(engine, gent, scenario)
    params = {"city": f"gent@{scenario}", "from": "dienst-wonen", "to": "jeugddienst"}
    for query in library().values():
        engine.run(query.text, {p: params[p] for p in query.parameters})
    expected = metrics(gent).metrics
    for key in METRIC_KEYS:
        ((value,),) = engine.run(library()[key].text, {"city": params["city"]}).rows
        if expected[key] is None:
            assert value is None
        else:
            assert math.isclose(value, expected[key], rel_tol=1e-9, abs_tol=1e-12), key
