"""What a push writes, on a real local FalkorDB: exactly the graph of the city, by every path
(fresh copy or copy of a shared graph, batched or row by row), and nothing when a batch fails."""

from __future__ import annotations

import math
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orggraph.engines import push
from orggraph.engines.derived import DERIVED, DERIVED_TYPES, derived_properties, owns_rows
from orggraph.errors import QueryError
from orggraph.examples import load_example
from orggraph.loaders.graph import to_networkx
from orggraph.schemas import dataset as model
from orggraph.synth import synthetic_city

pytestmark = pytest.mark.falkordb


def small_city() -> model.City:
    """Eight nodes, worked out by hand in the tests below."""
    return model.City(
        city=model.CityInfo(id="klein", name="Klein"),
        domains=[model.Domain(id="space", name="Ruimte"),
                 model.Domain(id="mobility", name="Mobiliteit", parent="space")],
        units=[model.Unit(id="stad", name="Stad", kind="organisation"),
               model.Unit(id="cl", name="Cluster", kind="cluster", parent="stad"),
               model.Unit(id="d1", name='Dienst "Een"', kind="service", parent="cl",
                          domains=["mobility"], fte=3.5),
               model.Unit(id="d2", name="Dienst\tTwee", kind="service", parent="cl",
                          domains=["mobility"])],
        people=[model.Person(id="an", name="An", role="alderman",
                             portfolio=[model.PortfolioItem(title="Ruimte", domain="space")])])


def nodes_of(engine, city: str) -> dict[str, tuple[frozenset, dict]]:
    rows = engine.run("MATCH (n) WHERE n.city = $city RETURN labels(n), properties(n)",
                      {"city": city}).rows
    return {props["uid"]: (frozenset(labels), dict(props)) for labels, props in rows}


def relationships_of(engine, city: str) -> Counter:
    rows = engine.run("MATCH (a)-[r]->(b) WHERE a.city = $city "
                      "RETURN a.uid, type(r), properties(r), b.uid", {"city": city}).rows
    return Counter((a, t, tuple(sorted((k, v) for k, v in dict(p).items() if k != "seq")), b)
                   for a, t, p, b in rows)


def expected_relationships(city: model.City) -> Counter:
    g = to_networkx(city)
    found = Counter((u, d["type"], tuple(sorted((k, v) for k, v in d.items() if k != "type")), v)
                    for u, v, d in g.edges(data=True))
    found.update((r["source"], "OWNS", (), r["target"]) for r in owns_rows(city))
    return found


def assert_pushed_as_graph(engine, city: model.City) -> None:
    """The pushed nodes and relationships are those of to_networkx(city), plus the derived
    properties and OWNS relationships, and ``seq`` numbers each kind of item from 0."""
    pushed = nodes_of(engine, city.id)
    g = to_networkx(city)
    extra = derived_properties(city)
    assert set(pushed) == set(g.nodes)
    for uid, (labels, props) in pushed.items():
        data = g.nodes[uid]
        assert labels == frozenset(data["labels"])
        assert {k: v for k, v in props.items() if k not in DERIVED} == \
            {k: v for k, v in data.items() if k != "labels"}
        assert {k: v for k, v in props.items() if k in DERIVED - {"seq"}} == extra.get(uid, {})
    assert sorted(props["seq"] for _, props in pushed.values()) == list(range(len(pushed)))
    assert relationships_of(engine, city.id) == expected_relationships(city)
    seqs = engine.run("MATCH (a)-[r]->() WHERE a.city = $city AND NOT type(r) IN $derived "
                      "RETURN r.seq ORDER BY r.seq",
                      {"city": city.id, "derived": sorted(DERIVED_TYPES)}).rows
    assert [s for (s,) in seqs] == list(range(g.number_of_edges()))


def test_a_small_city_is_pushed_as_worked_out_by_hand(falkordb):
    summary = push(falkordb, small_city())
    # Nodes: the city, 2 domains, 4 units, 1 person.
    # Relationships: mobility PART_OF space; stad OF klein; cl, d1, d2 PART_OF their parent;
    # d1, d2 WORKS_ON mobility; an HOLDS space; an OWNS d1 and d2 (her portfolio domain space
    # is an ancestor of their domain mobility): 1 + 1 + 3 + 2 + 1 + 2 = 10.
    assert (summary.nodes, summary.relationships) == (8, 10)
    found = falkordb.run("MATCH (a)-[r]->(b) RETURN type(r), a.id, b.id").rows
    assert sorted(tuple(row) for row in found if row[0] in ("OWNS", "HOLDS", "WORKS_ON")) == [
        ("HOLDS", "an", "space"), ("OWNS", "an", "d1"), ("OWNS", "an", "d2"),
        ("WORKS_ON", "d1", "mobility"), ("WORKS_ON", "d2", "mobility")]
    d1, d2 = (falkordb.run("MATCH (u:Unit:Service {id: $id}) RETURN properties(u)",
                           {"id": i}).rows[0][0] for i in ("d1", "d2"))
    assert (d1["name"], d1["fte"], d1["cluster"], d1["is_service"]) == (
        'Dienst "Een"', 3.5, "klein:cl", True)
    assert d2["name"] == "Dienst\tTwee" and "fte" not in d2  # absent, not stored as null
    title = falkordb.run("MATCH (:Person)-[h:HOLDS]->(:Domain) RETURN h.title").rows
    assert title == [["Ruimte"]]
    assert_pushed_as_graph(falkordb, small_city())


