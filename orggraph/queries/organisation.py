"""The shape of the organisation: counts, depth, span of control, fte shares, strategic cells.

>>> from orggraph.examples import load_example
>>> from orggraph.queries.view import view_of
>>> m = organisation_metrics(view_of(load_example("tiny").to_networkx()))
>>> m["n_units"], m["depth"], m["strategic_fte_share"]
(10, 2, 0.06666666666666667)
"""

from __future__ import annotations

from collections import Counter

from orggraph.queries.result import StrategicCellRow
from orggraph.queries.stats import mean, share
from orggraph.queries.view import CityView

__all__ = ["depth_of", "organisation_metrics", "strategic_cell_rows"]


def depth_of(view: CityView) -> int | None:
    """Return the largest number of PART_OF hops from the root to a unit (None without units)."""
    if not view.units:
        return None
    depth: dict[str, int] = {}
    for start in view.units:
        path = []
        node: str | None = start
        while node is not None and node not in depth and node in view.units:
            path.append(node)
            node = view.units[node].parent
            if node in path:  # a cycle cannot pass validation; do not loop on one
                break
        base = depth.get(node, -1) if node is not None else -1
        for n in reversed(path):
            base += 1
            depth[n] = base
    return max(depth.values())


def _fte_share(view: CityView, kind: str) -> float | None:
    total = sum(u.fte or 0 for u in view.units.values())
    part = sum(u.fte or 0 for u in view.units.values() if u.kind == kind)
    return share(part, total)


def organisation_metrics(view: CityView) -> dict[str, float | int | None]:
    """Return the counts, ``depth``, ``mean_span_of_control`` and the two fte shares."""
    children = Counter(u.parent for u in view.units.values() if u.parent in view.units)
    return {
        "n_units": len(view.units),
        "n_services": len(view.services),
        "n_clusters": len(set(view.cluster.values())),
        "n_aldermen": len(view.members),
        "n_programmes": len(view.programmes),
        "n_partners": view.n_partners,
        "depth": depth_of(view),
        "mean_span_of_control": mean(children.values()),
        "strategic_fte_share": _fte_share(view, "strategic_cell"),
        "cabinet_fte_share": _fte_share(view, "cabinet"),
    }


def strategic_cell_rows(view: CityView) -> list[StrategicCellRow]:
    """Return each strategic cell with its embedding: ``top`` when its parent is the root,
    ``support_cluster`` when its cluster has ``support: true``, else ``sector_cluster``."""
    rows = []
    for unit in view.units.values():
        if unit.kind != "strategic_cell":
            continue
        cluster = view.cluster.get(unit.id)
        if unit.parent == view.root:
            embedding = "top"
        elif cluster is not None and view.units[cluster].support:
            embedding = "support_cluster"
        else:
            embedding = "sector_cluster"
        rows.append(StrategicCellRow(id=unit.id, name=unit.name, parent=unit.parent,
                                     cluster=cluster, embedding=embedding, fte=unit.fte))
    return rows
