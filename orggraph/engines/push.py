"""Write a city (or a scenario of it) to a Cypher engine, replacing its previous subgraph.

All or nothing: the delete of the previous subgraph and every batch run in one write unit
(a Neo4j transaction, a FalkorDB copy renamed over the original), so a failure anywhere leaves
the database as it was. Other cities and scenarios are never touched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from orggraph.engines.base import Engine

if TYPE_CHECKING:
    from orggraph.engines.statements import Statement
    from orggraph.schemas.dataset import City

# The statements need networkx and the loaders, imported on first use: ``orggraph.engines`` is
# imported by every query on a running engine, which needs neither.

__all__ = ["BATCH_SIZE", "PushSummary", "plan", "push"]

#: Rows per UNWIND batch, chosen with benchmarks/bench_push.py on the local FalkorDB: the rate
#: climbs steeply up to a few hundred rows, stays level (within the noise of a shared machine)
#: from 1,000 to 5,000 and falls for 10,000, because FalkorDB takes the parameters inside the
#: query text, which the server parses.
BATCH_SIZE = 1000

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class PushSummary:
    """What a push wrote: the city, the scenario (or None), node and relationship counts."""

    city: str
    scenario: str | None
    nodes: int
    relationships: int


def plan(city: City, scenario: str | None = None) -> tuple[list[Statement], list[Statement]]:
    """Return the node statements and the relationship statements that write ``city``."""
    from orggraph.core import Core
    from orggraph.engines.derived import derived_properties, owns_rows
    from orggraph.engines.statements import (
        node_statements,
        owns_statement,
        relationship_statements,
    )
    from orggraph.loaders.gcpause import gc_paused
    from orggraph.loaders.graph import graph_parts

    # Hundreds of thousands of row dicts and no reference cycles: the collector's passes over
    # them would cost more than building them.
    with gc_paused():
        nodes, edges = graph_parts(city, scenario)
        core = Core(city)
        return (node_statements(nodes, derived_properties(city, scenario, core)),
                [*relationship_statements(nodes, edges),
                 owns_statement(owns_rows(city, scenario, core))])


def push(engine: Engine, city: City, scenario: str | None = None, *,
         batch_size: int = BATCH_SIZE, progress: Progress | None = None) -> PushSummary:
    """Replace ``city`` (or its ``scenario``) in ``engine`` in one all-or-nothing unit.

    ``progress(done, total)`` is called after every batch with counts of rows written.
    """
    from orggraph.engines.statements import scope_params

    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    nodes, relationships = plan(city, scenario)
    total = sum(len(s.rows) for s in nodes + relationships)
    done = 0
    with engine.write_unit(replace=scope_params(city.id, scenario)) as unit:
        for statement in nodes + relationships:
            for written in unit.run_batches(statement.query, statement.batches(batch_size)):
                done += written
                if progress is not None:
                    progress(done, total)
    return PushSummary(city=city.id, scenario=scenario,
                       nodes=sum(len(s.rows) for s in nodes),
                       relationships=sum(len(s.rows) for s in relationships))
