"""Push, read back and query on a real local FalkorDB (docs/design.md §6)."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orggraph.core import Core
from orggraph.engines import push, read_city
from orggraph.engines.base import Engine, WriteUnit
from orggraph.errors import QueryError
from orggraph.examples import CITY_EXAMPLES, load_example
from orggraph.loaders.graph import from_networkx, to_networkx
from orggraph.queries.library import library

pytestmark = pytest.mark.falkordb


def dump(engine: Engine) -> tuple[list, list]:
    """Return every node and relationship of the graph, sorted, to compare whole graphs."""
    if not engine.exists():
        return [], []
    nodes = engine.run("MATCH (n) RETURN labels(n) AS l, properties(n) AS p").rows
    rels = engine.run("MATCH (a)-[r]->(b) RETURN a.uid, type(r), properties(r), b.uid").rows
    return (sorted(repr((sorted(labels), sorted(dict(props).items()))) for labels, props in nodes),
            sorted(repr((a, t, sorted(dict(p).items()), b)) for a, t, p, b in rels))


def same_city(a, b) -> bool:
    """Whether two cities have the same graph (list order aside, as in to_networkx)."""
    return nx.utils.graphs_equal(to_networkx(a), to_networkx(b))


@pytest.mark.parametrize("name", ["tiny", "tiny-dir", *CITY_EXAMPLES])
def test_push_then_read_back_gives_the_same_city(falkordb, name):
    city = load_example(name)
    summary = push(falkordb, city)
    back = read_city(falkordb, city.id)
    assert same_city(back, city)
    # Exactly what the NetworkX round trip gives, list order included.
    assert back == from_networkx(to_networkx(city))
    g = to_networkx(city)
    # The dataset's relationships, plus one derived OWNS per (service, owner) pair.
    owns = sum(len(o) for o in Core(city).owners.values())
    assert (summary.nodes, summary.relationships) == (g.number_of_nodes(),
                                                      g.number_of_edges() + owns)


def test_pushing_twice_changes_nothing(falkordb, tiny):
    push(falkordb, tiny)
    first = dump(falkordb)
    push(falkordb, tiny)
    assert dump(falkordb) == first


def test_pushing_city_b_leaves_city_a_intact(falkordb, tiny):
    push(falkordb, tiny)
    before = dump(falkordb)
    gent = load_example("gent")
    push(falkordb, gent)
    push(falkordb, gent)
    assert read_city(falkordb, "tiny") == from_networkx(to_networkx(tiny))
    nodes, _ = dump(falkordb)
    assert set(before[0]) <= set(nodes)


def test_a_scenario_lives_next_to_its_base_city(falkordb, tiny):
    push(falkordb, tiny)
    push(falkordb, tiny, scenario="bundles")
    assert same_city(read_city(falkordb, "tiny", "bundles"), tiny)
    assert same_city(read_city(falkordb, "tiny"), tiny)
    count = library()["n_units"].text
    # $city selects the base city or, as <city>@<scenario>, the scenario: never both.
    assert falkordb.run(count, {"city": "tiny"}).rows == [[len(tiny.units)]]
    assert falkordb.run(count, {"city": "tiny@bundles"}).rows == [[len(tiny.units)]]


class _FailingUnit(WriteUnit):
    def __init__(self, inner: WriteUnit, fail_at: int):
        self.inner, self.fail_at, self.calls = inner, fail_at, 0

    def run(self, query, params=None):
        self.calls += 1
        result = self.inner.run(query, params)
        if self.calls == self.fail_at:
            raise RuntimeError("injected failure after this statement")
        return result


class _FailingEngine:
    """Wraps a real engine; its write unit fails after the ``fail_at``-th statement."""

    def __init__(self, engine: Engine, fail_at: int):
        self.engine, self.fail_at = engine, fail_at

    def __getattr__(self, name):
        return getattr(self.engine, name)

    def write_unit(self, replace=None):
        from contextlib import contextmanager

        @contextmanager
        def unit():
            with self.engine.write_unit(replace=replace) as inner:
                yield _FailingUnit(inner, self.fail_at)

        return unit()


def _statement_count(city, batch_size):
    from orggraph.engines.push import plan

    nodes, rels = plan(city)
    # The unit removes the previous version itself, before any statement runs through it.
    return sum(len(list(s.batches(batch_size))) for s in nodes + rels)


@pytest.mark.parametrize("first_push", [False, True])
def test_a_push_failing_in_its_last_batch_leaves_the_graph_as_before(falkordb, tiny, first_push):
    gent = load_example("gent")
    if first_push:
        push(falkordb, gent)
    before = dump(falkordb)
    last = _statement_count(tiny, 7)
    with pytest.raises(RuntimeError, match="injected"):
        push(_FailingEngine(falkordb, last), tiny, batch_size=7)
    assert dump(falkordb) == before
    # No copy is left behind either.
    keys = falkordb._command("KEYS", "*")
    assert not [k for k in keys if "__orggraph_push_" in k]


def test_a_failing_repush_keeps_the_old_version_of_the_city(falkordb, tiny):
    push(falkordb, tiny)
    before = dump(falkordb)
    with pytest.raises(RuntimeError):
        push(_FailingEngine(falkordb, _statement_count(tiny, 5)), tiny, batch_size=5)
    assert dump(falkordb) == before


def _example_params(query, city):
    # Two Gent units linked through the poverty programme and the child-friendly city programme.
    values = {"city": city.id, "from": "dienst-wonen", "to": "jeugddienst"}
    return {p: values[p] for p in query.parameters}


@pytest.mark.parametrize("name", sorted(library()))
def test_every_library_query_runs(falkordb_examples, name):
    gent = load_example("gent")
    query = library()[name]
    result = falkordb_examples.run(query.text, _example_params(query, gent))
    assert result.columns
    assert result.rows, "every library query finds something in the Gent example"


def test_queries_are_read_only_unless_asked(falkordb, tiny):
    push(falkordb, tiny)
    before = dump(falkordb)
    with pytest.raises(QueryError, match="--write"):
        falkordb.run("MATCH (u:Unit) SET u.name = 'x'")
    assert dump(falkordb) == before
    falkordb.run("MATCH (u:Unit {uid: $uid}) SET u.note = 'x'", {"uid": "tiny:stad"}, write=True)
    assert dump(falkordb) != before


def test_bad_cypher_is_a_query_error_showing_the_query(falkordb, tiny):
    push(falkordb, tiny)
    with pytest.raises(QueryError) as caught:
        falkordb.run("MATCH (n RETURN n")
    assert "MATCH (n RETURN n" in str(caught.value)


def test_reading_an_empty_graph_says_to_push_first(falkordb):
    with pytest.raises(QueryError, match="push"):
        falkordb.run("MATCH (n) RETURN n")


HOSTILE = ["O'Brien \"quoted\"", "back\\slash\\", "two\nlines", "MATCH (n) DETACH DELETE n",
           "}) RETURN 1 //", "${city}", "Dienst Économie — ‘ß’ 🚲", "'; DROP GRAPH orggraph; '"]


def _with_names(city, names):
    data = city.model_copy(deep=True)
    for unit, name in zip(data.units, names, strict=False):
        unit.name = name
    if data.people and data.people[0].portfolio:
        data.people[0].portfolio[0].title = names[0]
    return data


def test_names_with_quotes_backslashes_newlines_and_keywords_come_back_intact(falkordb, tiny):
    city = _with_names(tiny, HOSTILE)
    push(falkordb, city)
    assert read_city(falkordb, city.id) == from_networkx(to_networkx(city))
    rows = falkordb.run("MATCH (u:Unit) WHERE u.name IN $names RETURN u.name",
                        {"names": HOSTILE}).rows
    assert sorted(r[0] for r in rows) == sorted(HOSTILE)


# Validation refuses control characters in names (but tab and newline), and lone surrogates
# cannot be written in a UTF-8 data file, so the alphabet leaves both out.
NAME_CHARS = st.characters(exclude_categories=("Cc", "Cs"), include_characters="\t\n")


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(st.text(NAME_CHARS, min_size=1, max_size=40).filter(str.strip),
                      min_size=1, max_size=5))
def test_any_text_as_a_name_round_trips(falkordb, tiny, names):
    city = _with_names(tiny, names)
    push(falkordb, city)
    assert read_city(falkordb, city.id) == from_networkx(to_networkx(city))
