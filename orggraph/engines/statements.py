"""The write statements of a push, shared by Neo4j and FalkorDB.

Built from the nodes and edges of :func:`orggraph.loaders.graph.graph_parts` (those of
:func:`orggraph.loaders.graph.to_networkx`, without building the graph): nodes are grouped by their
set of labels and relationships by (type, source label, target label), and each group becomes one
statement ``UNWIND $rows AS row ...`` run in batches. Only labels, relationship types and property
names from the allow-lists below are ever put into the query text; every value (names, titles, ids)
travels as a parameter.

Nodes and relationships are CREATEd: a push first deletes the city's (or scenario's) previous
subgraph (or starts from an empty graph), so none of them exists yet; the uniqueness constraint on
``uid`` refuses a node written twice, and MERGE would wrongly fold two portfolio items of one person
with the same domain into one relationship. Relationships find their ends by primary label and
``uid``, which the schema indexes.

>>> delete_statement()[:40]
'MATCH (n) WHERE n.city = $city AND coale'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from orggraph.engines.derived import DERIVED
from orggraph.engines.schema import PRIMARY_LABELS
from orggraph.loaders.graph import label_of_kind
from orggraph.schemas import dataset as model
from orggraph.schemas.enums import UnitKind

__all__ = [
    "KIND_LABELS",
    "PROPERTY_NAMES",
    "RELATIONSHIP_TYPES",
    "Statement",
    "delete_statement",
    "node_statements",
    "outside_statement",
    "owns_statement",
    "relationship_statements",
    "scope_params",
]

#: The labels of unit kinds (``Service``, ``StrategicCell``, ...).
KIND_LABELS = tuple(label_of_kind(kind.value) for kind in UnitKind)
#: Relationship types of docs/design.md §2.
RELATIONSHIP_TYPES = ("PART_OF", "OF", "WORKS_ON", "LEADS", "CONTRIBUTES_TO", "ADDRESSES",
                      "COVERS", "PARTNERS_IN", "RELATES_TO", "HOLDS", "STEERS", "HEADS",
                      "MEMBER_OF", "SPONSORS")
_ALLOWED_LABELS = frozenset(PRIMARY_LABELS) | frozenset(KIND_LABELS)
_ALLOWED_TYPES = frozenset(RELATIONSHIP_TYPES)
_PROPERTY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
#: Property names a statement may hold: the fields of the dataset's models, the graph's own
#: (``uid``, ``city``, ``scenario``) and the derived ones.
PROPERTY_NAMES = frozenset().union(*(m.model_fields for m in (
    model.City, model.CityInfo, model.Domain, model.Unit, model.Body, model.Person,
    model.PortfolioItem, model.Challenge, model.Programme, model.PartnerRole, model.Partner,
    model.Relation))) | {"uid", "city", "scenario"} | DERIVED
_SCOPE = "n.city = $city AND coalesce(n.scenario, '') = $scenario"


@dataclass
class Statement:
    """One parameterised statement and the rows it is run with, ``$rows`` a batch at a time."""

    query: str
    rows: list[Any] = field(default_factory=list)

    def batches(self, size: int) -> Iterator[list[Any]]:
        """Yield the rows in slices of at most ``size``."""
        for start in range(0, len(self.rows), size):
            yield self.rows[start:start + size]


def scope_params(city: str, scenario: str | None) -> dict[str, str]:
    """Return the parameters that select one city's (or scenario's) subgraph.

    >>> scope_params("gent", None)
    {'city': 'gent', 'scenario': ''}
    """
    return {"city": city, "scenario": scenario or ""}


def delete_statement() -> str:
    """Return the statement deleting every node (and its relationships) of one city or scenario."""
    return f"MATCH (n) WHERE {_SCOPE} DETACH DELETE n"


def outside_statement() -> str:
    """Return the statement finding a node that is not of one city or scenario (one at most).

    >>> outside_statement()[:45]
    'MATCH (n) WHERE NOT (n.city = $city AND coale'
    """
    return f"MATCH (n) WHERE NOT ({_SCOPE}) RETURN n.uid AS uid LIMIT 1"


def _primary(labels: set[str]) -> str:
    found = [label for label in PRIMARY_LABELS if label in labels]
    if len(found) != 1:
        raise ValueError(f"a node needs exactly one primary label, not {sorted(labels)}")
    return found[0]


def _label_text(labels: set[str]) -> str:
    unknown = labels - _ALLOWED_LABELS
    if unknown:
        raise ValueError(f"label not allowed in a statement: {sorted(unknown)}")
    primary = _primary(labels)
    return ":".join([primary, *sorted(labels - {primary})])


Nodes = Mapping[str, Mapping[str, Any]]
Edges = Iterable[tuple[str, str, Mapping[str, Any]]]


def _properties_text(keys: Iterable[str], first: int) -> str:
    """Return ``{k: row[first], ...}``: property names from :data:`PROPERTY_NAMES`, never data
    (checked), the values read by position from the row."""
    parts = []
    for i, key in enumerate(keys, start=first):
        if key not in PROPERTY_NAMES or not _PROPERTY.match(key):
            raise ValueError(f"property name not allowed in a statement: {key!r}")
        parts.append(f"{key}: row[{i}]")
    return "{" + ", ".join(parts) + "}"


def _as_lists(dicts: list[dict[str, Any]], keys: Iterable[str]) -> list[list[Any]]:
    """One list per dict, its values in the order of ``keys`` (None where it has none)."""
    order = list(keys)
    return [[d.get(k) for k in order] for d in dicts]


def node_statements(nodes: Nodes, extra: Mapping[str, Mapping[str, Any]]) -> list[Statement]:
    """Return one CREATE statement per set of labels, with a row per node.

    ``nodes`` maps each uid to its attributes, in order (as :func:`graph_parts` gives them);
    ``extra`` maps a uid to derived properties to write too; every node gets ``seq``. A row is
    the list of the node's property values, in the order of the statement's property map; a
    property the node has not is null there, which CREATE does not store.

    >>> (city,) = node_statements({"c:x": {"labels": {"City"}, "uid": "c:x", "name": "X"}}, {})
    >>> city.query
    'UNWIND $rows AS row CREATE (n:City {uid: row[0], name: row[1], seq: row[2]})'
    >>> city.rows
    [['c:x', 'X', 0]]
    """
    groups: dict[frozenset[str], list[dict[str, Any]]] = {}
    keys: dict[frozenset[str], dict[str, None]] = {}
    no_extra: Mapping[str, Any] = {}
    for seq, (node, data) in enumerate(nodes.items()):
        labels = frozenset(data["labels"])
        group = groups.get(labels)
        if group is None:
            group = groups[labels] = []
            keys[labels] = {}
        props = dict(data)  # the graph's attributes hold no None (it means "absent")
        del props["labels"]
        props.update(extra.get(node, no_extra))
        props["seq"] = seq
        group.append(props)
        keys[labels].update(dict.fromkeys(props))
    # All labels and properties go into the CREATE pattern: adding labels afterwards with SET is
    # several times slower on FalkorDB, and positions in a list cost the server less to read than
    # a map per row. CREATE, not MERGE: the push deleted the city's previous nodes first (or
    # writes a fresh graph), and the uniqueness constraint on uid refuses a node written twice.
    return [Statement(f"UNWIND $rows AS row CREATE (n:{_label_text(set(labels))} "
                      f"{_properties_text(keys[labels], 0)})", _as_lists(group, keys[labels]))
            for labels, group in groups.items()]


def owns_statement(rows: list[dict[str, str]]) -> Statement:
    """Return the statement writing the derived ``OWNS`` relationships (member → service).

    >>> owns_statement([{"source": "c:a", "target": "c:s"}]).rows
    [['c:a', 'c:s']]
    """
    return Statement("UNWIND $rows AS row MATCH (a:Person {uid: row[0]}) "
                     "MATCH (s:Unit {uid: row[1]}) CREATE (a)-[:OWNS]->(s)",
                     [[row["source"], row["target"]] for row in rows])


def relationship_statements(nodes: Nodes, edges: Edges) -> list[Statement]:
    """Return one CREATE statement per (type, source label, target label), rows in edge order.

    A row is ``[source uid, target uid, *property values]``, the properties (``seq`` among them)
    in the order of the statement's property map.

    >>> nodes = {"c:a": {"labels": {"Unit"}}, "c:b": {"labels": {"Unit"}}}
    >>> (statement,) = relationship_statements(nodes, [("c:a", "c:b", {"type": "PART_OF"})])
    >>> statement.query[-41:]
    'CREATE (a)-[r:PART_OF {seq: row[2]}]->(b)'
    >>> statement.rows
    [['c:a', 'c:b', 0]]
    """
    primary: dict[str, str] = {}
    by_labels: dict[frozenset[str], str] = {}
    for node, data in nodes.items():
        labels = frozenset(data["labels"])
        found = by_labels.get(labels)
        if found is None:
            found = by_labels[labels] = _primary(set(labels))
        primary[node] = found
    groups: dict[tuple[str, str, str], list[tuple[str, str, Mapping[str, Any], int]]] = {}
    keys: dict[tuple[str, str, str], dict[str, None]] = {}
    for seq, (source, target, data) in enumerate(edges):
        kind = data["type"]
        if source not in primary or target not in primary:
            raise ValueError(f"a relationship {kind} joins {source} and {target}, "
                             "and one of them is not a node")
        key = (kind, primary[source], primary[target])
        group = groups.get(key)
        if group is None:
            if kind not in _ALLOWED_TYPES:
                raise ValueError(f"relationship type not allowed in a statement: {kind}")
            group = groups[key] = []
            keys[key] = {}
        group.append((source, target, data, seq))
        if len(data) > 1:  # more than its type
            keys[key].update(dict.fromkeys(data))
    statements = []
    for key, group in groups.items():
        kind, source_label, target_label = key
        order = [k for k in keys[key] if k != "type"]
        rows = [[source, target, *[data.get(k) for k in order], seq]
                for source, target, data, seq in group] if order else \
            [[source, target, seq] for source, target, _, seq in group]
        statements.append(Statement(
            f"UNWIND $rows AS row MATCH (a:{source_label} {{uid: row[0]}}) "
            f"MATCH (b:{target_label} {{uid: row[1]}}) "
            f"CREATE (a)-[r:{kind} {_properties_text([*order, 'seq'], 2)}]->(b)", rows))
    return statements
