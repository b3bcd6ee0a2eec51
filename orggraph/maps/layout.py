"""Starting positions of the force layout's nodes, computed in linear time.

The org chart (the default layout) is :mod:`orggraph.maps.orgchart`.

The organisation tree is laid out radially: the root in the centre, each cluster a wedge whose
width is proportional to its number of leaves, deeper units further out. A small map starts from
this picture and vis-network's physics relaxes it in the browser; a bigger one is relaxed here by
:func:`force_positions` and drawn frozen, because a browser needs about 40 µs per node and
iteration (about 10 s for a 2,000-unit city, ``benchmarks/bench_map.py``) where igraph needs
half a second. The thresholds are in :mod:`orggraph.maps.render`.

>>> from orggraph.examples import load_example
>>> pos = radial_positions(load_example("tiny"))
>>> pos["stad"]
(0.0, 0.0)
"""

from __future__ import annotations

import math
from typing import Any

from orggraph.schemas.dataset import City

__all__ = ["LEAF_SPACING", "depths", "force_positions", "radial_positions"]

#: Pixels of outer circumference per leaf unit.
LEAF_SPACING = 34.0
_MIN_RING = 170.0


def _children(city: City) -> tuple[list[str], dict[str, list[str]]]:
    ids = {u.id for u in city.units}
    children: dict[str, list[str]] = {u.id: [] for u in city.units}
    roots = []
    for u in city.units:
        if u.parent in ids and u.parent != u.id:
            children[u.parent].append(u.id)
        else:
            roots.append(u.id)
    return roots, children


def depths(city: City) -> dict[str, int]:
    """Return unit id → number of PART_OF hops from its root (0 for the root)."""
    roots, children = _children(city)
    result: dict[str, int] = {}
    stack = [(r, 0) for r in roots]
    while stack:
        node, depth = stack.pop()
        if node in result:
            continue
        result[node] = depth
        stack.extend((c, depth + 1) for c in children[node])
    return result


def _leaf_counts(roots: list[str], children: dict[str, list[str]]) -> dict[str, int]:
    order: list[str] = []
    stack = list(roots)
    seen: set[str] = set()
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        order.append(node)
        stack.extend(children[node])
    leaves: dict[str, int] = {}
    for node in reversed(order):  # children before parents
        leaves[node] = sum(leaves.get(c, 0) for c in children[node]) or 1
    return leaves


def radial_positions(city: City) -> dict[str, tuple[float, float]]:
    """Return unit id → (x, y): a radial tree, one wedge per subtree of the root."""
    roots, children = _children(city)
    if not roots:
        return {}
    leaves = _leaf_counts(roots, children)
    depth = depths(city)
    max_depth = max(depth.values()) or 1
    total = sum(leaves[r] for r in roots)
    ring = max(_MIN_RING, total * LEAF_SPACING / (2 * math.pi * max_depth))
    pos: dict[str, tuple[float, float]] = {}
    stack = []
    start = 0.0
    for r in roots:
        width = 2 * math.pi * leaves[r] / total
        stack.append((r, start, width))
        start += width
    while stack:
        node, start, width = stack.pop()
        if node in pos:
            continue
        radius = depth[node] * ring
        angle = start + width / 2
        pos[node] = (round(radius * math.cos(angle), 1) + 0.0,
                     round(radius * math.sin(angle), 1) + 0.0)  # + 0.0 turns -0.0 into 0.0
        offset = start
        for child in children[node]:
            share = width * leaves[child] / leaves[node]
            stack.append((child, offset, share))
            offset += share
    return pos


def force_positions(nodes: list[dict[str, Any]], edges: list[dict[str, Any]],
                    edge_px: float = 160.0) -> None:
    """Lay ``nodes`` out with Fruchterman–Reingold (igraph, in C), starting from their ``x``/``y``.

    Only edges that take part in the browser's physics count (``physics`` not False). Positions
    are scaled so that a typical edge is ``edge_px`` pixels long, and written into the nodes.
    This is the browser's force layout done ahead of time, for maps too big to settle in a browser
    quickly (see ``benchmarks/bench_map.py``).
    """
    import igraph

    index = {n["id"]: i for i, n in enumerate(nodes)}
    pairs = [(index[e["from"]], index[e["to"]]) for e in edges
             if e.get("physics", True) and e["from"] in index and e["to"] in index]
    # igraph's layouts work in units of about one edge length; the radial seed is in pixels.
    seed = [[n.get("x", 0.0) / edge_px, n.get("y", 0.0) / edge_px] for n in nodes]
    graph = igraph.Graph(n=len(nodes), edges=pairs)
    layout = graph.layout_fruchterman_reingold(seed=seed, niter=300, grid="auto")
    coords = layout.coords
    lengths = sorted(math.dist(coords[a], coords[b]) for a, b in pairs) or [1.0]
    typical = lengths[len(lengths) // 2] or 1.0
    scale = edge_px / typical
    for node, (x, y) in zip(nodes, coords, strict=True):
        node["x"], node["y"] = round(x * scale, 1), round(y * scale, 1)
