"""The write statements, schema, settings and query library, without a server."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orggraph.core import Core
from orggraph.engines.connect import Settings, UsageError, connect, mask_uri
from orggraph.engines.derived import DERIVED_TYPES, derived_properties
from orggraph.engines.push import plan
from orggraph.engines.schema import PRIMARY_LABELS, falkordb_schema, neo4j_schema
from orggraph.engines.statements import (
    KIND_LABELS,
    RELATIONSHIP_TYPES,
    Statement,
    node_statements,
    relationship_statements,
)
from orggraph.loaders.graph import to_networkx
from orggraph.queries import METRIC_KEYS
from orggraph.queries.library import library, parse

IDENT = re.compile(r":([A-Za-z_]+)")


def test_statements_only_interpolate_allowed_labels_and_types(tiny):
    nodes, rels = plan(tiny)
    allowed = set(PRIMARY_LABELS) | set(KIND_LABELS) | set(RELATIONSHIP_TYPES) | DERIVED_TYPES
    for statement in nodes + rels:
        assert statement.query.startswith("UNWIND $rows AS row ")
        assert set(IDENT.findall(statement.query)) <= allowed


def test_no_value_from_the_data_reaches_the_query_text(tiny):
    city = tiny.model_copy(deep=True)
    city.units[1].name = "x'}) DETACH DELETE n //"
    nodes, rels = plan(city)
    for statement in nodes + rels:
        assert "DETACH" not in statement.query
        assert tiny.id not in statement.query


@pytest.mark.parametrize("name", ["x}) DETACH DELETE n //", "colour"])
def test_a_property_name_outside_the_allow_list_never_reaches_the_query_text(name):
    nodes = {"c:a": {"labels": {"Unit"}, "uid": "c:a", name: 1},
             "c:b": {"labels": {"Unit"}, "uid": "c:b"}}
    with pytest.raises(ValueError, match="property name not allowed"):
        node_statements(nodes, {})
    with pytest.raises(ValueError, match="property name not allowed"):
        relationship_statements(nodes, [("c:a", "c:b", {"type": "PART_OF", name: 1})])


def test_one_statement_per_label_set_and_relationship_group(tiny):
    g = to_networkx(tiny)
    nodes, rels = plan(tiny)
    # Rows cover every node and relationship exactly once.
    assert sum(len(s.rows) for s in nodes) == g.number_of_nodes()
    *data_rels, owns = rels
    assert sum(len(s.rows) for s in data_rels) == g.number_of_edges()
    # The last statement writes the derived OWNS pairs: one per (service, owner) pair.
    assert ":OWNS" in owns.query
    assert len(owns.rows) == sum(len(o) for o in Core(tiny).owners.values())
    label_sets = {frozenset(d["labels"]) for _, d in g.nodes(data=True)}
    assert len(nodes) == len(label_sets)


@given(n=st.integers(0, 300), size=st.integers(1, 50))
def test_batches_cover_the_rows_in_order_and_respect_the_size(n, size):
    statement = Statement("q", [{"i": i} for i in range(n)])
    batches = list(statement.batches(size))
    assert [row for batch in batches for row in batch] == statement.rows
    assert all(1 <= len(batch) <= size for batch in batches)
    assert len(batches) == -(-n // size)


def test_derived_properties_follow_the_definitions(tiny):
    from orggraph.core import Core

    props = derived_properties(tiny)
    clusters = Core(tiny).cluster
    for unit in tiny.units:
        got = props[f"tiny:{unit.id}"]
        assert got.get("cluster") == (f"tiny:{clusters[unit.id]}" if unit.id in clusters else None)
    for person in tiny.people:
        assert props[f"tiny:{person.id}"]["is_college"] == person.in_college


def test_schema_statements_cover_every_primary_label():
    assert {label for label, _ in falkordb_schema()} == set(PRIMARY_LABELS)
    text = "\n".join(neo4j_schema())
    for label in PRIMARY_LABELS:
        assert f"FOR (n:{label}) REQUIRE n.uid IS UNIQUE" in text
    assert all("IF NOT EXISTS" in s for s in neo4j_schema())


@pytest.mark.parametrize(("uri", "engine"), [
    ("bolt://localhost:7687", "neo4j"), ("neo4j+s://x.databases.neo4j.io", "neo4j"),
    ("neo4j://db", "neo4j")])
def test_the_scheme_picks_neo4j(uri, engine):
    with connect(Settings(uri=uri)) as opened:
        assert opened.name == engine


@pytest.mark.parametrize("uri", ["http://localhost:7474", "localhost:7687", "mysql://x"])
def test_an_unknown_scheme_is_a_usage_error(uri):
    with pytest.raises(UsageError, match="bolt://"):
        connect(Settings(uri=uri))


def test_settings_come_from_the_environment_orggraph_first():
    env = {"NEO4J_URI": "bolt://n:7687", "ORGGRAPH_URI": "bolt://o:7687",
           "NEO4J_USER": "neo", "NEO4J_PASSWORD": "pw", "ORGGRAPH_DATABASE": "cities"}
    settings = Settings.resolve(env=env)
    assert (settings.uri, settings.user, settings.password, settings.database) == (
        "bolt://o:7687", "neo", "pw", "cities")
    assert Settings.resolve(uri="bolt://cli:1", env=env).uri == "bolt://cli:1"


def test_passwords_are_never_shown():
    settings = Settings(uri="redis://ann:s3cret@db:6379", user="ann", password="s3cret")
    assert "s3cret" not in repr(settings)
    assert "s3cret" not in settings.describe()
    assert mask_uri("bolt://db:7687") == "bolt://db:7687"


# -- the query library -------------------------------------------------------------------------

def test_the_library_has_every_metric_and_at_least_twelve_analyst_queries():
    names = set(library())
    assert set(METRIC_KEYS) <= names
    assert len(names - set(METRIC_KEYS)) >= 12


@pytest.mark.parametrize("name", sorted(library()))
def test_every_query_declares_what_it_uses(name):
    query = library()[name]
    assert query.description.endswith((".", "?"))
    used = set(re.findall(r"\$([A-Za-z_]+)", query.text))
    assert used == set(query.parameters)
    assert all(help_text for _, help_text in query.parameter_help)


@pytest.mark.parametrize("name", sorted(library()))
def test_every_query_sticks_to_the_portable_subset(name):
    """docs/design.md §6: no EXISTS {}, shortestPath, SHOW, CALL procedures or subqueries."""
    text = library()[name].text.upper()
    for banned in ("EXISTS {", "EXISTS{", "SHORTESTPATH", "SHOW ", "CALL ", "APOC."):
        assert banned not in text
    # FalkorDB binds STARTS WITH tighter than +: the prefix must be in parentheses.
    assert not re.search(r"STARTS WITH \$\w+ \+", text)


def test_metric_queries_return_one_column_named_after_the_metric():
    for key in METRIC_KEYS:
        assert re.search(rf"AS {key}\s*$", library()[key].text)


def test_a_library_file_without_header_is_refused():
    from orggraph.errors import OrggraphError

    with pytest.raises(OrggraphError, match="name"):
        parse("MATCH (n) RETURN n\n", "bad.cypher")
