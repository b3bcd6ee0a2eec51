"""The shape of the organisation tree: roots, depths and cluster(u) of DESIGN §5.

cluster(u) is the nearest ancestor-or-self of u of kind ``cluster``, else the ancestor-or-self
whose parent is the organisation root. The root itself has no cluster.

>>> from orggraph.examples import load_example
>>> clusters = cluster_of(load_example("tiny"))
>>> "stad" in clusters
False
"""

from __future__ import annotations

from orggraph.schemas.dataset import City
from orggraph.schemas.enums import UnitKind

__all__ = ["cluster_of", "root_of"]


def root_of(city: City) -> str | None:
    """Return the id of the organisation root, or None when there is none."""
    return next((u.id for u in city.units if u.kind == UnitKind.organisation), None)


def cluster_of(city: City) -> dict[str, str]:
    """Return unit id → cluster id for every unit but the root (DESIGN §5)."""
    parent = {u.id: u.parent for u in city.units}
    kind = {u.id: u.kind for u in city.units}
    root = root_of(city)
    result: dict[str, str] = {}
    for start in parent:
        if start == root:
            continue
        path = []
        node = start
        found = None
        # Walk up until a unit whose cluster is known, a cluster, or a child of the root.
        while node is not None:
            if node in result:
                found = result[node]
                break
            path.append(node)
            if kind.get(node) == UnitKind.cluster:
                found = node
                break
            if parent.get(node) == root or parent.get(node) is None:
                break
            node = parent[node]
        if found is None:
            # No cluster above: the top-level ancestor (the child of the root) stands for one,
            # but a cluster nearer to a unit still wins for the units below it.
            top = path[-1]
            for n in path:
                result[n] = top
            continue
        for n in path:
            result[n] = found
    return result
