"""Text forms of a comparison and a diff: rich tables for the terminal, and CSV.

>>> from orggraph.examples import load_example
>>> from orggraph.scenarios.compare import compare
>>> from orggraph.schemas.scenario import Scenario
>>> c = compare(load_example("tiny"), [Scenario(name="Nothing")])
>>> to_csv(c).splitlines()[0].split(",")[:3]
['scenario', 'n_units', 'n_services']
"""

from __future__ import annotations

import csv
import io

from rich.table import Table

from orggraph.literal import csv_cell
from orggraph.numbers import format_change, format_number
from orggraph.queries import LABELS, METRIC_KEYS
from orggraph.queries.keys import INDEX_KEYS
from orggraph.scenarios.compare import Comparison, ScenarioResult
from orggraph.scenarios.diff import KINDS, CityDiff

__all__ = ["DISRUPTION", "HEADINGS", "comparison_table", "diff_tables", "to_csv"]

DISRUPTION = ("units_moved", "items_reassigned")
_STYLE = {"better": "green", "worse": "red"}
#: Headings for the kinds of difference, as a reader would ask about them.
HEADINGS = {
    "clusters_merged": "Clusters merged", "unit_moved": "Units moved to another cluster",
    "unit_reparented": "Units re-hung in the same cluster",
    "item_reassigned": "Portfolio items reassigned", "steer_changed": "Political lines changed",
    "college_joined": "Joined the college", "college_left": "Left the college",
    "alderman_services": "Services gained or lost per college member",
    "programme_changed": "Programmes changed",
    "appeared": "New", "disappeared": "Gone", "renamed": "Renamed",
}


def _cell(result: ScenarioResult, key: str) -> str:
    value = format_number(result.value(key), "scenario")
    change = result.delta(key)
    if change is None or change == 0:
        return value
    style = _STYLE.get(result.verdict(key) or "", "")
    shown = f"{value} ({format_change(change, index=key in INDEX_KEYS)})"
    return f"[{style}]{shown}[/]" if style else shown


def comparison_table(comparison: Comparison, sort: str | None = None) -> Table:
    """Return the side-by-side table: one row a metric, one column the base and each scenario."""
    results = comparison.ranked(sort)
    base = comparison.base_city.city
    table = Table(title=f"{base.name}: scenarios compared with the base "
                  "(green = better, red = worse for transversality or coherence)",
                  title_justify="left")
    table.add_column("metric", no_wrap=True)
    table.add_column("base", justify="right")
    for result in results:
        table.add_column(result.name, justify="right")
    for key in METRIC_KEYS:
        shown = format_number(comparison.base.metrics.get(key), "scenario")
        table.add_row(LABELS.get(key, key), shown,
                      *(_cell(r, key) for r in results),
                      end_section=key == METRIC_KEYS[-1])
    for key in DISRUPTION:
        table.add_row(key.replace("_", " "), "0", *(str(getattr(r.diff, key)) for r in results))
    return table


def diff_tables(d: CityDiff, title: str | None = None) -> list[Table]:
    """Return one table per kind of difference, headed by the disruption figures."""
    head = Table(title=title or f"From {d.a} to {d.b}", title_justify="left", show_header=False)
    head.add_column("what")
    head.add_column("count", justify="right")
    head.add_row("units moved to another cluster", str(d.units_moved))
    head.add_row("portfolio items reassigned", str(d.items_reassigned))
    tables = [head]
    for kind in KINDS:
        found = d.of_kind(kind)
        if not found:
            continue
        table = Table(title=HEADINGS[kind], title_justify="left", show_header=False)
        table.add_column("change")
        for difference in found:
            table.add_row(difference.text)
        tables.append(table)
    if len(tables) == 1:
        head.caption = "No differences."
    return tables


def to_csv(comparison: Comparison, sort: str | None = None) -> str:
    """Return one CSV row per city (the base first) with every metric and the disruption."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["scenario", *METRIC_KEYS, *DISRUPTION])
    writer.writerow(["base", *(_csv(comparison.base.metrics.get(k)) for k in METRIC_KEYS), 0, 0])
    for r in comparison.ranked(sort):
        writer.writerow([csv_cell(r.name), *(_csv(r.value(k)) for k in METRIC_KEYS),
                         r.diff.units_moved, r.diff.items_reassigned])
    return buffer.getvalue()


def _csv(value: float | int | None) -> str:
    return "" if value is None else repr(value) if isinstance(value, float) else str(value)



