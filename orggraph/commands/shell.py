"""``orggraph shell`` (and ``orggraph cypher`` without a query): an interactive Cypher prompt.

A query may span lines; it ends with ``;`` or an empty line. Lines starting with ``:`` are shell
commands (``:help`` lists them). Queries are read-only unless the shell was started with
``--write``. The prompt (prompt_toolkit) keeps a history file next to the local engine's data and
completes labels, relationship types, property keys, library query names and commands.

>>> session = ShellSession(engine=None)
>>> session.feed(":format json")
'output format: json'
>>> session.feed("MATCH (n)"), session.buffer
(None, ['MATCH (n)'])
"""

# Annotations stay objects, not strings (no `from __future__ import annotations`): Typer
# reads every command's signature at every start (see orggraph/commands/__init__.py).

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from orggraph.commands.common import out
from orggraph.errors import OrggraphError, UsageError

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["COMMANDS", "ShellSession", "cypher_completer", "register", "run_shell"]

#: The shell's commands and what they do (``:help``).
COMMANDS = {
    ":list": "list the library queries",
    ":run": ":run NAME - run a library query with the parameters set by :param",
    ":param": ":param name=value - set a query parameter (:param alone shows them)",
    ":format": ":format table|json|csv - how results are shown",
    ":export": ":export FILE - write the last result to FILE (.csv or .json; else the format)",
    ":help": "show this help",
    ":quit": "leave the shell (Ctrl-D too)",
}
_KEYWORDS = ("MATCH", "OPTIONAL", "WHERE", "RETURN", "WITH", "UNWIND", "ORDER BY", "LIMIT",
             "DISTINCT", "COUNT", "COLLECT", "AS", "AND", "OR", "NOT", "IN", "STARTS WITH",
             "CONTAINS", "IS NULL", "IS NOT NULL", "CASE", "WHEN", "THEN", "ELSE", "END")


class ShellSession:
    """The state of one shell: parameters, output format, the last result, the pending query.

    :meth:`feed` takes one input line and returns the text to show, or None while a query is
    still being typed. Errors are returned as text: the shell goes on.
    """

    def __init__(self, engine: Any, *, write: bool = False, console: "Console | None" = None):
        from orggraph.commands.common import Format

        self.engine = engine
        self.write = write
        self.params: dict[str, Any] = {}
        self.format = Format.table
        self.buffer: list[str] = []
        self.last: tuple[list[str], list[list[Any]]] | None = None
        self.console = console or out
        self.done = False

    def feed(self, line: str) -> str | None:
        """Take one input line; run a command or a finished query and return what to show."""
        stripped = line.strip()
        if not self.buffer and stripped.startswith(":"):
            return self._guard(lambda: self.command(stripped))
        if stripped:
            self.buffer.append(line)
        if not self.buffer or (stripped and not stripped.endswith(";")):
            return None
        text = "\n".join(self.buffer).strip().rstrip(";").strip()
        self.buffer = []
        return self._guard(lambda: self.query(text, dict(self.params)))

    def _guard(self, action) -> str | None:
        try:
            return action()
        except OrggraphError as error:
            # The engines' advice is for the command line; in the shell the switch is given when
            # the shell starts.
            return "error: " + str(error).replace(
                "add --write to allow it", "leave the shell and start it with --write to allow it")

    def query(self, text: str, params: dict[str, Any]) -> str | None:
        """Run Cypher text and show its rows in the current format."""
        from orggraph.commands.querying import print_rows

        result = self.engine.run(text, params, write=self.write)
        self.last = (result.columns, result.rows)
        print_rows(result.columns, result.rows, self.format, console=self.console)
        return None

    def command(self, text: str) -> str | None:
        """Run one ``:command``."""
        name, _, arg = text.partition(" ")
        arg = arg.strip()
        handlers = {":list": self._list, ":run": self._run, ":param": self._param,
                    ":format": self._format, ":export": self._export, ":help": self._help,
                    ":quit": self._quit, ":exit": self._quit}
        if name not in handlers:
            near = [c for c in COMMANDS if c.startswith(name[:3])]
            return (f"unknown command {name}" + (f"; did you mean {near[0]}?" if near else "")
                    + " (:help lists the commands)")
        return handlers[name](arg)

    def _list(self, _: str) -> str:
        from orggraph.queries.library import library

        return "\n".join(f"{q.name}  {q.description}" for q in library().values())

    def _run(self, name: str) -> str | None:
        from orggraph.engines.known import check_known, unit_parameters
        from orggraph.queries.library import get_query

        if not name:
            raise UsageError(":run needs a query name, for example :run n_units (see :list)")
        query = get_query(name)
        missing = [p for p in query.parameters if p not in self.params]
        if missing:
            raise UsageError(f"the query '{name}' needs " + ", ".join(
                f":param {p}=..." for p in missing))
        check_known(self.engine, self.params, unit_parameters(query.parameter_help))
        return self.query(query.text, {p: self.params[p] for p in query.parameters})

    def _param(self, arg: str) -> str:
        from orggraph.commands.querying import parse_param

        if arg:
            key, value = parse_param(arg)
            self.params[key] = value
        return ", ".join(f"{k}={v!r}" for k, v in self.params.items()) or "no parameters set"

    def _format(self, arg: str) -> str:
        from orggraph.commands.common import Format

        try:
            self.format = Format(arg)
        except ValueError:
            raise UsageError(":format takes table, json or csv") from None
        return f"output format: {self.format.value}"

    def _export(self, arg: str) -> str:
        import shlex

        from orggraph.commands.common import Format
        from orggraph.commands.querying import rows_text
        from orggraph.files import write_atomic

        if not arg:
            raise UsageError(":export needs a file name, for example :export result.csv")
        if self.last is None:
            raise UsageError("nothing to export yet: run a query first")
        path = Path(shlex.split(arg)[0]).expanduser()
        suffix = path.suffix.lower().lstrip(".")
        fmt = Format(suffix) if suffix in ("csv", "json") else \
            (self.format if self.format is not Format.table else Format.csv)
        write_atomic(path, rows_text(*self.last, fmt))
        return f"wrote {len(self.last[1])} rows to {path} ({fmt.value})"

    def _help(self, _: str) -> str:
        lines = [f"{name:<8} {text}" for name, text in COMMANDS.items()]
        mode = "changes allowed (--write)" if self.write else "read-only"
        return ("A query ends with ';' or an empty line. This shell is " + mode + ".\n"
                + "\n".join(lines))

    def _quit(self, _: str) -> None:
        self.done = True
        return None


