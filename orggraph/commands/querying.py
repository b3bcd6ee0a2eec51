"""What ``orggraph cypher`` and the shell share: typed parameters, the engine to ask, rows out.

>>> parse_param("n=3")
('n', 3)
"""

from __future__ import annotations

import io
import json
from typing import Any

from orggraph.commands.common import Format, out
from orggraph.errors import UsageError
from orggraph.literal import csv_cell, strict_json

__all__ = ["engine_for", "parse_param", "plain", "print_rows", "rows_text"]


def parse_param(text: str) -> tuple[str, Any]:
    """Split ``k=v`` and type the value: JSON numbers, lists, booleans, null; else a string.

    >>> parse_param("n=3"), parse_param("ids=[\\"a\\", \\"b\\"]"), parse_param("city=gent")
    (('n', 3), ('ids', ['a', 'b']), ('city', 'gent'))
    >>> parse_param("x=NaN")
    ('x', 'NaN')
    """
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise UsageError(f"--param needs the form name=value, not '{text}' "
                           "(for example --param city=gent or --param n=5)")
    try:
        # NaN and Infinity are not JSON numbers: such a value stays text.
        parsed = json.loads(value, parse_constant=_not_a_number)
    except ValueError:
        parsed = value
    if isinstance(parsed, dict):
        parsed = value
    if isinstance(parsed, list) and not all(_is_scalar(item) for item in parsed):
        raise UsageError(f"--param {name.strip()}: a list may hold numbers, text, true/false and "
                         "null, not maps or nested lists")
    return name.strip(), parsed


def _not_a_number(constant: str) -> Any:
    raise ValueError(constant)


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, bool | int | float | str)


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
    return str(value)  # engine values as they are: not rounded, an analyst's query decides


def _csv_cell(value: Any) -> Any:
    value = plain(value)
    return csv_cell(value) if isinstance(value, str) else _cell(value)


def rows_text(columns: list[str], rows: list[list[Any]], fmt: Format) -> str:
    """Return rows as JSON (a list of row objects) or CSV text.

    >>> rows_text(["n"], [[1]], Format.csv)
    'n\\n1\\n'
    """
    if fmt is Format.json:
        records = [dict(zip(columns, (plain(v) for v in row), strict=True)) for row in rows]
        return strict_json(records, ensure_ascii=False, indent=2, default=str) + "\n"
    import csv  # here: every command imports this module, and only CSV output needs it

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([_csv_cell(v) for v in row] for row in rows)
    return buffer.getvalue()


def print_rows(columns: list[str], rows: list[list[Any]], fmt: Format, console=out) -> None:
    """Print rows on ``console``: a table with a row count, JSON or CSV (written as they are)."""
    if fmt is not Format.table:
        console.file.write(rows_text(columns, rows, fmt))
    else:
        from rich.table import Table

        table = Table(*columns, show_lines=False)
        for row in rows:
            table.add_row(*(_cell(v) for v in row))
        console.print(table)
        console.print(f"{len(rows)} row{'s' * (len(rows) != 1)}", style="dim")


def engine_for(uri: str | None, user: str | None, database: str | None):
    """Return the engine at --uri (or ORGGRAPH_URI), else the running local engine."""
    from orggraph.engines import Settings, connect
    from orggraph.engines.service import local_engine

    settings = Settings.resolve(uri, user, database)
    return connect(settings) if settings.uri else local_engine(graph=database)
