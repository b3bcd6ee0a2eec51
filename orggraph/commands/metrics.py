"""``orggraph metrics``: the transversality metrics of one or several cities."""

# Annotations stay objects, not strings (no `from __future__ import annotations`): Typer
# reads every command's signature at every start (see orggraph/commands/__init__.py).

import io
from pathlib import Path
from typing import Annotated

import typer

from orggraph.commands.common import Format, LiteralConsole, Paths, check_sort, err, out, styled
from orggraph.literal import strict_json

__all__ = ["Format", "register"]


def _render(results, fmt: Format, sort: str | None, width: int | None) -> str:
    from orggraph.queries.keys import METRIC_KEYS
    from orggraph.queries.metric_tables import (
        city_tables,
        comparison_table,
        metrics_csv,
        sort_results,
    )

    if fmt is Format.json:
        dicts = [r.to_json_dict() for r in sort_results(results, sort)]
        return strict_json(dicts[0] if len(dicts) == 1 else dicts, indent=2,
                           ensure_ascii=False) + "\n"
    if fmt is Format.csv:
        return metrics_csv(sort_results(results, sort))
    buffer = io.StringIO()
    console = LiteralConsole(file=buffer, width=width or 120, highlight=False)
    if len(results) == 1:
        for table in city_tables(results[0]):
            console.print(table)
    else:
        console.print(comparison_table(results, keys=METRIC_KEYS, sort=sort))
    return buffer.getvalue()


def _compute(paths: list[Path]):
    from orggraph.loaders import load
    from orggraph.queries import metrics

    cities = [load(p) for p in paths]
    _warn_other_domains(cities)
    if len(cities) == 1 or not err.is_terminal:
        return [metrics(city) for city in cities]
    from rich.progress import Progress

    results = []
    with Progress(console=err.console, transient=True) as progress:
        task = progress.add_task("computing metrics", total=len(cities))
        for city in cities:
            results.append(metrics(city))
            progress.advance(task)
    return results


def _warn_other_domains(cities) -> None:
    """Say so when cities are compared on different lists of top-level policy domains."""
    from orggraph.core import Core

    tops = {city.id: frozenset(Core(city).top_domain.values()) for city in cities}
    if len(set(tops.values())) <= 1:
        return
    groups: dict[frozenset[str], list[str]] = {}
    for city, top in tops.items():
        groups.setdefault(top, []).append(city)
    listed = "; ".join(f"{', '.join(names)}: {len(top)} top-level domains"
                       for top, names in groups.items())
    err.print(styled(("note:", "yellow"), " these cities use different lists of policy domains "
                     f"({listed}). domains_split, mean_domain_fragmentation and the coherence "
                     "index compare only on the same domains: use `taxonomy: bbc` in each, or "
                     "the same domain ids."))


def metrics_command(
    paths: Paths,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table, json or csv.")]
    = Format.table,
    out_file: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Write to this file instead of the terminal.", dir_okay=False)]
    = None,
    sort: Annotated[str | None, typer.Option(
        "--sort", help="Order cities best first by this metric key (e.g. ei_index).")] = None,
) -> None:
    """Compute the transversality metrics of one or several cities.

    One city: headline indices first, then every metric and the per-college-member, cluster,
    domain, programme, strategic cell and boundary spanner tables. Several cities: one column
    per city, side by side (CSV and JSON: one row or object per city).

    Example: orggraph metrics examples/gent.yaml examples/antwerpen.yaml --sort coherence_index
    """
    from orggraph.queries.keys import METRIC_KEYS

    check_sort(sort, METRIC_KEYS)
    results = _compute(paths)
    if out_file is not None:
        from orggraph.files import write_atomic

        write_atomic(out_file, _render(results, fmt, sort, width=120))
        err.print(f"wrote {out_file}")
    elif fmt is Format.table:
        _print_tables(results, sort)
    else:
        out.file.write(_render(results, fmt, sort, width=None))


def _print_tables(results, sort: str | None) -> None:
    from orggraph.queries.keys import METRIC_KEYS
    from orggraph.queries.metric_tables import city_tables, comparison_table

    if len(results) == 1:
        for table in city_tables(results[0]):
            out.print(table)
    else:
        out.print(comparison_table(results, keys=METRIC_KEYS, sort=sort))


def register(app: typer.Typer) -> None:
    """Add ``orggraph metrics`` to the command line."""
    app.command("metrics")(metrics_command)
