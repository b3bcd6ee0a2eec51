"""Boundary spanners: the units with the highest betweenness centrality (Freeman 1977).

The graph is the simple undirected graph of all units whose edges are the PART_OF links and the
programme co-membership pairs: a unit scores high when many shortest routes between other units,
along the hierarchy or through shared programmes, pass through it.

Betweenness is exact at every size and normalised as :func:`networkx.betweenness_centrality`
does by default (2 / ((n − 1)(n − 2)) for an undirected graph). It runs in compiled code, by one
of two exact methods (networkx stays the graph model, but its pure-Python betweenness takes tens
of seconds on a city of a few thousand units):

- ``"reduced"``: :func:`~orggraph.queries.betweenness.reduced_betweenness`, the graph reduced
  by its dangling trees (Baglioni, Geraci, Pellegrini and Lastres, ASONAM 2012), whose 2-core is
  a quarter of a city's units: thirty times faster than igraph at 2,000 units, two orders of
  magnitude at 100,000. Its C kernel, built with the package, is the one used at every size;
- ``"igraph"``: igraph's Brandes algorithm in C on the whole graph. Where the package was
  installed without its C kernel, the reduced method runs through numba, whose loading costs
  about half a second per process: igraph is then the cheaper of the two for a small graph
  (fewer than :data:`KERNEL_WORK` node × edge steps) in a process that has not loaded numba.

>>> import networkx as nx
>>> betweenness(nx.path_graph(["a", "b", "c"]))
{'a': 0.0, 'b': 1.0, 'c': 0.0}
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import TYPE_CHECKING, Literal

from orggraph.core import Core
from orggraph.queries.result import BoundarySpanner

if TYPE_CHECKING:  # networkx is imported where a graph is built, not on the metrics path
    import networkx as nx

__all__ = ["KERNEL_WORK", "Method", "betweenness", "boundary_spanners", "spanner_graph"]

#: Without the C kernel: nodes × edges from which the reduced method (numba) is used. Below,
#: igraph on the whole graph takes less than a third of a second, less than loading numba.
KERNEL_WORK = 10_000_000

#: How betweenness is computed: by the reduced kernel, by igraph, or None to choose.
Method = Literal["reduced", "igraph"] | None


def spanner_graph(core: Core) -> nx.Graph:
    """Return the simple undirected graph of units, PART_OF links and co-membership pairs."""
    import networkx as nx

    units = core.units
    graph = nx.Graph()
    graph.add_nodes_from(units)
    graph.add_edges_from((u.id, u.parent) for u in units.values()
                         if u.parent is not None and u.parent in units)
    graph.add_edges_from(core.pairs)
    return graph


def _kernel_loaded() -> bool:
    brandes = sys.modules.get("orggraph.queries.brandes")
    return brandes is not None and brandes.kernels.cache_info().currsize > 0


def _igraph() -> ModuleType:
    """Return the igraph module, imported without its plotting back end when none is loaded yet.

    igraph imports ``matplotlib.pyplot`` at import time whenever matplotlib is installed (half a
    second, most of ``orggraph metrics`` on a small city), for drawing that orggraph never asks
    of it. Hiding matplotlib during that import makes igraph use its own stand-in; matplotlib
    stays importable for everything else. igraph's own plotting, in a process where orggraph
    imported igraph first, then reports matplotlib as missing: plot with networkx or matplotlib
    directly, or import igraph before orggraph computes.
    """
    if "igraph" in sys.modules or "matplotlib" in sys.modules:
        import igraph

        return igraph
    sys.modules["matplotlib"] = None  # type: ignore[assignment]  # makes its import fail
    try:
        import igraph
    finally:
        del sys.modules["matplotlib"]
    return igraph


def _scores(n: int, edges: list[tuple[int, int]], method: Method = None) -> list[float]:
    """Return the exact normalised betweenness of nodes 0 … n − 1 of a simple graph."""
    from orggraph.queries.betweenness import compiled, reduced_betweenness

    if method is None:
        # Once loaded, a kernel is the faster at every size (many scenarios in one process).
        method = "reduced" if (compiled() is not None or n * len(edges) >= KERNEL_WORK
                               or _kernel_loaded()) else "igraph"
    if method == "reduced":
        return reduced_betweenness(n, edges)
    if n <= 2:
        return [0.0] * n
    igraph = _igraph()
    # The C graph type: igraph.Graph's constructor imports numpy to look at its arguments.
    # igraph counts every unordered pair once; networkx counts both directions.
    raw = igraph.GraphBase(n, edges, False).betweenness(directed=False)
    return [value * 2 / ((n - 1) * (n - 2)) for value in raw]


def betweenness(graph: nx.Graph, method: Method = None) -> dict[str, float]:
    """Return node → exact normalised betweenness of an undirected graph.

    Equal to ``networkx.betweenness_centrality(graph)`` whatever the ``method``: ``"reduced"``,
    ``"igraph"``, or None to take the faster for this graph and process.
    """
    nodes = list(graph)
    index = {node: i for i, node in enumerate(nodes)}
    edges = [(index[u], index[v]) for u, v in graph.edges() if u != v]
    return dict(zip(nodes, _scores(len(nodes), edges, method), strict=True))


def _spanner_edges(core: Core) -> list[tuple[int, int]]:
    """Return the edges of :func:`spanner_graph` between unit numbers, once each.

    Built without a networkx graph, whose cached views would leave reference cycles per call.
    """
    units = core.units
    index = {unit: i for i, unit in enumerate(units)}
    links = [(u.id, u.parent) for u in units.values()
             if u.parent is not None and u.parent in units]
    edges = {(min(a, b), max(a, b)) for a, b in ((index[u], index[v])
                                                 for u, v in (*links, *core.pairs)) if a != b}
    return sorted(edges)


def boundary_spanners(core: Core, top: int = 5,
                      method: Method = None) -> tuple[list[BoundarySpanner], bool]:
    """Return the ``top`` units with the highest betweenness (ties by id) and False.

    The second value says whether the betweenness was estimated: never, since it is exact at
    every size; ``CityMetrics.betweenness_approximate`` and ``BoundarySpanner.approximate`` keep
    the field for readers of earlier JSON.
    """
    scores = dict(zip(core.units, _scores(len(core.units), _spanner_edges(core), method),
                      strict=True))
    # Rounding first makes equal centralities equal despite floating-point noise, so that ties
    # really go by id.
    rounded = {u: round(v, 12) for u, v in scores.items()}
    best = sorted(rounded.items(), key=lambda item: (-item[1], item[0]))[:top]
    rows = [BoundarySpanner(id=u, name=core.units[u].name, kind=core.units[u].kind.value,
                            cluster=core.cluster.get(u), betweenness=value,
                            approximate=False)
            for u, value in best]
    return rows, False
