"""``orggraph push`` and ``orggraph cypher``: cities into Neo4j or FalkorDB, and Cypher out."""

# Annotations stay objects, not strings (no `from __future__ import annotations`): Typer
# reads every command's signature at every start (see orggraph/commands/__init__.py).

import re
from contextlib import ExitStack
from pathlib import Path
from typing import Annotated, Any

import typer

from orggraph.commands.common import Format, Paths, err, out, styled
from orggraph.commands.querying import engine_for, parse_param, print_rows
from orggraph.errors import UsageError
from orggraph.literal import strict_json

__all__ = ["register", "scenario_label"]

Uri = Annotated[str | None, typer.Option(
    "--uri", help="Server address: bolt://, neo4j:// (Neo4j) or falkordb://, redis:// (FalkorDB). "
    "Default: $ORGGRAPH_URI or $NEO4J_URI. The password comes from $ORGGRAPH_PASSWORD.")]
User = Annotated[str | None, typer.Option("--user", help="User name (default: $ORGGRAPH_USER).")]
Database = Annotated[str | None, typer.Option(
    "--database", help="Neo4j database, or FalkorDB graph (default: orggraph).")]


def _list_library(fmt: Format) -> None:
    from orggraph.queries.library import library

    queries = list(library().values())
    if fmt is Format.json:
        out.file.write(strict_json([{"name": q.name, "description": q.description,
                                     "parameters": list(q.parameters)} for q in queries],
                                   ensure_ascii=False, indent=2) + "\n")
        return
    rows = [[q.name, q.description, ", ".join(q.parameters)] for q in queries]
    print_rows(["name", "description", "parameters"], rows, fmt)


def _load_all(paths: list[Path]) -> list:
    from orggraph.errors import InvalidDataError
    from orggraph.loaders import load

    cities, problems = [], []
    for path in paths:
        try:
            cities.append(load(path))
        except InvalidDataError as error:
            problems.extend(error.problems)
    if problems:
        raise InvalidDataError(problems)
    return cities


