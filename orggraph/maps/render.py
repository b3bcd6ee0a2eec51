"""Render a city's map as one self-contained HTML file, or as a fragment of a larger page.

>>> from orggraph.examples import load_example
>>> text = render_map(load_example("tiny"), color_by="alderman", metrics={})
>>> text.startswith("<!DOCTYPE html>") and "cdn" not in text.lower()
True
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any

from orggraph.errors import ExportError
from orggraph.files import write_atomic
from orggraph.maps.build import MapData, build_map
from orggraph.maps.colouring import colour_units
from orggraph.maps.html import fragment, page
from orggraph.maps.labels import wrap
from orggraph.maps.layout import force_positions
from orggraph.maps.orgchart import orgchart_positions
from orggraph.numbers import format_number
from orggraph.queries.betweenness import compiled
from orggraph.schemas.dataset import City

__all__ = ["COLLAPSE_ABOVE", "FREEZE_ABOVE", "HEADLINE", "RADIAL_ABOVE", "SPANNERS_UP_TO",
           "counts_line", "map_payload", "render_map", "write_map"]

#: Largest city (units) whose map ranks the boundary spanners in the details pane: 10,000 with
#: the C kernel (a tenth of a second there), 3,000 where numba would be loaded for them.
SPANNERS_UP_TO = 10_000 if compiled() is not None else 3_000

#: Above this many nodes the force layout is computed before the page is written (igraph) and the
#: browser draws it with physics off: its own physics costs about 40 µs per node and iteration,
#: some 10 s to settle 2,300 nodes in headless Chromium (benchmarks/bench_map.py).
FREEZE_ABOVE = 600
#: Above this many nodes even the precomputed force layout takes too long (15 s for 11,700
#: nodes), and the map keeps its radial tree layout.
RADIAL_ABOVE = 6000

#: Above this many units the org chart opens collapsed: one node per cluster, expanded on click.
COLLAPSE_ABOVE = 300

#: The headline metrics as the side panel shows them: a label for readers of the map, one line
#: of meaning and which direction is better (shown on hover). The definitions are the metrics
#: layer's; only the words are the map's.
HEADLINE: dict[str, tuple[str, str, str]] = {
    "transversality_index": ("Transversality index (0-100)",
                             "How much work crosses cluster lines, from the four measures below.",
                             "Higher = more transversal work."),
    "coherence_index": ("Coherence index (0-100)",
                        "How well aldermen's portfolios line up with the clusters.",
                        "Higher = clearer lines of responsibility."),
    "share_transversal_programmes": ("Share of programmes across clusters",
                                     "Programmes whose units sit in two or more clusters.",
                                     "Higher = more transversal."),
    "transversal_coverage": ("Share of services in such programmes",
                             "Services that lead or contribute to a cross-cluster programme.",
                             "Higher = more transversal."),
    "portfolio_cluster_alignment": ("Aldermen's services in one cluster",
                                    "1 = every alderman's services sit in a single cluster.",
                                    "Higher = more aligned."),
    "cluster_portfolio_alignment": ("Clusters answering to one alderman",
                                    "1 = every cluster answers to a single alderman.",
                                    "Higher = more aligned."),
    "domains_split": ("Top-level domains split over members",
                      "Policy domains held by two or more college members.",
                      "Lower = fewer shared domains."),
    "ei_index": ("Programme ties across clusters (E-I, -1..1)",
                 "Pairs of units in a programme: across clusters (+1) against within (-1).",
                 "Higher = more ties across clusters."),
    "quadruple_helix_share": ("Programmes with all partner sectors",
                              "Programmes with business, knowledge and civil-society partners.",
                              "Higher = broader partnerships."),
}
_COLOUR_TITLES = {"cluster": "Colour: cluster", "alderman": "Colour: owning college member",
                  "domain": "Colour: top-level policy domain"}
_BANDS = {"people": "College and people", "programmes": "Programmes and projects",
          "partners": "Partners"}
_LAYERS = [("people", "people and their lines (steers, owns, heads)"),
           ("programmes", "programmes and contributing units' links"),
           ("partners", "partners")]
_LINES = ("Lines: grey = part of; coloured arrow = steers; faint coloured line = owns through a "
          "portfolio item; gold = leads (arrow) or contributes to a programme; thin grey arrow = "
          "heads a unit or sponsors a programme.")


def _headline(city: City, metrics: Any, nodes: list[dict[str, Any]]) -> list[dict[str, str]]:
    from orggraph.queries import HEADLINE_KEYS, LABELS
    from orggraph.queries import metrics as compute

    # The details pane ranks the boundary spanners. Above SPANNERS_UP_TO units they would cost
    # more than the rest of the map together, so a large map leaves them out.
    wanted = len(city.units) <= SPANNERS_UP_TO
    values = compute(city, spanners=wanted) if metrics is None else metrics
    _spanners(city, getattr(values, "boundary_spanners", []), nodes)
    if hasattr(values, "metrics"):
        values = values.metrics
    if not isinstance(values, Mapping):
        raise ExportError("metrics for a map must be a CityMetrics or a mapping key → value")
    rows = []
    for k in HEADLINE_KEYS:
        if k not in values:
            continue
        label, meaning, direction = HEADLINE.get(k, (LABELS.get(k, k), "", ""))
        rows.append({"label": label, "value": _format(values[k]), "key": k,
                     "help": f"{meaning} {direction}".strip()})
    return rows


def _spanners(city: City, rows: list[Any], nodes: list[dict[str, Any]]) -> None:
    """Add its betweenness rank to the details of each boundary spanner (top 5 units)."""
    rank = {f"{city.id}:{row.id}": (i, row) for i, row in enumerate(rows, start=1)}
    for node in nodes:
        if node["id"] in rank:
            i, row = rank[node["id"]]
            node["tip"].append(f"boundary spanner: #{i} by betweenness ({row.betweenness:.3f})")


def _format(value: Any) -> str:
    if value is None or isinstance(value, int | float):
        return format_number(value, "panel")
    return str(value)


def counts_line(groups: list[dict[str, Any]], units: int) -> str:
    """Return how many units, clusters and other top-level units a map shows.

    >>> counts_line([{"kind": "cluster"}, {"kind": "cluster"}, {"kind": "other"}], 12)
    '12 units in 2 clusters and 1 other top-level unit'
    """
    clusters = sum(g["kind"] == "cluster" for g in groups)
    others = len(groups) - clusters
    text = f"{units} units in {clusters} cluster{'s' * (clusters != 1)}"
    if others:
        text += f" and {others} other top-level unit{'s' * (others != 1)}"
    return text


def _lay_out(data: MapData) -> list[dict[str, Any]]:
    """Place the nodes for ``data.settings["layout"]``; return the boxes of the org chart."""
    n = data.settings["n_nodes"]
    if data.settings["layout"] == "hierarchy":
        for node in data.nodes:
            if "size" in node:  # cells are 112 px high: fte still shows, within bounds
                node["size"] = round(min(26.0, 6 + (node["size"] - 10) * 0.5), 1)
                if node["size"] >= 16:  # big units stay labelled when zoomed further out
                    node["font"] = {"size": 21}
                    # A larger font takes more room: shorter lines keep the label in its cell.
                    node["label"] = wrap(" ".join(node["label"].split()), 15)
            elif node["shape"] in ("box", "ellipse"):
                # Labels inside the shape: narrower lines so that the shape fits its cell.
                # An ellipse is wider than its text: shorter lines, a smaller font.
                ellipse = node["shape"] == "ellipse"
                node["label"] = wrap(node["tip"][0], 14 if ellipse else 16)
                node["font"] = {**node.get("font", {}), "size": 15 if ellipse else 17}
                node["widthConstraint"] = {"maximum": 140 if ellipse else 170}
        top = {g["id"] for g in data.panel["groups"]}
        for edge in data.edges:  # the boxes say which cluster a unit is in
            if edge["kind"] == "part_of" and edge["from"] in top:
                edge["hidden"] = True
        names = {g["id"]: g["name"] for g in data.panel["groups"]}
        boxes = [asdict(box) for box in orgchart_positions(data.nodes, data.edges, names, _BANDS)]
        for box in boxes:
            box["wrapped"] = wrap(box["label"])
        return boxes
    if n > FREEZE_ABOVE and n <= RADIAL_ABOVE:
        force_positions(data.nodes, data.edges)
    return []


def _payload(city: City, data: MapData, metrics: Any) -> dict[str, Any]:
    n = data.settings["n_nodes"]
    hierarchy = data.settings["layout"] == "hierarchy"
    freeze = hierarchy or n > FREEZE_ABOVE
    boxes = _lay_out(data)
    # Boxes always wear their cluster's colour, whatever the nodes are coloured by.
    fills = colour_units(city, "cluster")[0]
    colour = {f"{city.id}:{unit}": fill.fill for unit, fill in fills.items()}
    for box in boxes:
        box["colour"] = colour.get(box["id"], "")
    for group in data.panel["groups"]:
        group["colour"] = colour.get(group["id"], "")
    # Fewer iterations for bigger maps: each costs O(n log n) and the radial start is close.
    iterations = max(150, min(600, 120_000 // max(n, 1)))
    units = sum(1 for node in data.nodes if node["layer"] == "units")
    settings = {**data.settings, "freeze": freeze, "iterations": iterations,
                "collapsed": hierarchy and units > COLLAPSE_ABOVE}
    subtitle = (f"{counts_line(data.panel['groups'], units)}, {len(city.college)} college "
                f"members, {len(city.programmes)} programmes, {len(city.partners)} partners"
                + (f", legislature {city.city.legislature}" if city.city.legislature else ""))
    programmes = [{"id": node["id"], "name": node["tip"][0]} for node in data.nodes
                  if node["layer"] == "programmes"]
    panel = {**data.panel, "subtitle": subtitle, "metrics": _headline(city, metrics, data.nodes),
             "colour_title": _COLOUR_TITLES[data.panel["color_by"]], "lines": _LINES,
             "layers": [{"id": i, "label": label} for i, label in _LAYERS],
             "programmes": programmes}
    return {"title": data.title, "nodes": data.nodes, "edges": data.edges,
            "legend": [asdict(e) for e in data.legend], "panel": panel, "settings": settings,
            "boxes": boxes}


def _map_id(city: City, payload: dict[str, Any]) -> str:
    digest = hashlib.sha1(repr(sorted(payload["settings"].items())).encode()
                          + city.id.encode() + repr(payload["panel"].get("color_by")).encode())
    safe = re.sub(r"[^A-Za-z0-9_-]", "-", city.id)[:40]
    return f"orggraph-{safe}-{digest.hexdigest()[:8]}"


def map_payload(city: City, color_by: str = "cluster", programme: str | None = None,
                layout: str = "hierarchy", title: str | None = None, metrics: Any = None,
                highlight: set[str] | None = None) -> dict[str, Any]:
    """Return everything a map draws, laid out: nodes with x/y, edges, boxes, legend, panel.

    The page and the static export (:mod:`orggraph.maps.static`) draw from this same payload,
    so they show the same layout and colours.
    """
    data = build_map(city, color_by=color_by, programme=programme, layout=layout, title=title,
                     highlight=highlight)
    return _payload(city, data, metrics)


def render_map(city: City, color_by: str = "cluster", programme: str | None = None,
               layout: str = "hierarchy", title: str | None = None, metrics: Any = None,
               highlight: set[str] | None = None, fragment: bool = False,
               map_id: str | None = None) -> str:
    """Return the HTML of the map of ``city``.

    Parameters
    ----------
    color_by : ``cluster``, ``alderman`` (the schepenmodel: services by owning college member,
        several owners marked) or ``domain`` (top-level policy domain).
    programme : a programme id whose units are marked and the rest dimmed.
    layout : ``hierarchy`` (the org chart: one box per cluster, top to bottom; collapsed to one
        node per cluster above :data:`COLLAPSE_ABOVE` units) or ``force`` (physics, then frozen).
    metrics : a ``CityMetrics`` or a mapping key → value to show; None computes them;
        ``{}`` shows none.
    highlight : unit ids to mark as "changed in this scenario".
    fragment : return only the map's ``<div>`` and scripts, without vis-network (include
        :func:`orggraph.maps.vis_library_html` once in the page), for pages with several maps.
    map_id : the element id of the map (default: derived from the city and options).
    """
    payload = map_payload(city, color_by=color_by, programme=programme, layout=layout,
                          title=title, metrics=metrics, highlight=highlight)
    element_id = map_id or _map_id(city, payload)
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", element_id):
        raise ExportError(f"a map id must be letters, digits, '-' or '_': {element_id!r}")
    if fragment:
        # In a page of several maps the wheel scrolls the page; Ctrl+wheel zooms a map.
        payload["settings"]["wheel"] = "ctrl"
        return _fragment(element_id, payload)
    return page(payload["title"], _fragment(element_id, payload, "page"))


def _fragment(element_id: str, payload: dict[str, Any], css_class: str = "fragment") -> str:
    return fragment(element_id, payload, css_class)


def write_map(city: City, path: Path | str, color_by: str = "cluster",
              programme: str | None = None, layout: str = "hierarchy", title: str | None = None,
              metrics: Any = None, highlight: set[str] | None = None) -> Path:
    """Write the map of ``city`` to ``path`` atomically and return the path.

    The page is rendered first and written to a temporary file beside ``path``, then renamed
    over it: on any error no file, or the previous one, is left.
    """
    target = Path(path)
    text = render_map(city, color_by=color_by, programme=programme, layout=layout, title=title,
                      metrics=metrics, highlight=highlight)
    return write_atomic(target, text)
