"""``orggraph scenario compare`` and ``scenario diff``: redesign scenarios (docs/design.md §4)."""

# Annotations stay objects, not strings (no `from __future__ import annotations`): Typer
# reads every command's signature at every start (see orggraph/commands/__init__.py).

import io
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from orggraph.commands.common import App, LiteralConsole, check_sort, err, out, styled
from orggraph.errors import UsageError
from orggraph.literal import strict_json

__all__ = ["compare", "diff", "register"]

scenario_app = App(
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
        "units_moved).", show_default=False)] = None,
) -> None:
    """Compare scenarios with the base city, metric by metric, with what each one changes.

    Example: orggraph scenario compare examples/aalst.yaml examples/scenarios/aalst-*.yaml
    --format html --out aalst-scenarios.html
    """
    from orggraph.loaders import load
    from orggraph.queries import METRIC_KEYS
    from orggraph.scenarios import compare as compare_scenarios
    from orggraph.scenarios.apply import load_scenarios
    from orggraph.scenarios.output import DISRUPTION

    check_sort(sort, (*METRIC_KEYS, *DISRUPTION))
    if fmt == CompareFormat.html and out_file is None:
        raise UsageError("--format html: an HTML report needs a file; add --out report.html.")
    city = load(base)
    loaded = load_scenarios(city, scenarios)
    for scenario in loaded:
        _warn_other_base(scenario, base)
    # Only the JSON holds the boundary spanners; the other formats show city-level metrics.
    # Only the HTML report draws the scenarios' cities (their maps); the table and CSV show no
    # per-entity table of a scenario.
    comparison = compare_scenarios(city, loaded, spanners=fmt == CompareFormat.json,
                                   cities=fmt == CompareFormat.html,
                                   tables=fmt in (CompareFormat.json, CompareFormat.html))
    _emit(comparison, fmt, out_file, sort)


def _warn_other_base(scenario, base: Path) -> None:
    named = scenario.base_path
    if named is not None and named.resolve() != base.resolve():
        err.print(styled(("note:", "yellow"), f" scenario '{scenario.name}' ({scenario.path}) "
                         f"was written for the base '{named}'; it is applied to '{base}' as "
                         "given on the command line."))


def _emit(comparison, fmt: CompareFormat, out_file: Path | None, sort: str | None) -> None:
    from orggraph.files import write_atomic
    from orggraph.scenarios.html_report import render_report
    from orggraph.scenarios.output import comparison_table, diff_tables, to_csv

    if fmt == CompareFormat.table:
        tables = [comparison_table(comparison, sort)]
        for result in comparison.ranked(sort):
            tables += diff_tables(result.diff, title=f"What '{result.name}' changes")
        if out_file is None:
            # In a pipe the table keeps its full width, one scenario a column, unwrapped.
            console = out if out.is_terminal else LiteralConsole(
                file=out.file, width=60 + 22 * len(comparison.scenarios), color_system=None,
                highlight=False)
            for table in tables:
                console.print(table)
            return
        console = LiteralConsole(width=60 + 22 * len(comparison.scenarios), file=io.StringIO(),
                                 color_system=None)
        for table in tables:
            console.print(table)
        text = console.file.getvalue()
    elif fmt == CompareFormat.json:
        text = strict_json(comparison.to_json_dict(sort), indent=2, ensure_ascii=False) + "\n"
    elif fmt == CompareFormat.csv:
        text = to_csv(comparison, sort)
    else:
        text = render_report(comparison)
    if out_file is None:
        out.file.write(text)
        return
    write_atomic(out_file, text)
    err.print(styled(("wrote", "green"), f" {out_file}"))


def _city(path: Path):
    """Load a dataset, or a scenario applied to the base it names; return it and its name."""
    from orggraph.scenarios.apply import load_applied

    city, scenario = load_applied(path)
    return city, scenario.name if scenario is not None else city.city.name


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

    (city_a, name_a), (city_b, name_b) = _city(a), _city(b)
    result = diff_cities(city_a, city_b)
    if fmt == DiffFormat.json:
        out.file.write(strict_json({"a": name_a, "b": name_b, **result.to_json_dict()},
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
