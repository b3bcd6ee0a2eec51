"""``orggraph map``: write the interactive map of a city as one HTML file that works offline."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from orggraph.commands.common import OnePath, out, styled

__all__ = ["ColorBy", "Layout", "map_command", "register"]


class ColorBy(StrEnum):
    """What the colours of the units show."""

    cluster = "cluster"
    alderman = "alderman"
    domain = "domain"


class Layout(StrEnum):
    """How the map is laid out."""

    force = "force"
    hierarchy = "hierarchy"


def map_command(
    path: OnePath,
    out_file: Annotated[Path, typer.Option(
        "--out", help="The HTML file to write, e.g. gent-map.html.", show_default=False,
        dir_okay=False)],
    color_by: Annotated[ColorBy, typer.Option(
        "--color-by", help="Colour units by cluster, by owning alderman (the schepenmodel) "
        "or by top-level policy domain.")] = ColorBy.cluster,
    programme: Annotated[str | None, typer.Option(
        "--programme", help="Id of a programme whose units to mark across clusters.",
        show_default=False)] = None,
    layout: Annotated[Layout, typer.Option(
        "--layout", help="force: a network that settles, then stays still; hierarchy: the "
        "organisation tree top-down.")] = Layout.force,
    title: Annotated[str | None, typer.Option(
        "--title", help="Title shown on the map (default: '<city>: organisation map').",
        show_default=False)] = None,
) -> None:
    """Write an interactive map of a city: one HTML file, opened by double-click, no internet.

    Units are drawn by kind (shape) and fte (size) on the organisation tree, with the college, its
    lines to what it steers and owns, programmes and partners; a side panel has the headline
    metrics, a search box, layer switches and the legend.

    Example: orggraph map examples/gent.yaml --out gent-map.html --color-by alderman
    """
    from orggraph.loaders import load
    from orggraph.maps import write_map

    city = load(path)
    written = write_map(city, out_file, color_by=color_by.value, programme=programme,
                        layout=layout.value, title=title)
    out.print(styled(("wrote", "green"), f" {written}: map of {city.city.name}, "
                     f"{len(city.units)} units, coloured by {color_by.value}; open it in a web "
                     "browser."))


def register(app: typer.Typer) -> None:
    """Add ``orggraph map`` to the command line."""
    app.command("map")(map_command)
