"""``orggraph map``: write the interactive map of a city (one HTML file that works offline) or a
picture of it (SVG, PNG or PDF, chosen by the extension)."""

# Annotations stay objects, not strings (no `from __future__ import annotations`): Typer
# reads every command's signature at every start (see orggraph/commands/__init__.py).

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from orggraph.commands.common import OnePath, out, styled
from orggraph.errors import UsageError

__all__ = ["ColorBy", "Layout", "map_command", "register"]

_SUFFIXES = (".html", ".htm", ".svg", ".png", ".pdf")


class ColorBy(StrEnum):
    """What the colours of the units show."""

    cluster = "cluster"
    alderman = "alderman"
    domain = "domain"


class Layout(StrEnum):
    """How the map is laid out."""

    hierarchy = "hierarchy"
    force = "force"


def map_command(
    path: OnePath,
    out_file: Annotated[Path, typer.Option(
        "--out", help="The file to write: .html for the interactive map (e.g. gent-map.html), "
        ".svg, .png or .pdf for a picture of it.", show_default=False,
        dir_okay=False)],
    color_by: Annotated[ColorBy, typer.Option(
        "--color-by", help="Colour units by cluster, by owning alderman (the schepenmodel) "
        "or by top-level policy domain.")] = ColorBy.cluster,
    programme: Annotated[str | None, typer.Option(
        "--programme", help="Id of a programme whose units to mark across clusters; the map "
        "opens focused on it.",
        show_default=False)] = None,
    layout: Annotated[Layout, typer.Option(
        "--layout", help="hierarchy: an org chart, top to bottom, one box per cluster (cities "
        "above 300 units open with one node per cluster); force: a network that settles, then "
        "stays still.")] = Layout.hierarchy,
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

    suffix = out_file.suffix.lower()
    if suffix not in _SUFFIXES:
        raise UsageError(
            f"--out: cannot tell what to write from '{out_file.name}': end the file name in "
            ".html (interactive map), .svg, .png or .pdf (picture).")
    options = {"color_by": color_by.value, "programme": programme, "layout": layout.value,
               "title": title}
    city = load(path)
    if suffix == ".html":
        from orggraph.maps import write_map

        written = write_map(city, out_file, **options)
    else:
        from orggraph.maps.static import write_static_map

        written = write_static_map(city, out_file, **options)
    what = "open it in a web browser" if suffix == ".html" else "a picture for slides and reports"
    out.print(styled(("wrote", "green"), f" {written}: map of {city.city.name}, "
                     f"{len(city.units)} units, coloured by {color_by.value}; {what}."))


def register(app: typer.Typer) -> None:
    """Add ``orggraph map`` to the command line."""
    app.command("map")(map_command)
