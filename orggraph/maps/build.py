"""Turn a city into the nodes, edges, legend and side panel of its map (no I/O, no HTML).

Every node carries a ``layer`` (``units``, ``people``, ``programmes``, ``partners``) the page can
hide, a ``tip`` (plain-text tooltip lines, turned into text nodes by the page, never parsed as
HTML) and vis-network drawing options. Units are sized by fte (area proportional to fte), shaped by
kind and filled by the chosen colouring.

>>> from orggraph.examples import load_example
>>> data = build_map(load_example("tiny"), color_by="alderman")
>>> sorted({n["layer"] for n in data.nodes})
['partners', 'people', 'programmes', 'units']
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from orggraph.core import Core
from orggraph.errors import OrggraphError
from orggraph.loaders.suggest import did_you_mean
from orggraph.maps.colouring import Fill, LegendEntry, colour_units, group_kinds, member_colours
from orggraph.maps.labels import wrap
from orggraph.maps.layout import depths, radial_positions
from orggraph.maps.palette import (
    CHANGED_COLOUR,
    FOCUS_COLOUR,
    PARTNER_COLOURS,
    PARTNER_RADIUS,
    PARTNER_SHAPE,
    PERSON_COLOUR,
    PERSON_RADIUS,
    PERSON_SHAPE,
    PROGRAMME_BORDER,
    PROGRAMME_COLOUR,
    PROGRAMME_SHAPE,
    UNIT_SHAPES,
    text_on,
)
from orggraph.numbers import format_number
from orggraph.schemas.dataset import City
from orggraph.schemas.enums import SERVICE_KINDS

__all__ = ["LAYERS", "LAYOUTS", "MapData", "build_map", "unit_size"]

LAYERS = ("units", "people", "programmes", "partners")
#: The org chart first: it is the default.
LAYOUTS = ("hierarchy", "force")
_GREY = "#8a94a6"
_LINE = "#9aa3b2"


@dataclass
class MapData:
    """Everything the page draws: vis nodes and edges, legend, side panel and settings."""

    title: str
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    legend: list[LegendEntry]
    panel: dict[str, Any] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)


def unit_size(fte: float | None, max_fte: float) -> float:
    """Return a unit's radius in pixels: area grows with fte, 10 px without fte.

    >>> unit_size(None, 100), unit_size(0, 100), unit_size(100, 100)
    (10.0, 10.0, 40.0)
    """
    if not fte or max_fte <= 0:
        return 10.0
    return round(10.0 + 30.0 * math.sqrt(fte / max_fte), 1)


class _Builder:
    def __init__(self, city: City, color_by: str, layout: str):
        self.city = city
        self.uid = {e.id: f"{city.id}:{e.id}" for e in (*city.units, *city.people,
                                                        *city.programmes, *city.partners)}
        self.names = {e.id: e.name for e in (*city.units, *city.people, *city.programmes,
                                             *city.partners, *city.domains)}
        self.core = Core(city)
        self.clusters = self.core.cluster
        self.group_kind = group_kinds(city, self.core)
        self.owners = self.core.owners
        self.fills, self.legend = colour_units(city, color_by, self.core)
        self.layout = layout
        self.color_by = color_by
        self.depth = depths(city)
        self.pos = radial_positions(city)
        self.programmes_of: dict[str, list[str]] = {}
        for prog in city.programmes:
            for u in prog.units:
                self.programmes_of.setdefault(u, []).append(prog.name)
        self.nodes: list[dict[str, Any]] = []
        self.edges: list[dict[str, Any]] = []
        self.max_depth = max(self.depth.values(), default=0)

    def edge(self, source: str, target: str, kind: str, layer: str, **opts: Any) -> None:
        if source in self.uid and target in self.uid:
            self.edges.append({"from": self.uid[source], "to": self.uid[target],
                               "kind": kind, "layer": layer, **opts})

    def units(self) -> None:
        max_fte = max((u.fte or 0 for u in self.city.units), default=0)
        for u in self.city.units:
            fill: Fill = self.fills[u.id]
            shape = UNIT_SHAPES[u.kind.value]
            tip = [u.name, f"kind: {shape.label}"]
            if u.fte is not None:
                tip.append(f"fte: {format_number(u.fte, 'fte')}")
            if u.id in self.clusters and self.clusters[u.id] != u.id:
                tip.append(f"cluster: {self.names[self.clusters[u.id]]}")
            if u.kind in SERVICE_KINDS:
                owners = [self.names[p] for p in self.core.owners[u.id]]
                tip.append("owners: " + (", ".join(owners) or "none"))
            if u.id in self.programmes_of:
                tip.append("programmes: " + ", ".join(self.programmes_of[u.id]))
            group = self.clusters.get(u.id, "")
            node = {
                "id": self.uid[u.id], "label": wrap(u.name), "layer": "units",
                "kind": u.kind.value, "box": self.uid.get(group, ""),
                "group_kind": self.group_kind.get(group, ""),
                "shape": shape.shape, "size": unit_size(u.fte, max_fte),
                "color": {"background": fill.fill, "border": fill.border},
                "borderWidth": 3 if fill.mixed or shape.thick else 1.5, "tip": tip,
                "level": 1 + self.depth.get(u.id, 0), "keys": list(fill.keys),
            }
            if fill.parts:
                node["parts"] = list(fill.parts)
            if u.id in self.pos:
                node["x"], node["y"] = self.pos[u.id]
            self.nodes.append(node)
            if u.parent:
                self.edge(u.id, u.parent, "part_of", "units", color=_LINE, width=2)

    def _near(self, ids: list[str], scale: float = 1.15) -> dict[str, float]:
        points = [self.pos[i] for i in ids if i in self.pos]
        if not points:
            return {}
        x = sum(p[0] for p in points) / len(points)
        y = sum(p[1] for p in points) / len(points)
        return {"x": round(x * scale, 1), "y": round(y * scale, 1)}

    def _body(self, person: Any) -> str:
        """The name of the body a person is drawn in: the college for its members, else the
        first body they sit in, else none."""
        bodies = {b.id: b for b in self.city.bodies}
        if person.in_college:
            college = next((b for b in self.city.bodies if b.kind.value == "college"), None)
            return college.name if college else "College"
        return next((bodies[b].name for b in person.member_of if b in bodies), "")

    def people(self) -> None:
        # Members get their own colour only when the units are coloured by member too; otherwise
        # it would read as a cluster or domain colour.
        colours = (member_colours(self.city, self.core.owners) if self.color_by == "alderman"
                   else {})
        for p in self.city.people:
            mine = self.core.owned.get(p.id, [])
            tip = [p.name, f"role: {p.role.value.replace('_', ' ')}"]
            if p.party:
                tip.append(f"party: {p.party}")
            if p.portfolio:
                tip.append("portfolio: " + "; ".join(i.title for i in p.portfolio))
            if p.in_college:
                tip.append(f"owns {len(mine)} service{'s' * (len(mine) != 1)}")
            if p.heads:
                tip.append("heads: " + ", ".join(self.names.get(u, u) for u in p.heads))
            colour = colours.get(p.id, PERSON_COLOUR)
            node = {"id": self.uid[p.id], "label": wrap(p.name), "layer": "people",
                    "kind": "person", "keys": [p.id], "body": self._body(p),
                    "shape": PERSON_SHAPE.shape, "tip": tip, "level": 0,
                    "color": {"background": colour if p.in_college else "#ffffff",
                              "border": PERSON_COLOUR},
                    "font": {"color": text_on(colour) if p.in_college else PERSON_COLOUR,
                             "size": 20, "strokeWidth": 0},
                    "borderWidth": 2 if p.in_college else 1, "margin": 6,
                    "shapeProperties": {"borderRadius": PERSON_RADIUS}}
            anchor = p.steers + p.heads + mine
            node.update(self._near(anchor, 0.6))
            self.nodes.append(node)
            for unit in p.steers:
                self.edge(p.id, unit, "steers", "people", color=colour, width=2.5,
                          arrows="to", physics=False)
            for unit in mine:
                if unit not in p.steers:
                    # Faint: with many services per member these lines would hide the tree.
                    self.edge(p.id, unit, "owns", "people", width=0.8,
                              color={"color": colour, "opacity": 0.35}, physics=False)
            for unit in p.heads:
                self.edge(p.id, unit, "heads", "people", color=_GREY, width=1,
                          arrows="to", physics=False)
            # An invisible spring to where the person's work is keeps people near it without
            # letting dozens of ownership lines drag them into the middle.
            target = Counter(self.clusters.get(u, u) for u in anchor).most_common(1)
            if target:
                self.edge(p.id, target[0][0], "anchor", "people", hidden=True, length=140)

    def programmes(self, focus: str | None) -> None:
        for prog in self.city.programmes:
            spans = sorted({self.names[self.clusters[u]] for u in prog.units
                            if u in self.clusters})
            tip = [prog.name, f"kind: {prog.kind.value.replace('_', ' ')}"]
            if prog.lead:
                tip.append(f"lead: {self.names.get(prog.lead, prog.lead)}")
            tip.append(f"units: {len(prog.units)}; clusters: {', '.join(spans) or 'none'}")
            if prog.sponsor:
                tip.append(f"sponsor: {self.names.get(prog.sponsor, prog.sponsor)}")
            if prog.partners:
                tip.append("partners: " + ", ".join(self.names.get(r.partner, r.partner)
                                                   for r in prog.partners))
            node = {"id": self.uid[prog.id], "label": wrap(prog.name), "layer": "programmes",
                    "kind": "programme", "shape": PROGRAMME_SHAPE.shape, "tip": tip,
                    "level": self.max_depth + 2,
                    "color": {"background": PROGRAMME_COLOUR, "border": PROGRAMME_BORDER},
                    "borderWidth": 4 if prog.id == focus else 1.5}
            node.update(self._near(prog.units, 1.0))
            self.nodes.append(node)
            if prog.lead:
                self.edge(prog.lead, prog.id, "leads", "programmes", color=PROGRAMME_BORDER,
                          width=2.5, arrows="to")
            for unit in prog.contributors:
                if unit != prog.lead:
                    self.edge(unit, prog.id, "contributes", "programmes",
                              color=PROGRAMME_BORDER, width=1)
            if prog.sponsor:
                self.edge(prog.sponsor, prog.id, "sponsors", "programmes",
                          color=_GREY, width=1, arrows="to", physics=False)

    def partners(self) -> None:
        programmes: dict[str, list[str]] = {}
        for prog in self.city.programmes:
            for role in prog.partners:
                programmes.setdefault(role.partner, []).append(prog.id)
        for partner in self.city.partners:
            tip = [partner.name, f"sector: {partner.sector.value.replace('_', ' ')}"]
            if partner.scope:
                tip.append(f"scope: {partner.scope.value}")
            mine = programmes.get(partner.id, [])
            if mine:
                tip.append("programmes: " + ", ".join(self.names[p] for p in mine))
            colour = PARTNER_COLOURS[partner.sector.value]
            node = {"id": self.uid[partner.id], "label": wrap(partner.name), "layer": "partners",
                    "kind": "partner", "shape": PARTNER_SHAPE.shape, "tip": tip,
                    "level": self.max_depth + 3,
                    "font": {"color": text_on(colour), "strokeWidth": 0},
                    "color": {"background": colour, "border": "#222222"}, "margin": 5,
                    "shapeProperties": {"borderRadius": PARTNER_RADIUS}}
            self.nodes.append(node)
        sector_of = {p.id: p.sector.value for p in self.city.partners}
        for prog in self.city.programmes:
            for role in prog.partners:
                partner = self.names.get(role.partner, role.partner)
                sector = sector_of.get(role.partner, "government")
                self.edge(role.partner, prog.id, "partner", "partners",
                          color=PARTNER_COLOURS[sector], width=1.5,
                          tip=[f"{partner} in {prog.name}: {role.mode.value.replace('_', ' ')}"])


def _mark(nodes: list[dict[str, Any]], uids: set[str], colour: str) -> None:
    # A wider border in a colour no fill uses, and a larger node: a thick border alone turns
    # small nodes into dark blobs that hide their fill.
    for node in nodes:
        if node["id"] in uids:
            node["color"] = {**node["color"], "border": colour}
            node["borderWidth"] = 4
            if "size" in node:
                node["size"] = round(node["size"] * 1.3 + 4, 1)
            node["marked"] = True


def _programme_focus(city: City, b: _Builder, programme: str) -> dict[str, Any]:
    ids = [p.id for p in city.programmes]
    if programme not in ids:
        listing = ", ".join(ids[:12]) + (", ..." if len(ids) > 12 else "") or "none"
        raise OrggraphError(f"there is no programme '{programme}' in {city.city.name}."
                            f"{did_you_mean(programme, ids)} Programmes: {listing}.")
    prog = next(p for p in city.programmes if p.id == programme)
    units = [u for u in prog.units if u in b.uid]
    groups = {b.clusters[u] for u in units if u in b.clusters}
    spans = sorted(b.names[g] for g in groups if b.group_kind[g] == "cluster")
    others = sorted(b.names[g] for g in groups if b.group_kind[g] != "cluster")
    members = {b.uid[u] for u in units} | {b.uid[prog.id]}
    # The page dims everything else when it opens (settings "focus"), people and edges too.
    _mark(b.nodes, members, FOCUS_COLOUR)
    return {"id": b.uid[prog.id], "name": prog.name, "units": len(units),
            "clusters": spans, "others": others}


def build_map(city: City, color_by: str = "cluster", programme: str | None = None,
              layout: str = "hierarchy", title: str | None = None,
              highlight: set[str] | None = None) -> MapData:
    """Return the map of ``city``: nodes, edges, legend and side-panel facts.

    ``programme`` (an id) marks that programme's units and dims the rest; ``highlight`` (unit
    ids) marks units as "changed in this scenario". Raises :class:`OrggraphError` for an
    unknown programme (with the closest ids) or an unknown colouring or layout.
    """
    if layout not in LAYOUTS:
        raise OrggraphError(f"unknown layout '{layout}'; choose one of {', '.join(LAYOUTS)}.")
    b = _Builder(city, color_by, layout)
    b.units()
    b.people()
    b.programmes(programme)
    b.partners()
    legend = list(b.legend) + _shape_legend(city)
    panel: dict[str, Any] = {"city": city.city.name, "color_by": color_by}
    if programme is not None:
        panel["programme"] = _programme_focus(city, b, programme)
        legend.append(LegendEntry("mark", f"in programme: {panel['programme']['name']}",
                                  "#ffffff", FOCUS_COLOUR, width=4))
    if highlight:
        unknown = sorted(set(highlight) - {u.id for u in city.units})
        if unknown:
            raise OrggraphError("cannot highlight units that are not in the city: "
                                + ", ".join(unknown[:10]))
        _mark(b.nodes, {b.uid[u] for u in highlight}, CHANGED_COLOUR)
        legend.append(LegendEntry("mark", "changed in this scenario", "#ffffff",
                                  CHANGED_COLOUR, width=4))
    settings = {"layout": layout, "n_nodes": len(b.nodes), "n_edges": len(b.edges),
                "focus": panel["programme"]["id"] if programme is not None else None}
    panel["groups"] = _groups(city, b)
    return MapData(title=title or f"{city.city.name}: organisation map", nodes=b.nodes,
                   edges=b.edges, legend=legend, panel=panel, settings=settings)


def _groups(city: City, b: _Builder) -> list[dict[str, Any]]:
    """Return the map's groups (clusters and other top-level units): id, name, kind, units."""
    size = Counter(b.clusters.values())
    names = {u.id: u.name for u in city.units}
    return [{"id": b.uid[g], "name": names[g], "kind": kind, "units": size[g]}
            for g, kind in b.group_kind.items()]


def _shape_legend(city: City) -> list[LegendEntry]:
    kinds = {u.kind.value for u in city.units}
    entries = [LegendEntry("shape", s.label, "#ffffff", "#555555", s.shape,
                           width=3 if s.thick else 1, key=kind)
               for kind, s in UNIT_SHAPES.items() if kind in kinds]
    if city.people:
        entries.append(LegendEntry("shape", "person (filled: college member)", PERSON_COLOUR,
                                   PERSON_COLOUR, PERSON_SHAPE.shape))
    if city.programmes:
        entries.append(LegendEntry("shape", PROGRAMME_SHAPE.label, PROGRAMME_COLOUR,
                                   PROGRAMME_BORDER, PROGRAMME_SHAPE.shape))
    sectors = [s for s in PARTNER_COLOURS if any(p.sector.value == s for p in city.partners)]
    for sector in sectors:
        entries.append(LegendEntry("partner", "partner: " + sector.replace("_", " "),
                                   PARTNER_COLOURS[sector], "#222222", PARTNER_SHAPE.shape,
                                   radius=PARTNER_RADIUS))
    return entries
