"""``orggraph scenario compare`` and ``orggraph scenario diff``: redesign scenarios (DESIGN §4)."""

from __future__ import annotations

import io
import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from orggraph.commands.common import err, fail, out
from orggraph.errors import OrggraphError

__all__ = ["compare", "diff", "register"]

scenario_app = typer.Typer(
    name="scenario", no_args_is_help=True,
    help="Compare redesign scenarios with their base city, or see what changed between two "
    "cities.")


class CompareFormat(StrEnum):
    """Output formats of ``scenario compare``."""

    table = "table"
    json = "json"
    csv = "csv"
    html = "html"


class DiffFormat(StrEnum):
    """Output formats of ``scenario diff``."""

    table = "table"
    json = "json"


def _sort_key(value: str | None) -> str | None:
    from orggraph.loaders.suggest import did_you_mean
    from orggraph.queries import METRIC_KEYS

    keys = (*METRIC_KEYS, "units_moved", "items_reassigned")
    if value is not None and value not in keys:
        raise typer.BadParameter(f"'{value}' is not a metric." + did_you_mean(value, keys)
                                 + " Metrics: " + ", ".join(keys) + ".")
    return value


def compare(
    base: Annotated[Path, typer.Argument(help="The base dataset (file or folder).",
                                         show_default=False)],
    scenarios: Annotated[list[Path], typer.Argument(
        help="Scenario files (format: orggraph-scenario/1).", show_default=False)],
    fmt: Annotated[CompareFormat, typer.Option(
        "--format", help="table (terminal), json, csv or html (a report to open in a browser; "
        "needs --out).")] = CompareFormat.table,
    out_file: Annotated[Path | None, typer.Option(
        "--out", help="Write to this file instead of the terminal.", show_default=False,
        dir_okay=False)] = None,
    sort: Annotated[str | None, typer.Option(
        "--sort", help="Rank the scenarios by this metric, best first (e.g. coherence_index, "
        "units_moved).", callback=_sort_key, show_default=False)] = None,
) -> None:
    """Compare scenarios with the base city, metric by metric, with what each one changes.

    Example: orggraph scenario compare examples/aalst.yaml examples/scenarios/aalst-*.yaml
    --format html --out aalst-scenarios.html
    """
    from orggraph.loaders import load
    from orggraph.scenarios import compare as compare_scenarios
    from orggraph.scenarios import load_scenario

    if fmt == CompareFormat.html and out_file is None:
        raise typer.BadParameter("an HTML report needs a file: add --out report.html.",
                                 param_hint="--format")
    try:
        city = load(base)
        loaded = [load_scenario(path) for path in scenarios]
        for scenario in loaded:
            _warn_other_base(scenario, base)
        # Only the JSON holds the boundary spanners; the other formats show city-level metrics.
        comparison = compare_scenarios(city, loaded, spanners=fmt == CompareFormat.json)
        _emit(comparison, fmt, out_file, sort)
    except OrggraphError as error:
        raise fail(error) from None


def _warn_other_base(scenario, base: Path) -> None:
    named = scenario.base_path
    if named is not None and named.resolve() != base.resolve():
        err.print(f"[yellow]note:[/] scenario '{scenario.name}' ({scenario.path}) was written "
                  f"for the base '{named}'; it is applied to '{base}' as given on the command "
                  "line.", markup=True, highlight=False)


def _emit(comparison, fmt: CompareFormat, out_file: Path | None, sort: str | None) -> None:
    from orggraph.scenarios.output import comparison_table, diff_tables, to_csv, write_atomic
    from orggraph.scenarios.report import render_report

    if fmt == CompareFormat.table:
        tables = [comparison_table(comparison, sort)]
        for result in comparison.ranked(sort):
            tables += diff_tables(result.diff, title=f"What '{result.name}' changes")
        from rich.console import Console

        if out_file is None:
            # In a pipe the table keeps its full width, one scenario a column, unwrapped.
            console = out if out.is_terminal else Console(
                file=out.file, width=60 + 22 * len(comparison.scenarios), color_system=None,
                highlight=False)
            for table in tables:
                console.print(table)
            return
        console = Console(width=60 + 22 * len(comparison.scenarios), file=io.StringIO(),
                          color_system=None)
        for table in tables:
            console.print(table)
        text = console.file.getvalue()
    elif fmt == CompareFormat.json:
        text = json.dumps(comparison.to_json_dict(sort), indent=2, ensure_ascii=False) + "\n"
    elif fmt == CompareFormat.csv:
        text = to_csv(comparison, sort)
    else:
        text = render_report(comparison)
    if out_file is None:
        out.file.write(text)
        return
    write_atomic(text, out_file)
    err.print(f"[green]wrote[/] {out_file}")


def _city(path: Path):
    """Load a dataset, or a scenario applied to the base it names."""
    from orggraph.errors import InvalidDataError, Problem
    from orggraph.loaders import load
    from orggraph.scenarios import apply, load_scenario

    if path.is_file() and _is_scenario(path):
        scenario = load_scenario(path)
        if scenario.base_path is None:
            raise InvalidDataError([Problem(path, None, "this scenario names no `base` dataset; "
                                            "add `base: <dataset file>` to compare it.")])
        return apply(load(scenario.base_path), scenario), scenario.name
    city = load(path)
    return city, city.city.name


def _is_scenario(path: Path) -> bool:
    try:
        head = path.read_text(encoding="utf-8-sig")[:4000]
    except (OSError, UnicodeDecodeError):
        return False
    return "orggraph-scenario/" in head


def diff(
    a: Annotated[Path, typer.Argument(help="The first city: a dataset or a scenario file.",
                                      show_default=False)],
    b: Annotated[Path, typer.Argument(help="The second city: a dataset or a scenario file.",
                                      show_default=False)],
    fmt: Annotated[DiffFormat, typer.Option("--format", help="table or json.")]
    = DiffFormat.table,
) -> None:
    """Show what moved, appeared and disappeared between two cities or scenarios.

    Works across legislatures of one city too: entities are matched by id.

    Example: orggraph scenario diff examples/aalst.yaml examples/scenarios/aalst-omgeving.yaml
    """
    from orggraph.scenarios import diff as diff_cities
    from orggraph.scenarios.output import diff_tables

    try:
        (city_a, name_a), (city_b, name_b) = _city(a), _city(b)
        result = diff_cities(city_a, city_b)
    except OrggraphError as error:
        raise fail(error) from None
    if fmt == DiffFormat.json:
        out.file.write(json.dumps({"a": name_a, "b": name_b, **result.to_json_dict()},
                                  indent=2, ensure_ascii=False) + "\n")
        return
    for table in diff_tables(result, title=f"From {name_a} to {name_b}"):
        out.print(table)


def register(app: typer.Typer) -> None:
    """Add ``orggraph scenario compare``, ``diff`` and ``propose`` to the command line."""
    scenario_app.command("compare")(compare)
    scenario_app.command("diff")(diff)
    from orggraph.commands.propose import propose

    scenario_app.command("propose")(propose)
    app.add_typer(scenario_app, name="scenario")
