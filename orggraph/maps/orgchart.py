"""The org-chart layout: every unit in a cell of a grid, grouped in one box per cluster.

The page is read top to bottom in bands: people in one box per body (the college first, then the
management team, ...), the organisation root with
the other top-level units (cabinet, strategic cell, agencies, OCMW...), the clusters, then
programmes and partners. Inside a box the head of the group sits top left, its loose services
follow on its row, and each department starts a row of its own followed by its services, so that
siblings stay together. Rows fold into as many columns as make the box about as wide as tall,
and boxes are packed on shelves so that the whole map is about 16:10. Every node has a cell of
its own, so no two nodes overlap, at any size, in linear time.

>>> nodes = [{"id": "r", "layer": "units", "box": ""},
...          {"id": "c", "layer": "units", "box": "c", "group_kind": "cluster"},
...          {"id": "s", "layer": "units", "box": "c", "group_kind": "cluster"}]
>>> edges = [{"from": "c", "to": "r", "kind": "part_of"},
...          {"from": "s", "to": "c", "kind": "part_of"}]
>>> boxes = orgchart_positions(nodes, edges, {"c": "Cluster C"})
>>> [b.label for b in boxes], nodes[2]["x"] - nodes[1]["x"] == CELL_W
(['Cluster C'], True)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

__all__ = ["ASPECT", "CELL_H", "CELL_W", "Box", "orgchart_positions"]

#: Width and height of one node's cell, label included (labels wrap at about 22 characters).
CELL_W = 200.0
CELL_H = 112.0
#: Room above a box's first row for its name, and around its cells.
HEADER = 44.0
PAD = 12.0
GAP = 36.0
#: Width to height of the whole map: a 16:10 window minus the side panel.
ASPECT = 1.4


@dataclass
class Box:
    """A labelled rectangle drawn behind a group of nodes (a cluster or a band)."""

    id: str
    label: str
    kind: str
    x: float = 0.0
    y: float = 0.0
    w: float = 0.0
    h: float = 0.0
    units: int = 0


@dataclass
class _Group:
    box: Box
    cells: list[tuple[str, int, int]]  # node id, column, row
    cols: int
    rows: int


def _fold(head: str | None, children: dict[str, list[str]], members: list[str],
          cols: int) -> tuple[list[tuple[str, int, int]], int]:
    """Return the cells of one group: the head and its loose leaves on row 0, then each
    branch on rows of its own, its head in column 0 and its descendants after it."""
    cells: list[tuple[str, int, int]] = []
    member = set(members)
    row = 0
    col = 0

    def put(node: str, indent: int) -> None:
        nonlocal row, col
        if col >= cols:
            row, col = row + 1, indent
        cells.append((node, col, row))
        col += 1

    kids = [k for k in children.get(head, []) if k in member] if head else members
    if head:
        put(head, 0)
    leaves = [k for k in kids if not children.get(k)]
    branches = [k for k in kids if children.get(k)]
    for leaf in leaves:
        put(leaf, 1 if head else 0)
    for branch in branches:
        if cells:
            row, col = row + 1, 0
        put(branch, 0)
        stack = list(reversed([k for k in children[branch] if k in member]))
        while stack:
            node = stack.pop()
            put(node, 1)
            stack.extend(reversed([k for k in children.get(node, []) if k in member]))
    placed = {c[0] for c in cells}
    for node in members:  # units whose parent is outside the group (should not happen)
        if node not in placed:
            put(node, 0)
    return cells, (row + 1 if cells else 0)


def _columns(n: int, longest: int) -> int:
    # cols * CELL_W ≈ rows * CELL_H with rows ≈ n / cols gives a square box.
    square = math.ceil(math.sqrt(n * CELL_H / CELL_W))
    return max(1, min(n, max(3, square), max(square, min(longest, 8))))


def _group(box: Box, head: str | None, members: list[str],
           children: dict[str, list[str]]) -> _Group:
    longest = max((len(children.get(m, [])) + 1 for m in members), default=1)
    cols = _columns(len(members), longest)
    cells, rows = _fold(head, children, members, cols)
    used = max((c for _, c, _ in cells), default=0) + 1
    box.w = used * CELL_W + 2 * PAD
    box.h = HEADER + rows * CELL_H + PAD
    box.units = len(members)
    return _Group(box, cells, used, rows)


def _grid(box: Box, members: list[str], cols: int) -> _Group:
    cells = [(m, i % cols, i // cols) for i, m in enumerate(members)]
    rows = math.ceil(len(members) / cols) if members else 0
    used = min(cols, len(members))
    box.w, box.h = used * CELL_W + 2 * PAD, HEADER + rows * CELL_H + PAD
    return _Group(box, cells, used, rows)


def _shelves(groups: list[_Group], width: float, top: float, gap: float = GAP) -> float:
    """Place groups left to right, starting a new shelf when ``width`` is full; return the
    bottom of the last shelf. ``gap`` is the room left above each shelf but the first."""
    x, y, shelf = 0.0, top, 0.0
    for g in groups:
        if x > 0 and x + g.box.w > width:
            x, y, shelf = 0.0, y + shelf + gap, 0.0
        g.box.x, g.box.y = x, y
        x += g.box.w + GAP
        shelf = max(shelf, g.box.h)
    return y + shelf + gap if groups else top


def _title_room(width: float) -> float:
    """The room between shelves: enough for the titles drawn above the boxes at the zoom that
    fits the whole map in a window (a title is 13 screen pixels high, about ``width / 60`` map
    units when ``width`` spans a window), and never less than :data:`GAP`.

    >>> _title_room(1500.0) == GAP, _title_room(6000.0)
    (True, 100.0)
    """
    return max(GAP, width / 60)


def _arrange(groups: dict[str, _Group], layers: dict[str, list[str]], roots: list[str],
             width: float, band_names: dict[str, str],
             body_of: dict[str, str]) -> tuple[list[_Group], float, float]:
    """Place bands and boxes for a map ``width`` wide; return them, the width and height used."""
    cols = max(1, int((width - 2 * PAD) // CELL_W))
    gap = _title_room(width)
    order: list[_Group] = []
    top = 0.0

    def band(layer: str) -> None:
        nonlocal top
        if layers.get(layer):
            g = _grid(Box(f"band:{layer}", band_names.get(layer, layer), "band"),
                      layers[layer], cols)
            top = _shelves([g], width, top, gap)
            order.append(g)

    # People in one box per body (the college first), side by side in the top band.
    bodies: dict[str, list[str]] = {}
    for person in layers.get("people", []):
        bodies.setdefault(body_of.get(person) or band_names.get("people", "people"),
                          []).append(person)
    boxes = [_grid(Box(f"band:body:{name}", name, "band"), ids, min(cols, len(ids)))
             for name, ids in bodies.items()]
    if boxes:
        top = _shelves(boxes, width, top, gap)
        order.extend(boxes)
    head = ([_grid(Box("band:root", band_names.get("root", ""), "root"), roots, 1)]
            if roots else [])
    others = [g for g in groups.values() if g.box.kind != "cluster"]
    top = _shelves(head + others, width, top, gap)
    order += head + others
    # Tallest first: shelves of boxes of similar height waste the least room.
    clusters = sorted((g for g in groups.values() if g.box.kind == "cluster"),
                      key=lambda g: -g.box.h)
    top = _shelves(clusters, width, top, gap)
    order += clusters
    band("programmes")
    band("partners")
    used_w = max((g.box.x + g.box.w for g in order), default=0.0)
    return order, used_w, top - gap


def orgchart_positions(nodes: list[dict[str, Any]], edges: list[dict[str, Any]],
                       names: dict[str, str], band_names: dict[str, str] | None = None
                       ) -> list[Box]:
    """Write ``x``/``y`` into ``nodes`` (org-chart layout) and return the boxes to draw.

    Unit nodes carry ``box`` (their cluster's node id, empty for the root) and ``group_kind``
    (``cluster`` or ``other``); ``names`` gives each group's box label. Other nodes are placed in
    one band per ``layer`` (people, programmes, partners) labelled by ``band_names``.
    """
    band_names = band_names or {}
    parent = {e["from"]: e["to"] for e in edges if e["kind"] == "part_of"}
    children: dict[str, list[str]] = {}
    for node in nodes:
        if node["id"] in parent:
            children.setdefault(parent[node["id"]], []).append(node["id"])
    members: dict[str, list[str]] = {}
    kind: dict[str, str] = {}
    roots: list[str] = []
    for node in nodes:
        if node["layer"] != "units":
            continue
        if not node.get("box"):
            roots.append(node["id"])
            continue
        members.setdefault(node["box"], []).append(node["id"])
        kind[node["box"]] = node.get("group_kind", "cluster")
    groups = {g: _group(Box(g, names.get(g, g), kind[g]), g if g in ids else None, ids_list,
                        children)
              for g, ids_list in members.items() for ids in [set(ids_list)]}
    layers: dict[str, list[str]] = {}
    for node in nodes:
        if node["layer"] != "units":
            layers.setdefault(node["layer"], []).append(node["id"])
    body_of = {n["id"]: n.get("body", "") for n in nodes if n["layer"] == "people"}
    area = sum(g.box.w * g.box.h for g in groups.values())
    area += sum(len(v) for v in layers.values()) * CELL_W * CELL_H + len(roots) * CELL_W * CELL_H
    widest = max((g.box.w for g in groups.values()), default=CELL_W)
    # Shelves waste room, so the width that gives a 16:10 map is found by trying a few.
    best: tuple[float, float] | None = None
    for factor in (0.8, 0.9, 1.0, 1.1, 1.2, 1.35, 1.5, 1.7, 1.9, 2.2, 2.6, 3.0):
        width = max(widest, 3 * CELL_W + 2 * PAD, factor * math.sqrt(area * ASPECT))
        used_w, used_h = _arrange(groups, layers, roots, width, band_names, body_of)[1:]
        # The best width is the one a 16:10 window shows at the largest zoom.
        miss = max(used_w / ASPECT, used_h)
        if best is None or miss < best[0]:
            best = (miss, width)
    order = _arrange(groups, layers, roots, best[1] if best else widest, band_names,
                     body_of)[0]
    pos: dict[str, tuple[float, float]] = {}
    for g in order:
        for node, col, row in g.cells:
            pos[node] = (round(g.box.x + PAD + (col + 0.5) * CELL_W, 1),
                         round(g.box.y + HEADER + row * CELL_H + 34, 1))
    for node in nodes:
        node["x"], node["y"] = pos[node["id"]]
    return [g.box for g in order if g.box.kind != "root"]
