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
from orggraph.maps.html import fragment, page
from orggraph.maps.layout import force_positions, tree_positions
from orggraph.numbers import format_number
from orggraph.schemas.dataset import City

__all__ = ["FREEZE_ABOVE", "HEADLINE", "RADIAL_ABOVE", "render_map", "write_map"]

#: Above this many nodes the force layout is computed before the page is written (igraph) and the
#: browser draws it with physics off: its own physics costs about 40 µs per node and iteration,
#: some 10 s to settle 2,300 nodes in headless Chromium (benchmarks/bench_map.py).
FREEZE_ABOVE = 600
#: Above this many nodes even the precomputed force layout takes too long (15 s for 11,700
#: nodes), and the map keeps its radial tree layout.
RADIAL_ABOVE = 6000

#: Labels of the headline metrics in the side panel, written for readers of the map; the metrics
#: layer's own short labels are used for the others.
HEADLINE: dict[str, str] = {
    "transversality_index": "Transversality index (0-100)",
    "coherence_index": "Coherence index (0-100)",
    "share_transversal_programmes": "Share of programmes across clusters",
    "transversal_coverage": "Share of services in such programmes",
    "portfolio_cluster_alignment": "Aldermen's services in one cluster",
    "cluster_portfolio_alignment": "Clusters answering to one alderman",
    "domains_split": "Top-level domains split over members",
    "ei_index": "Programme ties across clusters (E-I, -1..1)",
    "quadruple_helix_share": "Programmes with all partner sectors",
}
_COLOUR_TITLES = {"cluster": "Colour: cluster", "alderman": "Colour: owning college member",
                  "domain": "Colour: top-level policy domain"}
_LAYERS = [("people", "people and their lines (steers, owns, heads)"),
           ("programmes", "programmes and contributing units' links"),
           ("partners", "partners")]
_LINES = ("Lines: grey = part of; coloured arrow = steers; faint coloured line = owns through a "
          "portfolio item; gold = leads (arrow) or contributes to a programme; thin grey arrow = "
          "heads a unit or sponsors a programme.")


def _headline(city: City, metrics: Any) -> list[dict[str, str]]:
    from orggraph.queries import HEADLINE_KEYS, LABELS
    from orggraph.queries import metrics as compute

    # The panel shows city-level metrics only: the boundary spanners would be wasted work.
    values = compute(city, spanners=False) if metrics is None else metrics
    if hasattr(values, "metrics"):
        values = values.metrics
    if not isinstance(values, Mapping):
        raise ExportError("metrics for a map must be a CityMetrics or a mapping key → value")
    return [{"label": HEADLINE.get(k) or LABELS.get(k, k), "value": _format(values[k]), "help": k}
            for k in HEADLINE_KEYS if k in values]


def _format(value: Any) -> str:
    if value is None or isinstance(value, int | float):
        return format_number(value, "panel")
    return str(value)


def _payload(city: City, data: MapData, metrics: Any) -> dict[str, Any]:
    n = data.settings["n_nodes"]
    freeze = n > FREEZE_ABOVE
    if freeze and data.settings["layout"] == "hierarchy":
        tree_positions(data.nodes, data.edges)
    elif freeze and n <= RADIAL_ABOVE:
        force_positions(data.nodes, data.edges)
    # Fewer iterations for bigger maps: each costs O(n log n) and the radial start is close.
    iterations = max(150, min(600, 120_000 // max(n, 1)))
    settings = {**data.settings, "freeze": freeze, "iterations": iterations}
    units = sum(1 for node in data.nodes if node["layer"] == "units")
    clusters = len({node["cluster"] for node in data.nodes if node.get("cluster")})
    subtitle = (f"{units} units in {clusters} clusters, {len(city.college)} college members, "
                f"{len(city.programmes)} programmes, {len(city.partners)} partners"
                + (f", legislature {city.city.legislature}" if city.city.legislature else ""))
    panel = {**data.panel, "subtitle": subtitle, "metrics": _headline(city, metrics),
             "colour_title": _COLOUR_TITLES[data.panel["color_by"]], "lines": _LINES,
             "layers": [{"id": i, "label": label} for i, label in _LAYERS]}
    return {"title": data.title, "nodes": data.nodes, "edges": data.edges,
            "legend": [asdict(e) for e in data.legend], "panel": panel, "settings": settings}


def _map_id(city: City, payload: dict[str, Any]) -> str:
    digest = hashlib.sha1(repr(sorted(payload["settings"].items())).encode()
                          + city.id.encode() + repr(payload["panel"].get("color_by")).encode())
    safe = re.sub(r"[^A-Za-z0-9_-]", "-", city.id)[:40]
    return f"orggraph-{safe}-{digest.hexdigest()[:8]}"


def render_map(city: City, color_by: str = "cluster", programme: str | None = None,
               layout: str = "force", title: str | None = None, metrics: Any = None,
               highlight: set[str] | None = None, fragment: bool = False,
               map_id: str | None = None) -> str:
    """Return the HTML of the map of ``city``.

    Parameters
    ----------
    color_by : ``cluster``, ``alderman`` (the schepenmodel: services by owning college member,
        several owners marked) or ``domain`` (top-level policy domain).
    programme : a programme id whose units are marked and the rest dimmed.
    layout : ``force`` (physics, then frozen) or ``hierarchy`` (the tree top-down).
    metrics : a ``CityMetrics`` or a mapping key → value to show; None computes them;
        ``{}`` shows none.
    highlight : unit ids to mark as "changed in this scenario".
    fragment : return only the map's ``<div>`` and scripts, without vis-network (include
        :func:`orggraph.maps.vis_library_html` once in the page), for pages with several maps.
    map_id : the element id of the map (default: derived from the city and options).
    """
    data = build_map(city, color_by=color_by, programme=programme, layout=layout, title=title,
                     highlight=highlight)
    payload = _payload(city, data, metrics)
    element_id = map_id or _map_id(city, payload)
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", element_id):
        raise ExportError(f"a map id must be letters, digits, '-' or '_': {element_id!r}")
    if fragment:
        return _fragment(element_id, payload)
    return page(data.title, _fragment(element_id, payload, "page"))


def _fragment(element_id: str, payload: dict[str, Any], css_class: str = "fragment") -> str:
    return fragment(element_id, payload, css_class)


def write_map(city: City, path: Path | str, color_by: str = "cluster",
              programme: str | None = None, layout: str = "force", title: str | None = None,
              metrics: Any = None, highlight: set[str] | None = None) -> Path:
    """Write the map of ``city`` to ``path`` atomically and return the path.

    The page is rendered first and written to a temporary file beside ``path``, then renamed
    over it: on any error no file, or the previous one, is left.
    """
    target = Path(path)
    text = render_map(city, color_by=color_by, programme=programme, layout=layout, title=title,
                      metrics=metrics, highlight=highlight)
    return write_atomic(target, text)
