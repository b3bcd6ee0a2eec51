"""Static pictures of a map for slides and reports: SVG, PNG or PDF, drawn with matplotlib.

The picture is drawn from the same laid-out payload as the interactive page
(:func:`orggraph.maps.render.map_payload`): same positions, boxes, colours and legend, with a title
and the counts line. Every unit is drawn (a picture cannot be opened like a collapsed cluster);
names are written when there are few enough units to read them. matplotlib is imported only here.

>>> from orggraph.examples import load_example
>>> svg = static_map(load_example("tiny"), "svg")
>>> svg[:5], b"Cluster Ruimte" in svg
(b'<?xml', True)
"""

from __future__ import annotations

import io
import math
from pathlib import Path
from typing import Any

from orggraph.errors import ExportError
from orggraph.files import write_atomic
from orggraph.schemas.dataset import City

__all__ = ["STATIC_FORMATS", "static_map", "write_static_map"]

STATIC_FORMATS = ("svg", "png", "pdf")
#: Above this many nodes the picture names only the boxes: more labels would be unreadable.
LABEL_NODES_BELOW = 400
_MARKERS = {"dot": "o", "square": "s", "hexagon": "h", "star": "*", "triangle": "^",
            "triangleDown": "v", "diamond": "D", "box": "s", "ellipse": "o"}


def _figure(payload: dict[str, Any]) -> Any:
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch, Rectangle, Wedge

    nodes, boxes = payload["nodes"], payload["boxes"]
    xs = [n["x"] for n in nodes] + [b["x"] for b in boxes] + [b["x"] + b["w"] for b in boxes]
    ys = [n["y"] for n in nodes] + [b["y"] for b in boxes] + [b["y"] + b["h"] for b in boxes]
    x0, x1, y0, y1 = min(xs) - 40, max(xs) + 40, min(ys) - 60, max(ys) + 40
    width_in = 16.0
    height_in = max(4.0, width_in * (y1 - y0) / (x1 - x0))
    handles = [Patch(facecolor=e["fill"], edgecolor=e["border"], label=e["label"])
               for e in payload["legend"] if e["section"] == "colour"]
    columns = max(1, min(4, math.ceil(len(handles) / 6)))
    top, bottom = 0.9, 0.5 + 0.19 * math.ceil(len(handles) / columns)
    total = height_in + top + bottom
    fig = Figure(figsize=(width_in, total))
    ax = fig.add_axes((0.01, bottom / total, 0.98, height_in / total))
    ax.set_xlim(x0, x1)
    ax.set_ylim(y1, y0)  # the page's y grows downwards
    ax.set_aspect("equal")
    ax.axis("off")
    pt_per_px = width_in * 72 / (x1 - x0)
    for b in boxes:
        band = b["kind"] == "band"
        colour = "#c3c9d2" if band or not b.get("colour") else b["colour"]
        ax.add_patch(Rectangle((b["x"], b["y"]), b["w"], b["h"], facecolor=colour,
                               alpha=0.10 if not band else 0.25, edgecolor="none"))
        ax.add_patch(Rectangle((b["x"], b["y"]), b["w"], b["h"], fill=False, edgecolor=colour,
                               linewidth=1))
        label = b["label"] + ("" if band else f" ({b['units']})")
        # Bold text is about 0.6 em a character: shrink a long name to its box.
        size = max(4.0, min(10.0, (b["w"] - 16) * pt_per_px / (0.62 * max(len(label), 1))))
        ax.text(b["x"] + 8, b["y"] + 8, label, fontsize=size, fontweight="bold",
                va="top", ha="left", color="#1f2933", clip_on=True)
    where = {n["id"]: (n["x"], n["y"]) for n in nodes}
    from matplotlib.collections import LineCollection

    lines, colours = [], []
    for e in payload["edges"]:
        if e.get("hidden") or e["from"] not in where or e["to"] not in where:
            continue
        lines.append((where[e["from"]], where[e["to"]]))
        colours.append("#9aa3b2" if e["kind"] == "part_of" else "#c9ced6")
    ax.add_collection(LineCollection(lines, colors=colours, linewidths=0.4, zorder=1))
    labelled = len(nodes) < LABEL_NODES_BELOW
    for n in nodes:
        colour = n["color"]["background"]
        radius = n.get("size", 12)
        ax.scatter([n["x"]], [n["y"]], s=(2 * radius * pt_per_px) ** 2,
                   marker=_MARKERS.get(n["shape"], "o"), c=colour,
                   edgecolors=n["color"]["border"], linewidths=0.6, zorder=2)
        parts = n.get("parts", [])
        for i, part in enumerate(parts):
            ax.add_patch(Wedge((n["x"], n["y"]), radius * 0.8, 90 - 360 * (i + 1) / len(parts),
                               90 - 360 * i / len(parts), facecolor=part, edgecolor="none",
                               zorder=3))
        if labelled:
            ax.text(n["x"], n["y"] + radius + 4, n["label"], fontsize=max(3.0, 9 * pt_per_px),
                    ha="center", va="top", color="#1f2933", zorder=4)
    fig.legend(handles=handles, loc="lower left", ncol=columns, fontsize=8, frameon=False,
               title=payload["panel"]["colour_title"], title_fontsize=9,
               bbox_to_anchor=(0.01, 0.0))
    fig.text(0.01, 1 - 0.2 / total, payload["title"], fontsize=15, fontweight="bold", va="top")
    fig.text(0.01, 1 - 0.55 / total, payload["panel"]["subtitle"], fontsize=9, color="#52606d",
             va="top")
    return fig


def static_map(city: City, fmt: str, color_by: str = "cluster", programme: str | None = None,
               layout: str = "hierarchy", title: str | None = None,
               highlight: set[str] | None = None) -> bytes:
    """Return the map of ``city`` as ``svg``, ``png`` or ``pdf`` bytes."""
    if fmt not in STATIC_FORMATS:
        raise ExportError(f"cannot draw a map as '{fmt}'; choose .html, .svg, .png or .pdf.")
    try:
        import matplotlib  # noqa: F401
    except ImportError:  # pragma: no cover - a dependency
        raise ExportError("static maps need matplotlib: pip install 'matplotlib>=3.8,<4'") from None
    from orggraph.maps.render import map_payload

    payload = map_payload(city, color_by=color_by, programme=programme, layout=layout,
                          title=title, metrics={}, highlight=highlight)
    fig = _figure(payload)
    out = io.BytesIO()
    # Text stays text in SVG (searchable, names readable), and no date: the same map, same bytes.
    metadata = {"svg": {"Date": None}, "pdf": {"CreationDate": None}, "png": {}}[fmt]
    import matplotlib as mpl

    with mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": "orggraph"}):
        fig.savefig(out, format=fmt, dpi=150, metadata=metadata)
    return out.getvalue()


def write_static_map(city: City, path: Path | str, **options: Any) -> Path:
    """Write the picture of the map to ``path``, its format chosen by the extension."""
    target = Path(path)
    data = static_map(city, target.suffix.lower().lstrip("."), **options)

    def write(handle: Any) -> None:
        handle.flush()
        handle.buffer.write(data)

    return write_atomic(target, write)