def _progress_push(engine, city, scenario: str | None):
    from orggraph.engines import push

    if not out.is_terminal:
        return push(engine, city, scenario)
    from rich.progress import Progress

    with Progress(console=err.console, transient=True) as bar:
        task = bar.add_task(f"pushing {city.id}{'@' + scenario if scenario else ''}", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        return push(engine, city, scenario, progress=advance)


_LABEL = re.compile(r"^[A-Za-z0-9_-]+$")


def scenario_label(name: str) -> str:
    """Turn a scenario's name into the label used in uids.

    >>> scenario_label("Coherent bundles: v2")
    'coherent-bundles-v2'
    """
    return re.sub(r"[^a-z0-9_]+", "-", name.lower()).strip("-") or "scenario"


def _to_push(paths: list[Path], scenario: str | None) -> list[tuple[Any, str | None]]:
    """Return (city, scenario label) for each path: datasets as they are, scenario files applied
    to their base (labelled ``--scenario`` or after the scenario's name)."""
    from orggraph.errors import InvalidDataError
    from orggraph.scenarios.apply import load_applied

    todo, problems = [], []
    for path in paths:
        try:
            city, plan = load_applied(path)
            label = scenario or scenario_label(plan.name) if plan is not None else scenario
            todo.append((city, label))
        except InvalidDataError as error:
            problems.extend(error.problems)
    if problems:
        raise InvalidDataError(problems)
    return todo


def push_command(
    paths: Paths,
    uri: Uri = None,
    user: User = None,
    database: Database = None,
    scenario: Annotated[str | None, typer.Option(
        "--scenario", help="Push as a scenario under this name, next to its base city. A "
        "scenario file (orggraph-scenario/1) is applied to its base first.")] = None,
) -> None:
    """Push cities to Neo4j or FalkorDB, replacing what was pushed before for the same city.

    Without --uri (or ORGGRAPH_URI) it pushes to the local engine (orggraph engine start).

    Example: orggraph push examples/gent.yaml
    """
    if scenario is not None and not _LABEL.match(scenario):
        raise UsageError(f"--scenario '{scenario}' cannot name a scenario: use letters, "
                         "digits, '-' and '_' only (for example --scenario bundles)")
    todo = _to_push(paths, scenario)
    with engine_for(uri, user, database) as engine:
        for city, label in todo:
            summary = _progress_push(engine, city, label)
            label = f"{summary.city}@{summary.scenario}" if summary.scenario else summary.city
            out.print(styled(("pushed", "green"), f" {label} to {engine.location}: "
                             f"{summary.nodes} nodes, {summary.relationships} relationships"))


def cypher_command(
    query: Annotated[str | None, typer.Argument(
        help="A Cypher query (or use --name for a library query).", show_default=False)] = None,
    name: Annotated[str | None, typer.Option(
        "--name", help="Run a query of the library by name (see --list).")] = None,
    data: Annotated[list[Path] | None, typer.Option(
        "--data", help="Load this dataset into a private local engine (repeat for more).")] = None,
    param: Annotated[list[str] | None, typer.Option(
        "--param", help="A query parameter name=value; numbers, \\[lists] and true/false are "
        "typed, anything else is text. Repeat for more.")] = None,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
    write: Annotated[bool, typer.Option(
        "--write", help="Allow the query to change the graph (read-only otherwise).")] = False,
    list_: Annotated[bool, typer.Option("--list", help="List the query library.")] = False,
    uri: Uri = None,
    user: User = None,
    database: Database = None,
) -> None:
    """Run a Cypher query on the local engine, a server (--uri), or datasets (--data).

    Without a query (and without --name) it opens the interactive shell (orggraph shell).

    Example: orggraph cypher --data examples/gent.yaml --name services_without_alderman
    """
    if list_:
        _list_library(fmt)
        return
    if query is None and name is None and not data:
        from orggraph.commands.shell import open_shell

        open_shell(write, uri, user, database)
        return
    text, params = _query_and_params(query, name, param or [])
    with ExitStack() as stack:
        engine = _open(stack, data or [], uri, user, database, params)
        if name is not None:
            _check_params(name, params, engine)
        result = engine.run(text, params, write=write)
    print_rows(result.columns, result.rows, fmt)


def _query_and_params(query: str | None, name: str | None,
                      raw: list[str]) -> tuple[str, dict[str, Any]]:
    if (query is None) == (name is None):
        raise UsageError("give either a Cypher query or --name NAME (see orggraph cypher "
                           "--list), not both and not neither")
    params = dict(parse_param(p) for p in raw)
    if name is None:
        return str(query), params
    from orggraph.queries.library import get_query

    library_query = get_query(name)
    return library_query.text, params


def _check_params(name: str, params: dict[str, Any], engine) -> None:
    from orggraph.engines.known import check_known, unit_parameters
    from orggraph.queries.library import get_query

    parameter_help = get_query(name).parameter_help
    missing = [(p, h) for p, h in parameter_help if p not in params]
    if missing:
        needed = "; ".join(f"--param {p}=... ({h})" for p, h in missing)
        raise UsageError(f"the query '{name}' needs {needed}")
    check_known(engine, params, unit_parameters(parameter_help))


def _open(stack: ExitStack, data: list[Path], uri: str | None, user: str | None,
          database: str | None, params: dict[str, Any]):
    if data:
        from orggraph.engines import LocalFalkorDB, push

        if uri:
            raise UsageError("give --data (a private local engine) or --uri (a server), "
                               "not both")
        cities = _load_all(data)
        engine = stack.enter_context(LocalFalkorDB(graph=database))
        for city in cities:
            push(engine, city)
        if len(cities) == 1:
            params.setdefault("city", cities[0].id)
        return engine
    return stack.enter_context(engine_for(uri, user, database))


def register(app: typer.Typer) -> None:
    """Add ``push`` and ``cypher`` to the command line."""
    app.command("push")(push_command)
    app.command("cypher")(cypher_command)