def schema_words(engine: Any) -> tuple[list[str], list[str], list[str]]:
    """Return the graph's labels, relationship types and property keys (empty on failure)."""
    found: list[list[str]] = []
    for procedure, column in (("db.labels()", "label"),
                              ("db.relationshipTypes()", "relationshipType"),
                              ("db.propertyKeys()", "propertyKey")):
        try:
            rows = engine.run(f"CALL {procedure} YIELD {column} RETURN {column}").rows
            found.append(sorted(str(r[0]) for r in rows))
        except OrggraphError:
            found.append([])
    return found[0], found[1], found[2]


def cypher_completer(labels: Iterable[str], types: Iterable[str], keys: Iterable[str],
                     queries: Iterable[str]) -> Any:
    """Return a prompt_toolkit completer for commands, library names after ``:run``, and the
    labels (after ``:``), relationship types (after ``[:``) and property keys (after ``.``) of
    queries."""
    from prompt_toolkit.completion import Completer, Completion

    labels, types, keys, queries = list(labels), list(types), list(keys), list(queries)
    word_pattern = re.compile(r"[A-Za-z0-9_]+")

    class CypherCompleter(Completer):
        def get_completions(self, document, complete_event) -> Iterator[Completion]:
            text = document.text_before_cursor
            candidates: Iterable[str]
            if text.lstrip().startswith(":run "):
                word, candidates = text.split(" ", 1)[1].strip(), queries
            elif text.lstrip().startswith(":") and " " not in text.strip():
                word, candidates = text.strip(), COMMANDS
            else:
                word = document.get_word_before_cursor(pattern=word_pattern)
                before = text[:len(text) - len(word)]
                if before.endswith("[:") or re.search(r"\[\w*:$", before):
                    candidates = types
                elif before.endswith(":"):
                    candidates = labels
                elif before.endswith("."):
                    candidates = keys
                else:
                    candidates = [*labels, *types, *keys, *_KEYWORDS]
            for candidate in dict.fromkeys(candidates):
                if word and candidate.lower().startswith(word.lower()) and candidate != word:
                    yield Completion(candidate, start_position=-len(word))

    return CypherCompleter()


def run_shell(engine: Any, *, write: bool = False, history: Path | None = None,
              input: Any = None, output: Any = None, console: "Console | None" = None) -> None:
    """Read lines at a prompt until :quit or end of input; ``input``/``output`` for tests."""
    from prompt_toolkit import PromptSession
    from prompt_toolkit.history import FileHistory, InMemoryHistory

    from orggraph.queries.library import library

    session = ShellSession(engine, write=write, console=console)
    say = (console or out).print
    labels, types, keys = schema_words(engine)
    prompt = PromptSession(
        history=FileHistory(str(history)) if history else InMemoryHistory(),
        completer=cypher_completer(labels, types, keys, library()), input=input, output=output)
    say(f"orggraph shell on {engine.location} ({'changes allowed' if write else 'read-only'}); "
        ":help for help, :quit to leave")
    while not session.done:
        try:
            line = prompt.prompt("...> " if session.buffer else "cypher> ")
        except KeyboardInterrupt:
            session.buffer = []
            continue
        except EOFError:
            break
        shown = session.feed(line)
        if shown:
            say(shown)


def history_file() -> Path:
    """Return the shell's history file, next to the local engine's data."""
    from orggraph.engines.service import engine_home

    root = engine_home().root
    root.mkdir(parents=True, exist_ok=True)
    return root / "shell_history"


def shell_command(
    write: Annotated[bool, typer.Option(
        "--write", help="Allow queries to change the graph (read-only otherwise).")] = False,
    uri: Annotated[str | None, typer.Option(
        "--uri", help="Server address (default: $ORGGRAPH_URI, else the local engine).")] = None,
    user: Annotated[str | None, typer.Option("--user", help="User name.")] = None,
    database: Annotated[str | None, typer.Option(
        "--database", help="Neo4j database, or FalkorDB graph (default: orggraph).")] = None,
) -> None:
    """Open an interactive Cypher prompt on the local engine (or --uri).

    Example: orggraph shell
    """
    open_shell(write, uri, user, database)


def open_shell(write: bool, uri: str | None, user: str | None, database: str | None) -> None:
    """Connect and run the shell; what ``orggraph cypher`` without a query does too."""
    from orggraph.commands.querying import engine_for

    with engine_for(uri, user, database) as engine:
        run_shell(engine, write=write, history=history_file())


def register(app: typer.Typer) -> None:
    """Add ``shell`` to the command line."""
    app.command("shell")(shell_command)
