"""Exact betweenness centrality of a large sparse graph, reduced by its dangling trees.

Most units of a city are leaves of the hierarchy: the trees hanging from the rest of the graph
(its 2-core) make up three quarters of it. Their nodes are cut vertices, whose betweenness is a
count: every pair of nodes on two different sides of a cut vertex has all its shortest paths
through it. Only the 2-core needs shortest paths, and there each node stands for the tree it
absorbed: a pair of core nodes ``(a, b)`` counts ``w(a) · w(b)`` times, once for each pair of
nodes of their two trees. This is the exact method of Baglioni, Geraci, Pellegrini and Lastres
(2012), reduced to the removal of degree-one nodes, with Brandes' (2001) accumulation weighted by
node; the graph-wide result is equal to Brandes' exact betweenness on the whole graph.

For a node ``v`` in a component of ``N`` nodes, let ``parts(v)`` be the sizes of the trees hanging
from ``v`` and ``N − size(v)``, where ``size(v)`` counts ``v`` and all it absorbed. The pairs whose
every shortest path passes through ``v`` because one end lies in a tree hanging from it number
``((N − 1)² − Σ parts²) / 2``; a core node adds to that its weighted betweenness in the core.
Components are independent: pairs in two components have no path.

Values are normalised as :func:`networkx.betweenness_centrality` does by default: divided by
``(n − 1)(n − 2) / 2``, the number of pairs of other nodes in an undirected graph of ``n`` nodes.

References
----------
M. Baglioni, F. Geraci, M. Pellegrini, E. Lastres, "Fast exact computation of betweenness
centrality in social networks", ASONAM 2012, pp. 450–456.
U. Brandes, "A faster algorithm for betweenness centrality", J. Math. Sociol. 25(2), 2001.

>>> reduced_betweenness(4, [(0, 1), (1, 2), (2, 3)])  # a path: 1 and 2 are each on 2 of 3 pairs
[0.0, 0.6666666666666666, 0.6666666666666666, 0.0]
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from orggraph.queries.brandes import kernels

__all__ = ["PARALLEL_FROM", "reduced_betweenness"]

#: Smallest 2-core whose shortest paths are shared out among the processor's cores.
PARALLEL_FROM = 1_000
#: The sources are cut into this many slices whatever the number of cores, so that the sums are
#: added in the same order, and the results are the same to the last bit, on every machine.
_SLICES = 8


def _csr(n: int, edges: Iterable[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
    """Return the compressed sparse rows of the simple undirected graph of ``edges``."""
    pairs = np.array(list(edges), dtype=np.int64).reshape(-1, 2)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    both = np.unique(np.concatenate([pairs, pairs[:, ::-1]]), axis=0)  # sorted, no repeats
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(both[:, 0], minlength=n), out=indptr[1:])
    return indptr, np.ascontiguousarray(both[:, 1])


def _core(indptr: np.ndarray, indices: np.ndarray, keep: np.ndarray,
          order: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the subgraph on the nodes where ``keep`` is true, numbered in ``order``, and the
    original number of each of its nodes."""
    nodes = order[keep[order]]
    renumber = np.full(len(keep), -1, dtype=np.int64)
    renumber[nodes] = np.arange(len(nodes))
    source = np.repeat(np.arange(len(keep)), np.diff(indptr))
    inside = keep[source] & keep[indices]
    pairs = np.stack([renumber[source[inside]], renumber[indices[inside]]], axis=1)
    pairs = pairs[np.lexsort((pairs[:, 1], pairs[:, 0]))]
    sub_indptr = np.zeros(len(nodes) + 1, dtype=np.int64)
    np.cumsum(np.bincount(pairs[:, 0], minlength=len(nodes)), out=sub_indptr[1:])
    return sub_indptr, np.ascontiguousarray(pairs[:, 1]), nodes


def _core_pairs(indptr: np.ndarray, indices: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Return the weighted Brandes sums of the 2-core, in threads when it is large."""
    brandes = kernels().weighted_brandes
    n = len(indptr) - 1
    # 32-bit node numbers halve the memory each search walks (a 2-core has far fewer than 2**31).
    indptr, indices = indptr.astype(np.int32), indices.astype(np.int32)
    if n < PARALLEL_FROM:
        return brandes(indptr, indices, weight, 0, n)
    bounds = np.linspace(0, n, _SLICES + 1).astype(np.int64).tolist()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    # The kernel releases the GIL: threads run it side by side.
    with ThreadPoolExecutor(max_workers=max(1, min(cores or 1, _SLICES))) as pool:
        slices = pool.map(lambda a, b: brandes(indptr, indices, weight, a, b),
                          bounds[:-1], bounds[1:])
        return np.sum(list(slices), axis=0)


def reduced_betweenness(n: int, edges: Iterable[tuple[int, int]]) -> list[float]:
    """Return the exact normalised betweenness of nodes ``0 … n − 1`` of an undirected graph.

    Parameters
    ----------
    n : the number of nodes.
    edges : pairs of node numbers; self-loops and repeated edges are ignored.

    Returns
    -------
    The betweenness of each node, equal to ``networkx.betweenness_centrality`` (normalised,
    unweighted) on the same graph; all zeros when ``n`` ≤ 2.
    """
    if n <= 2:
        return [0.0] * n
    k = kernels()
    indptr, indices = _csr(n, edges)
    parent, size, peeled = k.peel(indptr, indices)
    component, order = k.components(indptr, indices)
    # Σ parts² per node: the trees hanging from it, then the rest of its component.
    squares = np.zeros(n, dtype=np.int64)
    np.add.at(squares, parent[peeled], size[peeled] ** 2)
    squares += (component - size) ** 2
    pairs = ((component - 1) ** 2 - squares) // 2
    scores = pairs.astype(np.float64)
    core = ~peeled & (component > size)  # not a tree component's root
    if core.any():
        sub_indptr, sub_indices, nodes = _core(indptr, indices, core, order)
        weight = size[nodes].astype(np.float64)
        # The kernel sums ordered pairs: each unordered pair twice.
        scores[nodes] += _core_pairs(sub_indptr, sub_indices, weight) / 2
    return (scores * (2 / ((n - 1) * (n - 2)))).tolist()
