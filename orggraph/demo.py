"""``orggraph demo``: the example cities, their headline metrics, a map and a scenario report.

The demo is the first thing a new user runs; it reads only the bundled examples and writes its
files into one folder.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from orggraph.errors import ExportError
from orggraph.examples import CITY_EXAMPLES, example_path
from orggraph.literal import visible
from orggraph.loaders import load
from orggraph.schemas.dataset import City
from orggraph.schemas.enums import SERVICE_KINDS

__all__ = ["MAP_CITY", "SCENARIO_CITY", "run_demo"]

#: The example city whose map the demo writes.
MAP_CITY = "gent"
#: The example city whose redesign scenarios the demo compares.
SCENARIO_CITY = "aalst"


def run_demo(console: Console, out_dir: Path) -> dict[str, Path]:
    """Show the example cities and their headline metrics; write a map and a scenario report.

    Returns the files written, by what they are (``map``, ``scenarios``).
    """
    from orggraph.maps import write_map
    from orggraph.queries import metrics
    from orggraph.queries.metric_tables import comparison_table
    from orggraph.scenarios.html_report import write_example_report

    cities = [load(example_path(name)) for name in CITY_EXAMPLES]
    console.print(_overview(cities))
    results = [metrics(city) for city in cities]
    console.print(comparison_table(results))
    console.print("Published facts with a clearly marked illustrative part (fte, most "
                  "programmes and partners): see the header of each file in examples/.\n")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(f"cannot create the folder {out_dir}: {error.strerror}.") from None
    by_name = dict(zip(CITY_EXAMPLES, zip(cities, results, strict=True), strict=True))
    city, result = by_name[MAP_CITY]
    written = {
        "map": write_map(city, out_dir / f"{MAP_CITY}-map.html", color_by="alderman",
                         metrics=result),
        "scenarios": write_example_report(SCENARIO_CITY,
                                          out_dir / f"{SCENARIO_CITY}-scenarios.html"),
    }
    scenario_city = by_name[SCENARIO_CITY][0].city.name
    console.print(Text.assemble(visible(f"Map of {city.city.name}, services coloured by "
                                        "alderman: "), (visible(str(written["map"])), "bold")))
    console.print(Text.assemble(visible(f"Redesign scenarios for {scenario_city} side by side: "),
                                (visible(str(written["scenarios"])), "bold")))
    console.print("Open them in a browser (they work offline). Next: `orggraph metrics "
                  "examples/gent.yaml`, `orggraph info examples/gent.yaml`, `orggraph cypher "
                  "--list`.")
    return written


def _overview(cities: list[City]) -> Table:
    table = Table(title="Example cities (legislature 2019-2024)", title_justify="left")
    for column in ("city", "units", "services", "college", "programmes", "partners"):
        table.add_column(column, justify="left" if column == "city" else "right")
    for city in cities:
        services = sum(u.kind in SERVICE_KINDS for u in city.units)
        table.add_row(city.city.name, str(len(city.units)), str(services),
                      str(len(city.college)), str(len(city.programmes)), str(len(city.partners)))
    return table
