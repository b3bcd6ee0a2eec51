"""The reduced betweenness in numba: leaf peeling, components, weighted Brandes, and their sums.

This is the implementation used where the package was installed without its C kernel
(``orggraph/queries/_brandes.c``, the same steps; see :mod:`orggraph.queries.betweenness`).
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
import threading
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import numpy as np

__all__ = ["kernels", "numba_betweenness"]

#: The sources are cut into this many slices whatever the number of threads, so that the sums are
#: added in the same order, and the results are the same to the last bit, on every machine.
_SLICES = 8

#: Node and arc visits per kernel call, about 0.05 s: between two calls, Ctrl-C can stop the work.
_CHUNK_STEPS = 1 << 24


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
                      first: int, last: int, result: np.ndarray) -> None:
    """Add Σ over s in first … last − 1 and t ≠ s, v of w(s) w(t) σ_st(v) / σ_st to result[v].

    Brandes' accumulation with a weight per node: a target t adds w(t) instead of 1 to the
    dependency of the nodes on its shortest paths, and a source's dependencies count w(s) times.
    The search records each node's successors on shortest paths as it finds them, so that the
    way back reads only those instead of every neighbour again. Over all sources, each unordered
    pair is counted twice. ``indptr`` and ``indices`` may be 32-bit: half the memory to walk.
    """
    n = len(indptr) - 1
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


def _core_pairs(indptr: np.ndarray, indices: np.ndarray, weight: np.ndarray, threads: int,
                parallel_from: int) -> np.ndarray:
    """Return the weighted Brandes sums of the 2-core, in threads when it is large.

    Each kernel call covers a chunk of sources (about :data:`_CHUNK_STEPS` steps), so that
    between two calls Python runs its signal handlers and Ctrl-C stops the work: at once in the
    calling thread, and at the end of their chunk in the others.
    """
    n = len(indptr) - 1
    # 32-bit node numbers halve the memory each search walks (a 2-core has far fewer than 2**31).
    indptr, indices = indptr.astype(np.int32), indices.astype(np.int32)
    stop = threading.Event()

    def sums(first: int, last: int) -> np.ndarray:
        brandes, out = kernels().weighted_brandes, np.zeros(n, dtype=np.float64)
        step = max(1, _CHUNK_STEPS // (n + len(indices)))
        for a in range(first, last, step):
            if stop.is_set():
                break
            brandes(indptr, indices, weight, a, min(a + step, last), out)
        return out

    if n < parallel_from:
        return sums(0, n)
    bounds = np.linspace(0, n, _SLICES + 1).astype(np.int64).tolist()
    # The kernel releases the GIL: threads run it side by side.
    with ThreadPoolExecutor(max_workers=max(1, min(threads, _SLICES))) as pool:
        slices = [pool.submit(sums, a, b) for a, b in zip(bounds[:-1], bounds[1:], strict=True)]
        try:
            return np.sum([future.result() for future in slices], axis=0)
        except BaseException:  # Ctrl-C while waiting: the other threads stop after their chunk
            stop.set()
            raise




def numba_betweenness(n: int, edges: Iterable[tuple[int, int]], threads: int = 1,
                      parallel_from: int = 1_000) -> list[float]:
    """Return :func:`orggraph.queries.betweenness.reduced_betweenness` computed by these kernels.

    A 2-core of ``parallel_from`` nodes or more is cut into eight slices of sources, shared
    among ``threads`` threads and added in a fixed order, so that the sums, and the result, are
    the same to the last bit on every machine.

    >>> numba_betweenness(4, [(0, 1), (1, 2), (2, 3)])
    [0.0, 0.6666666666666666, 0.6666666666666666, 0.0]
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
        scores[nodes] += _core_pairs(sub_indptr, sub_indices, weight, threads,
                                     parallel_from) / 2
    return (scores * (2 / ((n - 1) * (n - 2)))).tolist()
