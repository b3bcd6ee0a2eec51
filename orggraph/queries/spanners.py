"""Boundary spanners: the units with the highest betweenness centrality (Freeman 1977).

The graph is the simple undirected graph of all units whose edges are the PART_OF links and the
programme co-membership pairs: a unit scores high when many shortest routes between other units,
along the hierarchy or through shared programmes, pass through it.

Betweenness is normalised as :func:`networkx.betweenness_centrality` does by default
(2 / ((n − 1)(n − 2)) for an undirected graph; with a
sample of k sources, 2 / (k (n − 2)), or 2 / ((k − 1)(n − 2)) for a sampled unit, as networkx 3.5
and later do). It is computed by igraph (Brandes' algorithm in
C): networkx stays the graph model, but its pure-Python betweenness takes tens of seconds on a
city of a few thousand units. Up to :data:`EXACT_LIMIT` units the value is exact; above, it is
estimated from k = max(:data:`SAMPLE_SIZE`, EXACT_LIMIT² / n) source units drawn with a fixed seed
(as much work as the exact computation at the limit, so the time stays bounded as cities grow),
scaled exactly as networkx's ``k=`` sampling does; the same city always gives the same estimate.

>>> import networkx as nx
>>> betweenness(nx.path_graph(["a", "b", "c"]))
({'a': 0.0, 'b': 1.0, 'c': 0.0}, False)
"""

from __future__ import annotations

import random

import networkx as nx

from orggraph.core import Core
from orggraph.queries.result import BoundarySpanner

__all__ = ["EXACT_LIMIT", "SAMPLE_SIZE", "SEED", "betweenness", "boundary_spanners",
           "spanner_graph"]

#: Largest number of units for which betweenness is computed exactly.
EXACT_LIMIT = 5_000
#: Fewest source units sampled above that limit.
SAMPLE_SIZE = 250
#: Seed of the sample, fixed so that results are reproducible.
SEED = 42


def spanner_graph(core: Core) -> nx.Graph:
    """Return the simple undirected graph of units, PART_OF links and co-membership pairs."""
    units = core.units
    graph = nx.Graph()
    graph.add_nodes_from(units)
    graph.add_edges_from((u.id, u.parent) for u in units.values()
                         if u.parent is not None and u.parent in units)
    graph.add_edges_from(core.pairs)
    return graph


def betweenness(graph: nx.Graph, exact_limit: int = EXACT_LIMIT,
                sample_size: int | None = None,
                seed: int = SEED) -> tuple[dict[str, float], bool]:
    """Return node → normalised betweenness of an undirected graph, and whether it is sampled.

    Equal to ``networkx.betweenness_centrality(graph)`` when the graph has at most
    ``exact_limit`` nodes, and to ``networkx.betweenness_centrality(graph, k=k,
    seed=seed)`` above (same seed, same sampled nodes, same scaling).
    """
    import igraph  # compiled, and slow to import: only when betweenness is asked for

    nodes = list(graph)
    n = len(nodes)
    index = {node: i for i, node in enumerate(nodes)}
    ig = igraph.Graph(n=n, edges=[(index[u], index[v]) for u, v in graph.edges() if u != v])
    approximate = n > exact_limit
    if n <= 2:
        return dict.fromkeys(nodes, 0.0), approximate
    if not approximate:
        # igraph counts every unordered pair once; networkx counts both directions.
        raw = ig.betweenness(directed=False)
        return {node: raw[i] * 2 / ((n - 1) * (n - 2)) for i, node in enumerate(nodes)}, False
    if sample_size is None:
        sample_size = max(SAMPLE_SIZE, exact_limit * exact_limit // n)
    k = min(max(2, sample_size), n)
    sources = random.Random(seed).sample(range(n), k)
    raw = ig.betweenness(directed=False, sources=sources, targets=None)
    # igraph halves the subset sum on an undirected graph (networkx does not). As networkx does,
    # a sampled unit is the source of none of its own paths: it is scaled over k - 1 sources.
    chosen = set(sources)
    return {node: raw[i] * 2 / ((k - (i in chosen)) * (n - 2))
            for i, node in enumerate(nodes)}, True


def boundary_spanners(core: Core, top: int = 5) -> tuple[list[BoundarySpanner], bool]:
    """Return the ``top`` units with the highest betweenness (ties by id) and the sampled flag."""
    scores, approximate = betweenness(spanner_graph(core))
    # Rounding first makes equal centralities equal despite floating-point noise, so that ties
    # really go by id.
    rounded = {u: round(v, 12) for u, v in scores.items()}
    best = sorted(rounded.items(), key=lambda item: (-item[1], item[0]))[:top]
    rows = [BoundarySpanner(id=u, name=core.units[u].name, kind=core.units[u].kind.value,
                            cluster=core.cluster.get(u), betweenness=value,
                            approximate=approximate)
            for u, value in best]
    return rows, approximate
