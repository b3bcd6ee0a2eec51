"""Colours and shapes of the map: one place, so that the legend and the nodes always agree.

Colours are a qualitative palette of 17 colours picked from Kelly's, ColorBrewer's "Paired" and
Tableau's by greedy max-min CIEDE2000 difference: any 12 or more used at once differ by ΔE00 ≥ 17
(see :mod:`orggraph.maps.colour_difference` and ``tests/test_maps_palette.py``), the first ones
most of all. Grey is kept for "other" only. Shapes are vis-network shapes that draw their label
*below* the node, because only those scale with the node's size (fte).

>>> colour_for(0), colour_for(len(PALETTE))  # the palette cycles
('#1f78b4', '#1f78b4')
>>> UNIT_SHAPES["cluster"].shape
'hexagon'
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "CHANGED_COLOUR",
    "FOCUS_COLOUR",
    "MIXED_COLOUR",
    "NEUTRAL_COLOUR",
    "NONE_COLOUR",
    "OTHER_COLOUR",
    "OTHER_TOP_COLOUR",
    "PALETTE",
    "PARTNER_COLOURS",
    "PERSON_COLOUR",
    "PARTNER_RADIUS",
    "PERSON_RADIUS",
    "PROGRAMME_COLOUR",
    "UNIT_SHAPES",
    "Shape",
    "colour_for",
    "text_on",
]

PALETTE: tuple[str, ...] = (
    "#1f78b4", "#f3c300", "#be0032", "#f7b6d2", "#2ca02c", "#9edae5", "#6a3d9a", "#654522",
    "#f38400", "#003f5c", "#98df8a", "#ef5675", "#9c755f", "#00a6a6", "#f99379", "#b07aa1",
    "#c2b280",
)
#: Units the chosen colouring says nothing about (the root, clusters when colouring by alderman).
NEUTRAL_COLOUR = "#dfe3e8"
#: The groups beyond the palette's size, the smallest ones (see colouring._assign).
OTHER_COLOUR = "#9aa3b0"
#: Top-level units that are not clusters (cabinet, strategic cell, agencies, OCMW...).
OTHER_TOP_COLOUR = "#fcfccc"
#: Services that have no owner / no domain under the chosen colouring: dark, so that it cannot
#: be taken for a pale palette colour or the neutral fill of units that are not services.
NONE_COLOUR = "#647064"
#: Services with several owners (or several top-level domains): white with a thick dark border.
MIXED_COLOUR = "#ffffff"
MIXED_BORDER = "#222222"
PERSON_COLOUR = "#34495e"
PROGRAMME_COLOUR = "#fff3b0"
PROGRAMME_BORDER = "#b8860b"
#: Border of the units of the programme given with ``--programme``.
FOCUS_COLOUR = "#ff2d00"
#: Border of the units a scenario changed.
CHANGED_COLOUR = "#d6008f"
#: Partner colours by sector (the quadruple helix, citizen initiatives apart).
PARTNER_COLOURS: dict[str, str] = {
    "civil_society": "#2ca58d",
    "citizen_initiative": "#84bc9c",
    "business": "#3d5a80",
    "knowledge": "#9d4edd",
    "government": "#6c757d",
}


@dataclass(frozen=True)
class Shape:
    """How one unit kind is drawn: a vis-network shape and whether its outline is thick.

    Thick outlines, not dashed ones, tell kinds that share a shape apart: a browser without a
    graphics card draws dashed lines some 20 times slower, which made a 5k-unit map take 10 s a
    frame (benchmarks/bench_map.py).
    """

    shape: str
    thick: bool = False
    label: str = ""


UNIT_SHAPES: dict[str, Shape] = {
    "organisation": Shape("star", label="organisation (root)"),
    "cluster": Shape("hexagon", label="cluster / department group"),
    "department": Shape("square", label="department (afdeling)"),
    "service": Shape("dot", label="service (dienst)"),
    "team": Shape("dot", thick=True, label="team (thick outline)"),
    "staff": Shape("triangle", label="staff service"),
    "strategic_cell": Shape("diamond", label="strategic cell"),
    "cabinet": Shape("triangleDown", label="cabinet"),
    "agency": Shape("square", thick=True, label="agency: AGB, EVA, vzw (thick outline)"),
}
PERSON_SHAPE = Shape("box", label="person")
#: Corner radius of boxes: people square-cornered, partners pill-shaped, to tell them apart.
PERSON_RADIUS = 0
PARTNER_RADIUS = 12
PROGRAMME_SHAPE = Shape("ellipse", label="programme / project")
PARTNER_SHAPE = Shape("box", label="partner")


def _luminance(colour: str) -> float:
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(colour[i:i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def text_on(colour: str) -> str:
    """Return near-black or white, whichever contrasts more with ``colour`` (WCAG 2 ratio).

    >>> text_on("#ffffff"), text_on("#34495e")
    ('#111111', '#ffffff')
    """
    fill = _luminance(colour)
    dark, light = _luminance("#111111"), 1.0
    on_dark = (max(fill, dark) + 0.05) / (min(fill, dark) + 0.05)
    on_light = (light + 0.05) / (fill + 0.05)
    return "#111111" if on_dark >= on_light else "#ffffff"


def colour_for(index: int) -> str:
    """Return the palette colour for the ``index``-th group, cycling past the palette's end."""
    return PALETTE[index % len(PALETTE)]
