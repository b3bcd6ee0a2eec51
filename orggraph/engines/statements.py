"""The write statements of a push, shared by Neo4j and FalkorDB.

Built from the graph of :func:`orggraph.loaders.graph.to_networkx`: nodes are grouped by their set
of labels and relationships by (type, source label, target label), and each group becomes one
statement ``UNWIND $rows AS row ...`` run in batches. Only labels and relationship types from the
allow-lists below are ever put into the query text; every value (names, titles, ids) travels as a
parameter.

Nodes are MERGEd on their primary label and ``uid``. Relationships are CREATEd: a push first
deletes the city's (or scenario's) previous subgraph, so none of them exists yet, and MERGE would
wrongly fold two portfolio items of one person with the same domain into one.

>>> delete_statement()[:40]
'MATCH (n) WHERE n.city = $city AND coale'
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

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


def _clean(props: dict[str, Any]) -> dict[str, Any]:
    return {k: (list(v) if isinstance(v, tuple | set) else v)
            for k, v in props.items() if v is not None and k != "labels"}


def node_statements(g: nx.MultiDiGraph, extra: dict[str, dict[str, Any]]) -> list[Statement]:
    """Return one MERGE statement per set of labels, with a row per node.

    ``extra`` maps a node uid to derived properties to write too; every node gets ``seq``.
    """
    groups: dict[str, Statement] = {}
    for seq, (node, data) in enumerate(g.nodes(data=True)):
        labels = set(data["labels"])
        text = _label_text(labels)
        # All labels go into the MERGE pattern: adding labels afterwards with SET is several
        # times slower on FalkorDB, and no node of the city exists any more to be matched.
        statement = groups.setdefault(text, Statement(
            f"UNWIND $rows AS row MERGE (n:{text} {{uid: row.uid}}) SET n += row.props"))
        props = _clean(data) | extra.get(node, {}) | {"seq": seq}
        statement.rows.append({"uid": node, "props": props})
    return list(groups.values())


def owns_statement(rows: list[dict[str, str]]) -> Statement:
    """Return the statement writing the derived ``OWNS`` relationships (member → service).

    >>> owns_statement([]).query[:50]
    'UNWIND $rows AS row MATCH (a:Person {uid: row.sour'
    """
    return Statement("UNWIND $rows AS row MATCH (a:Person {uid: row.source}) "
                     "MATCH (s:Unit {uid: row.target}) CREATE (a)-[:OWNS]->(s)", list(rows))


def relationship_statements(g: nx.MultiDiGraph) -> list[Statement]:
    """Return one CREATE statement per (type, source label, target label)."""
    primary = {node: _primary(labels) for node, labels in g.nodes(data="labels")}
    groups: dict[tuple[str, str, str], Statement] = {}
    for seq, (source, target, data) in enumerate(g.edges(data=True)):
        kind = data["type"]
        key = (kind, primary[source], primary[target])
        statement = groups.get(key)
        if statement is None:
            if kind not in _ALLOWED_TYPES:
                raise ValueError(f"relationship type not allowed in a statement: {kind}")
            statement = groups[key] = Statement(
                f"UNWIND $rows AS row MATCH (a:{key[1]} {{uid: row.source}}) "
                f"MATCH (b:{key[2]} {{uid: row.target}}) "
                f"CREATE (a)-[r:{kind}]->(b) SET r += row.props")
        props = {k: v for k, v in data.items() if k != "type" and v is not None}
        props["seq"] = seq
        statement.rows.append({"source": source, "target": target, "props": props})
    return list(groups.values())
