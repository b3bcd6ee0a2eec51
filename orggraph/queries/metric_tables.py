"""Present metrics for people: rich tables for a terminal, CSV rows for spreadsheets.

Several cities are shown with one column per city and one row per metric: 25 metrics do not fit
side by side in a terminal of 100–120 columns, whereas four to ten cities do, and a reader scans a
metric across cities on one line. CSV output keeps one row per city, which is what spreadsheets and
scripts expect.

Numbers follow the ``metric`` rules of :mod:`orggraph.numbers`.

>>> _shown("transversality_index", 60.119), _shown("ei_index", None), _shown("n_units", 10)
('60.1', '—', '10')
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from orggraph.literal import csv_cell
from orggraph.numbers import NULL, format_number
from orggraph.queries.keys import DIRECTION, HEADLINE_KEYS, INDEX_KEYS, LABELS, METRIC_KEYS
from orggraph.queries.result import CityMetrics, MetricValue

if TYPE_CHECKING:  # rich is imported by the functions that draw tables, not for JSON or CSV
    from rich.table import Table

__all__ = [
    "NULL",
    "city_tables",
    "comparison_table",
    "metrics_csv",
    "sort_results",
]

_ARROWS = {1: "↑", -1: "↓", 0: ""}


def _shown(key: str, value: MetricValue) -> str:
    return format_number(value, index=key in INDEX_KEYS)


def _label(key: str) -> str:
    arrow = _ARROWS[DIRECTION[key]]
    return f"{LABELS[key]} {arrow}".rstrip()


def _metric_table(result: CityMetrics, keys: Sequence[str], title: str) -> Table:
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    table.add_column("metric")
    table.add_column("key", style="dim")
    table.add_column("value", justify="right")
    for key in keys:
        table.add_row(_label(key), key, _shown(key, result.metrics[key]))
    return table


def _rows_table(title: str, columns: Sequence[str], rows: list[list[str]]) -> Table:
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for i, column in enumerate(columns):
        numeric = all(_is_number(row[i]) for row in rows)
        table.add_column(column, justify="right" if numeric and rows else "left")
    for row in rows:
        table.add_row(*row)
    return table


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return text == NULL
    return True


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def city_tables(result: CityMetrics) -> list[Table]:
    """Return the tables of one city: headline indices, every other metric, per-entity tables."""
    name = result.name or result.city
    rest = [k for k in METRIC_KEYS if k not in HEADLINE_KEYS]
    return [
        _metric_table(result, HEADLINE_KEYS, f"{name}: headline metrics (↑ higher is better, "
                                             "↓ lower is better)"),
        _metric_table(result, rest, f"{name}: all other metrics"),
        _rows_table("College members", ["member", "role", "clusters", "services", "domains"],
                    [[a.name, a.role, str(a.cluster_span), str(a.services), ", ".join(a.domains)]
                     for a in result.aldermen]),
        _rows_table("Clusters", ["cluster", "support", "aldermen", "services", "fte"],
                    [[c.name, _yes(c.support), str(c.aldermen), str(c.services),
                      format_number(c.fte, "fte")] for c in result.clusters]),
        _rows_table("Top-level domains", ["domain", "split", "holders"],
                    [[d.name, _yes(d.split), str(d.holders)] for d in result.domains]),
        _rows_table("Programmes", ["programme", "kind", "units", "clusters", "aldermen",
                                   "transversal", "quadruple helix"],
                    [[p.name, p.kind, str(p.units), str(p.clusters), str(p.aldermen),
                      _yes(p.transversal), _yes(p.quadruple_helix)]
                     for p in result.programmes]),
        _rows_table("Strategic cells", ["cell", "embedding", "fte"],
                    [[s.name, s.embedding, format_number(s.fte, "fte")]
                     for s in result.strategic_cells]),
        _rows_table("Boundary spanners (betweenness)", ["unit", "kind", "betweenness"],
                    [[b.name, b.kind, format_number(b.betweenness, "score")]
                     for b in result.boundary_spanners]),
    ]


def sort_results(results: Sequence[CityMetrics], key: str | None) -> list[CityMetrics]:
    """Return the results ordered best first by metric ``key`` (highest first for neutral
    metrics), nulls last; in the given order when ``key`` is None."""
    if key is None:
        return list(results)
    sign = -1 if DIRECTION.get(key, 0) >= 0 else 1
    present = [r for r in results if r.metrics[key] is not None]
    missing = [r for r in results if r.metrics[key] is None]
    return sorted(present, key=lambda r: sign * r.metrics[key]) + missing  # type: ignore[operator]


def comparison_table(results: Sequence[CityMetrics], keys: Sequence[str] = HEADLINE_KEYS,
                     sort: str | None = None, title: str = "Cities side by side") -> Table:
    """Return a table with one column per city and one row per metric (see module docstring).

    ``orggraph demo`` prints ``comparison_table(results)`` for the example cities' headline
    metrics; ``orggraph metrics`` passes every key.
    """
    ordered = sort_results(results, sort)
    suffix = f", best first by {sort}" if sort else ""
    from rich.table import Table

    table = Table(title=title + suffix, title_justify="left")
    table.add_column("metric")
    for r in ordered:
        table.add_column(r.name or r.city, justify="right")
    for key in keys:
        style = "bold" if key in INDEX_KEYS else None
        table.add_row(_label(key), *(_shown(key, r.metrics[key]) for r in ordered),
                      style=style)
    return table


def metrics_csv(results: Sequence[CityMetrics]) -> str:
    """Return CSV text with one row per city: ``city``, ``name`` and every metric key (empty for
    null).

    >>> metrics_csv([CityMetrics(city="x", name="X", metrics={"n_units": 3})]).splitlines()[1][:8]
    'x,X,3,,,'
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["city", "name", *METRIC_KEYS])
    for r in results:
        writer.writerow([csv_cell(r.city), csv_cell(r.name),
                         *("" if r.metrics.get(k) is None else r.metrics[k]
                                           for k in METRIC_KEYS)])
    return buffer.getvalue()
