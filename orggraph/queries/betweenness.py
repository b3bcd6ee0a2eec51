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

Two implementations run the same steps in the same order and give the same numbers to the last
bit. ``"c"``, a small C extension built with the package (``orggraph/queries/_brandes.c``), loads
in a millisecond. ``"numba"`` (:mod:`orggraph.queries.brandes`) compiles the same kernels with
numba; it is the one used where the package was installed without a C compiler, and its loading
costs more than half a second per process. Both work without the GIL and let Python run its
signal handlers about every tenth of a second (the C kernel by taking the GIL back, numba's
between two calls of a chunk of sources): Ctrl-C, or any handler that raises, stops them at once,
on a 100,000-unit city too.

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
from types import ModuleType
from typing import Literal

__all__ = ["PARALLEL_FROM", "Kernel", "compiled", "reduced_betweenness"]

#: Smallest 2-core whose shortest paths are shared out among the processor's cores.
PARALLEL_FROM = 1_000

#: Which implementation computes: the C extension, numba, or None for the C one when it is built.
Kernel = Literal["c", "numba"] | None


def compiled() -> ModuleType | None:
    """Return the C kernel, or None where the package was installed without it.

    >>> compiled() is None or compiled().__name__ == "orggraph.queries._brandes"
    True
    """
    try:
        import orggraph.queries._brandes as _brandes
    except ImportError:
        return None
    return _brandes


def _threads() -> int:
    """The number of processor cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def reduced_betweenness(n: int, edges: Iterable[tuple[int, int]],
                        kernel: Kernel = None) -> list[float]:
    """Return the exact normalised betweenness of nodes ``0 … n − 1`` of an undirected graph.

    Parameters
    ----------
    n : the number of nodes.
    edges : pairs of node numbers; self-loops and repeated edges are ignored.
    kernel : ``"c"``, ``"numba"``, or None for the C kernel when it is built, numba otherwise.

    Returns
    -------
    The betweenness of each node, equal to ``networkx.betweenness_centrality`` (normalised,
    unweighted) on the same graph; all zeros when ``n`` ≤ 2.

    Raises
    ------
    ImportError : ``kernel="c"`` where the package was installed without its C kernel.
    ValueError : an edge names a node outside ``0 … n − 1``.

    >>> reduced_betweenness(4, [(0, 1), (1, 2), (2, 3)])  # a path: 1 and 2 on 2 of 3 pairs each
    [0.0, 0.6666666666666666, 0.6666666666666666, 0.0]
    """
    c = compiled() if kernel != "numba" else None
    if kernel == "c" and c is None:
        raise ImportError("orggraph was installed without its C kernel (no C compiler was "
                          "found); reinstall it where one is, or use kernel='numba'")
    edges = edges if isinstance(edges, list) else list(edges)
    if c is not None:
        return c.reduced_betweenness(n, edges, threads=_threads(), parallel_from=PARALLEL_FROM)
    from orggraph.queries.brandes import numba_betweenness  # numba: loaded lazily

    for k, (a, b) in enumerate(edges):  # as the C kernel checks them
        if not (0 <= a < n and 0 <= b < n):
            raise ValueError(f"edge {k} names node {a if not 0 <= a < n else b}, "
                             f"not in 0 ... {n - 1}")
    return numba_betweenness(n, edges, threads=_threads(), parallel_from=PARALLEL_FROM)
