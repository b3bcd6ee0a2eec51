"""Compiled kernels of the reduced betweenness: leaf peeling, components, weighted Brandes.

The kernels are plain Python functions over NumPy arrays, compiled by numba the first time
:func:`kernels` is called (never at import: numba takes a noticeable part of a second to import
and every command that does not compute boundary spanners must start quickly). The compiled code
is cached on disk next to this module, or in the user's cache folder when the package folder is
read-only, so only the very first run on a machine pays the compilation; where no cache folder
is writable at all, the kernels are compiled in memory on every run.

A graph is given in compressed sparse row form: the neighbours of node ``v`` are
``indices[indptr[v]:indptr[v + 1]]``, every undirected edge listed from both ends, without
self-loops or repeated edges.

>>> import numpy as np
>>> k = kernels()
>>> # The triangle 0, 1, 2 with the leaf 3 hanging from 2: the leaf is peeled into 2.
>>> indptr, indices = np.array([0, 2, 4, 7, 8]), np.array([1, 2, 0, 2, 0, 1, 3, 2])
>>> parent, size, peeled = k.peel(indptr, indices)
>>> parent.tolist(), size.tolist(), peeled.tolist()
([-1, -1, -1, 2], [1, 1, 2, 1], [False, False, False, True])
"""

from __future__ import annotations

import functools
from types import SimpleNamespace

import numpy as np

__all__ = ["kernels"]


def _peel(indptr: np.ndarray, indices: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Remove leaves until none is left; return tree parent, absorbed size and peeled flag.

    A peeled node hangs from ``parent[v]``; ``size[v]`` counts the nodes of the tree it carries,
    itself included (for a node left over, the tree it absorbed). What is left is the 2-core,
    plus one root per component that is a tree.
    """
    n = len(indptr) - 1
    degree = indptr[1:] - indptr[:-1]
    parent = np.full(n, -1, dtype=np.int64)
    size = np.ones(n, dtype=np.int64)
    peeled = np.zeros(n, dtype=np.bool_)
    stack = np.empty(n, dtype=np.int64)
    top = 0
    for v in range(n):
        if degree[v] == 1:
            stack[top] = v
            top += 1
    while top > 0:
        top -= 1
        v = stack[top]
        if degree[v] != 1:  # its last neighbour was peeled first: v is a tree component's root
            continue
        peeled[v] = True
        degree[v] = 0
        for i in range(indptr[v], indptr[v + 1]):
            u = indices[i]
            if not peeled[u]:
                parent[v] = u
                size[u] += size[v]
                degree[u] -= 1
                if degree[u] == 1:
                    stack[top] = u
                    top += 1
                break
    return parent, size, peeled


def _components(indptr: np.ndarray, indices: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the size of every node's connected component, and all nodes in breadth-first order.

    Numbering nodes in that order puts neighbours close together in memory, which makes the
    shortest-path searches a quarter faster on a city's 2-core.
    """
    n = len(indptr) - 1
    label = np.full(n, -1, dtype=np.int64)
    order = np.empty(n, dtype=np.int64)
    counts = np.zeros(n, dtype=np.int64)
    tail = 0
    for start in range(n):
        if label[start] >= 0:
            continue
        label[start] = start
        order[tail] = start
        head, first = tail, tail
        tail += 1
        while head < tail:
            v = order[head]
            head += 1
            for i in range(indptr[v], indptr[v + 1]):
                u = indices[i]
                if label[u] < 0:
                    label[u] = start
                    order[tail] = u
                    tail += 1
        counts[start] = tail - first
    return counts[label], order


def _weighted_brandes(indptr: np.ndarray, indices: np.ndarray, weight: np.ndarray,
                      first: int, last: int) -> np.ndarray:
    """Return Σ over s in first … last − 1 and t ≠ s, v of w(s) w(t) σ_st(v) / σ_st, for every v.

    Brandes' accumulation with a weight per node: a target t adds w(t) instead of 1 to the
    dependency of the nodes on its shortest paths, and a source's dependencies count w(s) times.
    The search records each node's successors on shortest paths as it finds them, so that the
    way back reads only those instead of every neighbour again. Over all sources, each unordered
    pair is counted twice. ``indptr`` and ``indices`` may be 32-bit: half the memory to walk.
    """
    n = len(indptr) - 1
    result = np.zeros(n, dtype=np.float64)
    dist = np.full(n, -1, dtype=np.int32)
    sigma = np.zeros(n, dtype=np.float64)
    share = np.zeros(n, dtype=np.float64)  # (w(u) + δ(u)) / σ(u), what u passes back
    order = np.empty(n, dtype=np.int32)
    succ = np.empty(len(indices), dtype=np.int32)  # successors, grouped by node in search order
    start = np.empty(n + 1, dtype=np.int32)  # the successors of order[j]: succ[start[j]:start[j+1]]
    for s in range(first, last):
        dist[s] = 0
        sigma[s] = 1.0
        order[0] = s
        head, tail, k = 0, 1, 0
        while head < tail:
            v = order[head]
            start[head] = k
            head += 1
            step, paths = dist[v] + 1, sigma[v]
            for i in range(indptr[v], indptr[v + 1]):
                u = indices[i]
                if dist[u] < 0:
                    dist[u] = step
                    order[tail] = u
                    tail += 1
                if dist[u] == step:
                    sigma[u] += paths
                    succ[k] = u
                    k += 1
        start[tail] = k
        for j in range(tail - 1, 0, -1):  # farthest first: successors are done before v
            v = order[j]
            total = 0.0
            for i in range(start[j], start[j + 1]):
                total += share[succ[i]]
            delta = sigma[v] * total
            share[v] = (weight[v] + delta) / sigma[v]  # one division per node, not per edge
            result[v] += weight[s] * delta
        for j in range(tail):  # reset only what this source reached
            v = order[j]
            dist[v] = -1
            sigma[v] = 0.0
    return result


@functools.cache
def kernels() -> SimpleNamespace:
    """Return the kernels compiled by numba: ``peel``, ``components``, ``weighted_brandes``."""
    import numba  # slow to import: only when betweenness is computed

    def compile_(function):  # noqa: ANN001, ANN202
        try:
            return numba.njit(cache=True, nogil=True)(function)
        except RuntimeError:  # no writable cache folder anywhere: compile in memory
            return numba.njit(nogil=True)(function)

    return SimpleNamespace(peel=compile_(_peel), components=compile_(_components),
                           weighted_brandes=compile_(_weighted_brandes))
