"""The ``orggraph`` command line: thin, it parses, calls the package and prints.

Exit codes: 0 ok, 1 invalid input, 2 usage error, 3 backend unreachable.
"""

# Annotations stay objects, not strings (no `from __future__ import annotations`): Typer
# reads every command's signature at every start (see orggraph/commands/__init__.py).

import importlib
import os
import signal
import sys
from pathlib import Path
from typing import Annotated

import typer

from orggraph.commands.common import App, OnePath, Paths, out, plural, styled
from orggraph.errors import InvalidDataError

__all__ = ["app", "main"]

app = App(
    name="orggraph",
    help="Model a city administration as a graph and measure how transversal it is.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)


def _show_version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        out.print(f"orggraph {version('orggraph')}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[bool, typer.Option(
        "--version", callback=_show_version, is_eager=True,
        help="Show the version of orggraph and exit.")] = False,
) -> None:
    """Model a city administration as a graph and measure how transversal it is."""


@app.command()
def validate(paths: Paths) -> None:
    """Check datasets and report every problem with its file and line.

    A scenario file is checked by applying it to the base dataset it names.

    Example: orggraph validate examples/gent.yaml
    """
    from orggraph.loaders import load
    from orggraph.loaders.sources import is_scenario_file

    problems = []
    for path in paths:
        try:
            if is_scenario_file(path):  # scenarios need the scenario machinery: only then
                from orggraph.scenarios.apply import load_applied

                city, scenario = load_applied(path)
            else:
                city, scenario = load(path), None
        except InvalidDataError as error:
            problems.extend(error.problems)
            continue
        what = city.city.name if scenario is None else \
            f"scenario '{scenario.name}' applied to {os.path.normpath(scenario.base_path)}, " \
            f"giving {city.city.name}"
        out.print(styled(("ok", "green"), f" {path}: {what}, "
                         f"{plural(len(city.units), 'unit')}, "
                         f"{plural(len(city.college), 'college member')}, "
                         f"{plural(len(city.programmes), 'programme')}"))
    if problems:
        raise InvalidDataError(problems)


@app.command()
def info(path: OnePath) -> None:
    """Show what is in a dataset: counts per kind, the college, the clusters.

    Example: orggraph info examples/gent.yaml
    """
    from orggraph.info_tables import info_tables
    from orggraph.loaders import load

    city = load(path)
    for table in info_tables(city):
        out.print(table)


@app.command()
def demo(
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for the files the demo writes.")]
    = Path("orggraph-demo"),
) -> None:
    """Load the bundled example cities and show what orggraph sees in them.

    Example: orggraph demo
    """
    from orggraph.demo import run_demo

    run_demo(out, out_dir)


#: Modules of :mod:`orggraph.commands` whose ``register(app)`` adds their commands.
COMMAND_MODULES: tuple[str, ...] = ("synth", "metrics", "map", "scenario", "cypher", "engine",
                                   "shell", "interop")
for _name in COMMAND_MODULES:
    importlib.import_module(f"orggraph.commands.{_name}").register(app)


def main() -> None:
    """Run the command line (the ``orggraph`` script).

    SIGTERM ends the command as Ctrl-C does, through the normal exits, so that a private engine
    is stopped and its folder removed, and a push in progress drops its copy.
    """
    signal.signal(signal.SIGTERM, _terminate)
    app(prog_name="orggraph")


def _terminate(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


if __name__ == "__main__":
    sys.exit(main())
