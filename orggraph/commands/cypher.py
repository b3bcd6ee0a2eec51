"""``orggraph push`` and ``orggraph cypher``: cities into Neo4j or FalkorDB, and Cypher out."""

from __future__ import annotations

import csv
import io
import json
import re
from contextlib import ExitStack
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from orggraph.commands.common import Paths, err, fail, out
from orggraph.errors import OrggraphError

__all__ = ["Format", "parse_param", "plain", "print_rows", "register", "rows_text",
           "scenario_label"]

Uri = Annotated[str | None, typer.Option(
    "--uri", help="Server address: bolt://, neo4j:// (Neo4j) or falkordb://, redis:// (FalkorDB). "
    "Default: $ORGGRAPH_URI or $NEO4J_URI. The password comes from $ORGGRAPH_PASSWORD.")]
User = Annotated[str | None, typer.Option("--user", help="User name (default: $ORGGRAPH_USER).")]
Database = Annotated[str | None, typer.Option(
    "--database", help="Neo4j database, or FalkorDB graph (default: orggraph).")]


class Format(StrEnum):
    """Output formats of ``orggraph cypher``."""

    table = "table"
    json = "json"
    csv = "csv"


class UsageProblem(OrggraphError):
    """A command line that cannot work as given (exit 2)."""

    exit_code = 2


def parse_param(text: str) -> tuple[str, Any]:
    """Split ``k=v`` and type the value: JSON numbers, lists, booleans, null; else a string.

    >>> parse_param("n=3"), parse_param("ids=[\\"a\\", \\"b\\"]"), parse_param("city=gent")
    (('n', 3), ('ids', ['a', 'b']), ('city', 'gent'))
    """
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise UsageProblem(f"--param needs the form name=value, not '{text}' "
                           "(for example --param city=gent or --param n=5)")
    try:
        parsed = json.loads(value)
    except ValueError:
        parsed = value
    if isinstance(parsed, dict):
        parsed = value
    return name.strip(), parsed


def plain(value: Any) -> Any:
    """Turn engine values (nodes, relationships, maps) into plain JSON-able values."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if hasattr(value, "properties") and isinstance(value.properties, dict):
        return plain(value.properties)  # a FalkorDB node or edge
    if hasattr(value, "items") and hasattr(value, "element_id"):
        return plain(dict(value.items()))  # a Neo4j node or relationship
    return value


def _cell(value: Any) -> str:
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, float) and value.is_integer():
        return str(value)
    return str(value)


def rows_text(columns: list[str], rows: list[list[Any]], fmt: Format) -> str:
    """Return rows as JSON (a list of row objects) or CSV text.

    >>> rows_text(["n"], [[1]], Format.csv)
    'n\\n1\\n'
    """
    if fmt is Format.json:
        records = [dict(zip(columns, (plain(v) for v in row), strict=True)) for row in rows]
        return json.dumps(records, ensure_ascii=False, indent=2, default=str) + "\n"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return buffer.getvalue()


def print_rows(columns: list[str], rows: list[list[Any]], fmt: Format, console=out) -> None:
    """Print rows on ``console``: a table with a row count, JSON or CSV."""
    if fmt is not Format.table:
        console.print(rows_text(columns, rows, fmt), end="", markup=False)
    else:
        from rich.table import Table

        table = Table(*columns, show_lines=False)
        for row in rows:
            table.add_row(*(_cell(v) for v in row))
        console.print(table)
        console.print(f"{len(rows)} row{'s' * (len(rows) != 1)}", style="dim")


def _list_library(fmt: Format) -> None:
    from orggraph.queries.library import library

    queries = list(library().values())
    if fmt is Format.json:
        out.print(json.dumps([{"name": q.name, "description": q.description,
                               "parameters": list(q.parameters)} for q in queries],
                             ensure_ascii=False, indent=2), markup=False)
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

    with Progress(console=err, transient=True) as bar:
        task = bar.add_task(f"pushing {city.id}{'@' + scenario if scenario else ''}", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        return push(engine, city, scenario, progress=advance)


_LABEL = re.compile(r"^[A-Za-z0-9_-]+$")


def _is_scenario(path: Path) -> bool:
    if not path.is_file() or path.suffix.lower() not in (".yaml", ".yml", ".json"):
        return False
    head = path.read_text(encoding="utf-8", errors="replace")[:2000]
    return "orggraph-scenario/" in head


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
    from orggraph.loaders import load

    todo, problems = [], []
    for path in paths:
        try:
            if _is_scenario(path):
                from orggraph.scenarios import apply, load_scenario

                plan = load_scenario(path)
                if plan.base_path is None:
                    raise UsageProblem(f"{path}: the scenario names no base dataset (base:)")
                todo.append((apply(load(plan.base_path), plan),
                             scenario or scenario_label(plan.name)))
            else:
                todo.append((load(path), scenario))
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
    try:
        if scenario is not None and not _LABEL.match(scenario):
            raise UsageProblem(f"--scenario '{scenario}' cannot name a scenario: use letters, "
                               "digits, '-' and '_' only (for example --scenario bundles)")
        todo = _to_push(paths, scenario)
        with _server(uri, user, database) as engine:
            for city, label in todo:
                summary = _progress_push(engine, city, label)
                label = f"{summary.city}@{summary.scenario}" if summary.scenario else summary.city
                out.print(f"[green]pushed[/] {label} to {engine.location}: {summary.nodes} nodes, "
                          f"{summary.relationships} relationships")
    except OrggraphError as error:
        raise fail(error) from None


def cypher_command(
    query: Annotated[str | None, typer.Argument(
        help="A Cypher query (or use --name for a library query).", show_default=False)] = None,
    name: Annotated[str | None, typer.Option(
        "--name", help="Run a query of the library by name (see --list).")] = None,
    data: Annotated[list[Path] | None, typer.Option(
        "--data", help="Load this dataset into a private local engine (repeat for more).")] = None,
    param: Annotated[list[str] | None, typer.Option(
        "--param", help="A query parameter name=value; numbers, [lists] and true/false are "
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
    try:
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
    except OrggraphError as error:
        raise fail(error) from None


def _query_and_params(query: str | None, name: str | None,
                      raw: list[str]) -> tuple[str, dict[str, Any]]:
    if (query is None) == (name is None):
        raise UsageProblem("give either a Cypher query or --name NAME (see orggraph cypher "
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
        raise UsageProblem(f"the query '{name}' needs {needed}")
    check_known(engine, params, unit_parameters(parameter_help))


def _open(stack: ExitStack, data: list[Path], uri: str | None, user: str | None,
          database: str | None, params: dict[str, Any]):
    if data:
        from orggraph.engines import LocalFalkorDB, push

        if uri:
            raise UsageProblem("give --data (a private local engine) or --uri (a server), "
                               "not both")
        cities = _load_all(data)
        engine = stack.enter_context(LocalFalkorDB(graph=database))
        for city in cities:
            push(engine, city)
        if len(cities) == 1:
            params.setdefault("city", cities[0].id)
        return engine
    return stack.enter_context(_server(uri, user, database))


def _server(uri: str | None, user: str | None, database: str | None):
    """Return the engine at --uri (or ORGGRAPH_URI), else the running local engine."""
    from orggraph.engines import Settings, connect
    from orggraph.engines.service import local_engine

    settings = Settings.resolve(uri, user, database)
    return connect(settings) if settings.uri else local_engine(graph=database)


def register(app: typer.Typer) -> None:
    """Add ``push`` and ``cypher`` to the command line."""
    app.command("push")(push_command)
    app.command("cypher")(cypher_command)
