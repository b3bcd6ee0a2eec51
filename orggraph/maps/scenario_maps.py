"""Scenario maps that can be compared: one layout for the base and every scenario.

The base city is laid out once (the org chart); each scenario's map puts every unit, person,
programme and partner it shares with the base where the base has it, so that nothing moves
between maps but what the scenario changes. A unit new in a scenario is placed just below its
cluster's box. Units a scenario moves are marked, and the map part of a report lists the
movements (unit: from → to; portfolio item: from → to).

>>> from orggraph.examples import load_example
>>> maps = ScenarioMaps(load_example("tiny"))
>>> "base-map" in maps.base_html("base-map")
True
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from orggraph.maps.html import fragment
from orggraph.maps.orgchart import CELL_H, CELL_W
from orggraph.maps.render import map_payload
from orggraph.schemas.dataset import City

__all__ = ["MOVE_KINDS", "ScenarioMaps", "movements", "scenario_colouring"]

#: Differences that regroup units: their maps are coloured by cluster, the others by alderman.
MOVE_KINDS = frozenset({"unit_moved", "unit_reparented", "clusters_merged"})


def scenario_colouring(kinds: Iterable[str]) -> str:
    """Return ``cluster`` for a scenario that moves units, else ``alderman``.

    >>> scenario_colouring(["unit_moved"]), scenario_colouring(["item_reassigned"])
    ('cluster', 'alderman')
    """
    return "cluster" if MOVE_KINDS & set(kinds) else "alderman"


def _raw(uid: str) -> str:
    return uid.split(":", 1)[1]


def movements(base: City, after: City, differences: Iterable[Any]) -> list[str]:
    """Return one line per moved unit or reassigned portfolio item: ``what: from → to``.

    ``differences`` are the scenario's differences (``kind``, ``subject``, ``details``).
    """
    names = {e.id: e.name for c in (base, after) for e in (*c.units, *c.people)}
    lines = []
    for d in differences:
        if d.kind in ("unit_moved", "unit_reparented"):
            lines.append(f"{names.get(d.subject, d.subject)}: "
                         f"{names.get(d.details['from'], d.details['from'])} → "
                         f"{names.get(d.details['to'], d.details['to'])}")
        elif d.kind == "item_reassigned":
            before = ", ".join(names.get(p, p) for p in d.details["from"]) or "nobody"
            now = ", ".join(names.get(p, p) for p in d.details["to"]) or "nobody"
            lines.append(f"{d.subject}: {before} → {now}")
    return lines


class ScenarioMaps:
    """Maps of a base city and its scenarios on one shared layout."""

    def __init__(self, base: City, metrics: Any = None):
        self.base = base
        self._metrics = metrics
        self._layout = map_payload(base, color_by="cluster", metrics={})
        self.positions = {_raw(n["id"]): (n["x"], n["y"]) for n in self._layout["nodes"]}

    def base_html(self, map_id: str, color_by: str = "cluster") -> str:
        """Return the base's map as a page fragment (Ctrl+wheel zooms it)."""
        payload = map_payload(self.base, color_by=color_by, metrics=self._metrics,
                              title=f"{self.base.city.name}: today")
        return self._fragment(map_id, payload)

    def scenario_html(self, city: City, map_id: str, title: str, color_by: str,
                      highlight: set[str], metrics: Any = None) -> str:
        """Return one scenario's map on the base's layout, ``highlight`` units marked."""
        payload = map_payload(city, color_by=color_by, metrics=metrics, title=title,
                              highlight=highlight)
        self._place(payload)
        return self._fragment(map_id, payload)

    def _place(self, payload: dict[str, Any]) -> None:
        boxes = {_raw(b["id"]): b for b in self._layout["boxes"]}
        below: dict[str, int] = {}
        for node in payload["nodes"]:
            raw = _raw(node["id"])
            if raw in self.positions:
                node["x"], node["y"] = self.positions[raw]
                continue
            box = boxes.get(_raw(node["box"])) if node.get("box") else None
            # A unit of a new cluster (a merger) goes below the last cluster's box.
            box = box or next(b for b in reversed(self._layout["boxes"]) if b["kind"] != "band")
            k = below.get(box["id"], 0)
            below[box["id"]] = k + 1
            node["x"] = box["x"] + CELL_W / 2 + k * CELL_W
            node["y"] = box["y"] + box["h"] + CELL_H / 2
        payload["boxes"] = copy.deepcopy(self._layout["boxes"])
        # Positions are the base's, so the collapsed view must be the base's too.
        payload["settings"]["collapsed"] = self._layout["settings"]["collapsed"]

    @staticmethod
    def _fragment(map_id: str, payload: dict[str, Any]) -> str:
        payload["settings"]["wheel"] = "ctrl"
        return fragment(map_id, payload)
