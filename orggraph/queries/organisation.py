"""The shape of the organisation: counts, depth, span of control, fte shares, strategic cells.

>>> from orggraph.core import Core
>>> from orggraph.examples import load_example
>>> m = organisation_metrics(Core(load_example("tiny")))
>>> m["n_units"], m["depth"], m["strategic_fte_share"]
(10, 2, 0.06666666666666667)
"""

from __future__ import annotations

from collections import Counter

from orggraph.core import Core
from orggraph.queries.result import StrategicCellRow
from orggraph.queries.stats import mean, share
from orggraph.schemas.enums import UnitKind

__all__ = ["depth_of", "organisation_metrics", "strategic_cell_rows"]


def depth_of(core: Core) -> int | None:
    """Return the largest number of PART_OF hops from the root to a unit (None without units)."""
    units = core.units
    if not units:
        return None
    depth: dict[str, int] = {}
    for start in units:
        path = []
        node: str | None = start
        while node is not None and node not in depth and node in units:
            path.append(node)
            node = units[node].parent
            if node in path:  # a cycle cannot pass validation; do not loop on one
                break
        base = depth.get(node, -1) if node is not None else -1
        for n in reversed(path):
            base += 1
            depth[n] = base
    return max(depth.values())


def _fte_share(core: Core, kind: UnitKind) -> float | None:
    total = sum(u.fte or 0 for u in core.units.values())
    part = sum(u.fte or 0 for u in core.units.values() if u.kind == kind)
    return share(part, total)


def organisation_metrics(core: Core) -> dict[str, float | int | None]:
    """Return the counts, ``depth``, ``mean_span_of_control`` and the two fte shares."""
    units = core.units
    children = Counter(u.parent for u in units.values() if u.parent in units)
    return {
        "n_units": len(units),
        "n_services": len(core.services),
        "n_clusters": len(set(core.cluster.values())),
        "n_aldermen": len(core.college),
        "n_programmes": len(core.city.programmes),
        "n_partners": len(core.city.partners),
        "depth": depth_of(core),
        "mean_span_of_control": mean(children.values()),
        "strategic_fte_share": _fte_share(core, UnitKind.strategic_cell),
        "cabinet_fte_share": _fte_share(core, UnitKind.cabinet),
    }


def strategic_cell_rows(core: Core) -> list[StrategicCellRow]:
    """Return each strategic cell with its embedding: ``top`` when its parent is the root,
    ``support_cluster`` when its cluster has ``support: true``, else ``sector_cluster``."""
    rows = []
    for unit in core.units.values():
        if unit.kind != UnitKind.strategic_cell:
            continue
        cluster = core.cluster.get(unit.id)
        if unit.parent == core.root:
            embedding = "top"
        elif cluster is not None and core.units[cluster].support:
            embedding = "support_cluster"
        else:
            embedding = "sector_cluster"
        rows.append(StrategicCellRow(id=unit.id, name=unit.name, parent=unit.parent,
                                     cluster=cluster, embedding=embedding, fte=unit.fte))
    return rows
