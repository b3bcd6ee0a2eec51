"""The analyst query library: the ``.cypher`` files of ``orggraph/queries/cypher``.

Every file starts with a comment header, then the query::

    // name: services_without_alderman
    // description: Which services no college member steers or holds a portfolio item for.
    // parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario

Queries named after a metric key of docs/design.md §5 compute that metric (one row, one column)
and must equal the Python metric; the others answer questions a policy analyst asks. All stick to
the openCypher that both Neo4j 5 and FalkorDB run (docs/design.md §6).

>>> query = get_query("n_units")
>>> query.parameters
('city',)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from orggraph.errors import OrggraphError

__all__ = ["LibraryQuery", "get_query", "library"]

_HEADER = re.compile(r"^//\s*(name|description|parameter):\s*(.*?)\s*$")


@dataclass(frozen=True)
class LibraryQuery:
    """One query of the library: its name, the question it answers, its parameters and text.

    ``parameter_help`` maps each parameter name to what to pass.
    """

    name: str
    description: str
    parameters: tuple[str, ...]
    parameter_help: tuple[tuple[str, str], ...]
    text: str


def parse(source: str, filename: str = "<query>") -> LibraryQuery:
    """Parse a library file: the header comment, then the Cypher text.

    >>> parse("// name: one\\n// description: One.\\nRETURN 1 AS one\\n").name
    'one'
    """
    fields: dict[str, str] = {}
    params: list[tuple[str, str]] = []
    body: list[str] = []
    for line in source.splitlines():
        found = _HEADER.match(line) if not body else None
        if found and found.group(1) == "parameter":
            name, _, help_text = found.group(2).partition(":")
            params.append((name.strip(), help_text.strip()))
        elif found:
            fields[found.group(1)] = found.group(2)
        elif line.strip() or body:
            body.append(line)
    if "name" not in fields or "description" not in fields or not body:
        raise OrggraphError(f"the library query {filename} lacks its '// name:' or "
                            "'// description:' header or its text")
    return LibraryQuery(name=fields["name"], description=fields["description"],
                        parameters=tuple(name for name, _ in params),
                        parameter_help=tuple(params), text="\n".join(body).strip() + "\n")


@cache
def library() -> dict[str, LibraryQuery]:
    """Return every library query by name, in name order."""
    folder = resources.files("orggraph.queries") / "cypher"
    found = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".cypher"):
            query = parse(entry.read_text(encoding="utf-8"), entry.name)
            found[query.name] = query
    return found


def get_query(name: str) -> LibraryQuery:
    """Return the library query called ``name``; the error lists the closest names."""
    queries = library()
    if name in queries:
        return queries[name]
    import difflib

    close = difflib.get_close_matches(name, list(queries), n=3)
    hint = f" Did you mean {', '.join(close)}?" if close else ""
    raise OrggraphError(f"there is no library query called '{name}'.{hint} "
                        "See them all with `orggraph cypher --list`.")
