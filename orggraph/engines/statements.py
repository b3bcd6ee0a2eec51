"""The write statements of a push, shared by Neo4j and FalkorDB.

Built from the nodes and edges of :func:`orggraph.loaders.graph.graph_parts` (those of
:func:`orggraph.loaders.graph.to_networkx`, without building the graph): nodes are grouped by their
set of labels and relationships by (type, source label, target label), and each group becomes one
statement ``UNWIND $rows AS row ...`` run in batches. Only labels and relationship types from the
allow-lists below are ever put into the query text; every value (names, titles, ids) travels as a
parameter.

Nodes and relationships are CREATEd: a push first deletes the city's (or scenario's) previous
subgraph (or starts from an empty graph), so none of them exists yet; the uniqueness constraint on
``uid`` refuses a node written twice, and MERGE would wrongly fold two portfolio items of one person
with the same domain into one relationship. Relationships find their ends by primary label and
``uid``, which the schema indexes.

>>> delete_statement()[:40]
'MATCH (n) WHERE n.city = $city AND coale'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from orggraph.engines.schema import PRIMARY_LABELS
from orggraph.loaders.graph import label_of_kind
from orggraph.schemas.enums import UnitKind

__all__ = [
    "KIND_LABELS",
    "RELATIONSHIP_TYPES",
    "Statement",
    "delete_statement",
    "node_statements",
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
_SCOPE = "n.city = $city AND coalesce(n.scenario, '') = $scenario"


@dataclass
class Statement:
    """One parameterised statement and the rows it is run with, ``$rows`` a batch at a time."""

    query: str
    rows: list[dict[str, Any]] = field(default_factory=list)

    def batches(self, size: int) -> Iterator[list[dict[str, Any]]]:
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


def node_statements(nodes: Nodes, extra: Mapping[str, Mapping[str, Any]]) -> list[Statement]:
    """Return one CREATE statement per set of labels, with a row per node.

    ``nodes`` maps each uid to its attributes, in order (as :func:`graph_parts` gives them);
    ``extra`` maps a uid to derived properties to write too; every node gets ``seq``.

    >>> [s.query for s in node_statements({"c:x": {"labels": {"City"}, "name": "X"}}, {})]
    ['UNWIND $rows AS row CREATE (n:City {uid: row.uid}) SET n += row.props']
    """
    groups: dict[frozenset[str], list[dict[str, Any]]] = {}
    texts: dict[frozenset[str], str] = {}
    no_extra: Mapping[str, Any] = {}
    for seq, (node, data) in enumerate(nodes.items()):
        labels = frozenset(data["labels"])
        rows = groups.get(labels)
        if rows is None:
            texts[labels] = _label_text(set(labels))
            rows = groups[labels] = []
        props = dict(data)  # the graph's attributes hold no None (it means "absent")
        del props["labels"]
        props.update(extra.get(node, no_extra))
        props["seq"] = seq
        rows.append({"uid": node, "props": props})
    # All labels go into the CREATE pattern: adding labels afterwards with SET is several times
    # slower on FalkorDB. CREATE, not MERGE: the push deleted the city's previous nodes first (or
    # writes a fresh graph), and the uniqueness constraint on uid refuses a duplicate.
    return [Statement(f"UNWIND $rows AS row CREATE (n:{texts[key]} {{uid: row.uid}}) "
                      "SET n += row.props", rows) for key, rows in groups.items()]


def owns_statement(rows: list[dict[str, str]]) -> Statement:
    """Return the statement writing the derived ``OWNS`` relationships (member → service).

    >>> owns_statement([]).query[:50]
    'UNWIND $rows AS row MATCH (a:Person {uid: row.sour'
    """
    return Statement("UNWIND $rows AS row MATCH (a:Person {uid: row.source}) "
                     "MATCH (s:Unit {uid: row.target}) CREATE (a)-[:OWNS]->(s)", list(rows))


def relationship_statements(nodes: Nodes, edges: Edges) -> list[Statement]:
    """Return one CREATE statement per (type, source label, target label), rows in edge order.

    >>> nodes = {"c:a": {"labels": {"Unit"}}, "c:b": {"labels": {"Unit"}}}
    >>> (statement,) = relationship_statements(nodes, [("c:a", "c:b", {"type": "PART_OF"})])
    >>> statement.query[-46:]
    'CREATE (a)-[r:PART_OF]->(b) SET r += row.props'
    >>> statement.rows
    [{'source': 'c:a', 'target': 'c:b', 'props': {'seq': 0}}]
    """
    primary: dict[str, str] = {}
    by_labels: dict[frozenset[str], str] = {}
    for node, data in nodes.items():
        labels = frozenset(data["labels"])
        found = by_labels.get(labels)
        if found is None:
            found = by_labels[labels] = _primary(set(labels))
        primary[node] = found
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for seq, (source, target, data) in enumerate(edges):
        kind = data["type"]
        if source not in primary or target not in primary:
            raise ValueError(f"a relationship {kind} joins {source} and {target}, "
                             "and one of them is not a node")
        key = (kind, primary[source], primary[target])
        rows = groups.get(key)
        if rows is None:
            if kind not in _ALLOWED_TYPES:
                raise ValueError(f"relationship type not allowed in a statement: {kind}")
            rows = groups[key] = []
        props = dict(data)
        del props["type"]
        props["seq"] = seq
        rows.append({"source": source, "target": target, "props": props})
    return [Statement(f"UNWIND $rows AS row MATCH (a:{source} {{uid: row.source}}) "
                      f"MATCH (b:{target} {{uid: row.target}}) "
                      f"CREATE (a)-[r:{kind}]->(b) SET r += row.props", rows)
            for (kind, source, target), rows in groups.items()]
