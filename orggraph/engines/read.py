"""Read a city (or a scenario) back from a Cypher engine into the same :class:`City` model.

Nodes and relationships of the city's subgraph are read into a ``MultiDiGraph`` of the form of
:mod:`orggraph.loaders.graph`, in the order they were pushed (``seq``), derived properties dropped,
and handed to :func:`orggraph.loaders.graph.from_networkx`.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from orggraph.engines.base import Engine
from orggraph.errors import QueryError

if TYPE_CHECKING:
    import networkx as nx

    from orggraph.schemas.dataset import City

# networkx and the loaders are imported on first use: ``orggraph.engines`` is imported by every
# query on a running engine, which needs neither.

__all__ = ["read_city", "read_graph"]

_NODES = ("MATCH (n) WHERE n.city = $city AND coalesce(n.scenario, '') = $scenario "
          "RETURN labels(n) AS labels, properties(n) AS props ORDER BY n.seq")
_RELATIONSHIPS = ("MATCH (a)-[r]->(b) WHERE a.city = $city AND coalesce(a.scenario, '') = "
                  "$scenario RETURN a.uid AS source, type(r) AS type, properties(r) AS props, "
                  "b.uid AS target ORDER BY r.seq")


def _props(raw: Any) -> dict[str, Any]:
    from orggraph.engines.derived import DERIVED

    return {k: v for k, v in dict(raw).items() if k not in DERIVED}


def read_graph(engine: Engine, city: str, scenario: str | None = None) -> nx.MultiDiGraph:
    """Return the subgraph of ``city`` (or its ``scenario``) as a ``MultiDiGraph``."""
    import networkx as nx

    from orggraph.engines.derived import DERIVED_TYPES
    from orggraph.engines.statements import scope_params

    params = scope_params(city, scenario)
    g = nx.MultiDiGraph()
    for labels, props in engine.run(_NODES, params).rows:
        data = _props(props)
        g.add_node(data["uid"], labels=set(labels), **data)
    if g.number_of_nodes() == 0:
        where = f"scenario '{scenario}' of city '{city}'" if scenario else f"city '{city}'"
        raise QueryError(f"{where} is not in {engine.location}; push it first "
                         "(orggraph push PATH)")
    count: dict[tuple[str, str, str], int] = defaultdict(int)
    for source, kind, props, target in engine.run(_RELATIONSHIPS, params).rows:
        if kind in DERIVED_TYPES:
            continue
        n = count[(source, target, kind)] = count[(source, target, kind)] + 1
        g.add_edge(source, target, key=kind if n == 1 else f"{kind}#{n}", type=kind,
                   **_props(props))
    return g


def read_city(engine: Engine, city: str, scenario: str | None = None) -> City:
    """Read ``city`` (or its ``scenario``) back from ``engine`` as a :class:`City`."""
    from orggraph.loaders.graph import from_networkx

    return from_networkx(read_graph(engine, city, scenario))