@pytest.mark.parametrize("city", [small_city(), load_example("gent"),
                                  synthetic_city(400, seed=5)], ids=["small", "gent", "synth"])
def test_the_pushed_graph_is_the_citys_graph(falkordb, city):
    push(falkordb, city)
    assert_pushed_as_graph(falkordb, city)


def test_row_by_row_writes_the_same_graph(falkordb):
    city = small_city()
    push(falkordb, city, batch_size=1)
    assert_pushed_as_graph(falkordb, city)


def test_a_fresh_copy_and_a_copy_of_a_shared_graph_give_the_same_city(falkordb, tiny):
    push(falkordb, tiny)
    push(falkordb, tiny)  # the graph holds only tiny: the copy starts empty
    alone = nodes_of(falkordb, "tiny"), relationships_of(falkordb, "tiny")
    push(falkordb, small_city())
    push(falkordb, tiny)  # the graph holds another city: copied, tiny deleted and rewritten
    assert (nodes_of(falkordb, "tiny"), relationships_of(falkordb, "tiny")) == alone
    assert_pushed_as_graph(falkordb, small_city())


def test_a_graph_with_an_index_of_its_own_is_copied_and_keeps_it(falkordb, tiny):
    push(falkordb, tiny)
    falkordb.run("CREATE INDEX FOR (n:Unit) ON (n.name)", write=True)
    push(falkordb, tiny)
    indexed = falkordb.run("CALL db.indexes() YIELD label, properties "
                           "RETURN label, properties", write=True).rows
    assert ["Unit", ["uid", "name"]] in indexed or ["Unit", ["name", "uid"]] in indexed
    assert_pushed_as_graph(falkordb, tiny)


def test_a_batch_refused_by_the_server_leaves_the_graph_as_it_was(falkordb, tiny):
    push(falkordb, tiny)
    before = nodes_of(falkordb, "tiny"), relationships_of(falkordb, "tiny")
    query = "UNWIND $rows AS row CREATE (n:Person {uid: row[0], city: 'x'})"
    batches = [[["x:a"], ["x:b"]], [["x:c"], ["x:a"]], [["x:d"]]]  # x:a twice: not unique
    written = []
    with pytest.raises(QueryError, match="in the query"), \
            falkordb.write_unit(replace={"city": "x", "scenario": ""}) as unit:
        written.extend(unit.run_batches(query, batches))
    assert written == [2]  # the first batch went through, in the copy only
    assert (nodes_of(falkordb, "tiny"), relationships_of(falkordb, "tiny")) == before
    assert nodes_of(falkordb, "x") == {}
    assert not [k for k in falkordb._command("KEYS", "*") if "__orggraph_push_" in k]


def test_batches_are_written_in_order_with_their_sizes(falkordb):
    query = "UNWIND $rows AS row CREATE (:Challenge {uid: row[0], n: row[1]})"
    batches = [[[f"c:{i}", i] for i in range(start, min(start + 3, 10))]
               for start in range(0, 10, 3)]
    with falkordb.write_unit() as unit:
        assert list(unit.run_batches(query, batches)) == [3, 3, 3, 1]
    got = falkordb.run("MATCH (c:Challenge) RETURN c.n ORDER BY id(c)").rows
    assert [n for (n,) in got] == list(range(10))


# NUL ends a text on the server whichever writer sends it; names never hold it (validation
# refuses control characters but tab), so it is left out.
texts = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=15)
values = st.recursive(
    st.none() | st.booleans() | st.integers(-2**53, 2**53) | texts
    | st.floats(-1e300, 1e300),  # the answer has 15 digits: the largest round up to inf
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.from_regex(r"[a-z_][a-z0-9_]{0,6}", fullmatch=True), inner,
                      max_size=3), max_leaves=12)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=values)
def test_the_server_reads_every_parameter_back_as_sent(falkordb, value):
    (back,), = falkordb.run("RETURN $v", {"v": value}, write=True).rows
    assert _same(back, value)


def _same(a, b) -> bool:
    if isinstance(b, float) and isinstance(a, float):
        return a == b or math.isclose(a, b, rel_tol=1e-14)  # 15 digits back
    if isinstance(b, list):
        return isinstance(a, list) and len(a) == len(b) and all(map(_same, a, b))
    if isinstance(b, dict):
        return dict(a).keys() == b.keys() and all(_same(dict(a)[k], b[k]) for k in b)
    return type(a) is type(b) and a == b
