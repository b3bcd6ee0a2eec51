"""Schema statements (uniqueness of ``uid``, indexes), the one place where the engines differ.

Every node has a primary label (``Unit``, ``Person``, ...) and a ``uid`` unique across cities;
the write statements MERGE and MATCH nodes by primary label and ``uid``, so each primary label gets
an index and a uniqueness constraint on ``uid``. No other index: on FalkorDB each extra indexed
property slowed a push by about a third (benchmarks/bench_push.py).

>>> neo4j_schema()[0]
'CREATE CONSTRAINT orggraph_city_uid IF NOT EXISTS FOR (n:City) REQUIRE n.uid IS UNIQUE'
"""

from __future__ import annotations

__all__ = ["PRIMARY_LABELS", "falkordb_schema", "neo4j_schema"]

#: The label every node of one entity section carries, in the order of docs/design.md §2.
PRIMARY_LABELS = ("City", "Domain", "Unit", "Body", "Person", "Challenge", "Programme", "Partner")


def neo4j_schema() -> list[str]:
    """Return the Neo4j 5 statements (idempotent) that create the constraints and indexes."""
    statements = []
    for label in PRIMARY_LABELS:
        name = label.lower()
        statements.append(f"CREATE CONSTRAINT orggraph_{name}_uid IF NOT EXISTS "
                          f"FOR (n:{label}) REQUIRE n.uid IS UNIQUE")
    return statements


def falkordb_schema() -> list[tuple[str, str]]:
    """Return (label, index statement) pairs for FalkorDB.

    FalkorDB has no ``IF NOT EXISTS``, so the caller checks ``db.indexes()`` first, and its
    uniqueness constraints are made with ``GRAPH.CONSTRAINT`` on an existing index of the property.
    """
    return [(label, f"CREATE INDEX FOR (n:{label}) ON (n.uid)")
            for label in PRIMARY_LABELS]
