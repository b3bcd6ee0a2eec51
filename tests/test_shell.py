"""The interactive shell driven through prompt_toolkit's pipe input, on the real local FalkorDB."""

from __future__ import annotations

import io
import json

import pytest
from prompt_toolkit.document import Document
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from orggraph.commands.shell import ShellSession, cypher_completer, run_shell
from orggraph.examples import load_example


def drive(engine, lines: list[str], *, write: bool = False) -> str:
    """Type ``lines`` into a shell on ``engine`` and return everything it printed."""
    shown = io.StringIO()
    console = Console(file=shown, width=200, color_system=None)
    with create_pipe_input() as pipe:
        pipe.send_text("".join(line + "\n" for line in lines))
        pipe.close()
        run_shell(engine, write=write, input=pipe, output=DummyOutput(), console=console)
    return shown.getvalue()


@pytest.mark.falkordb
def test_a_multi_line_query_ends_with_a_semicolon(falkordb_examples):
    tiny = load_example("tiny")
    text = drive(falkordb_examples, [
        "MATCH (u:Unit)", "WHERE u.uid STARTS WITH 'tiny:'", "RETURN count(u) AS units;", ":quit"])
    assert f"│ {len(tiny.units)} " in text  # every unit of the dataset


@pytest.mark.falkordb
def test_a_library_query_with_a_parameter_then_an_export(falkordb_examples, tmp_path):
    target = tmp_path / "units.json"
    text = drive(falkordb_examples, [
        ":param city=tiny", ":format csv", ":run n_units", f":export {target}", ":quit"])
    n = len(load_example("tiny").units)
    assert f"n_units\n{n}\n" in text
    assert json.loads(target.read_text()) == [{"n_units": n}]


@pytest.mark.falkordb
def test_a_write_is_refused_without_write(falkordb_examples):
    text = drive(falkordb_examples, ["CREATE (:Scratch {n: 1});", ":quit"])
    assert "read-only" in text and "start it with --write" in text
    rows = falkordb_examples.run("MATCH (s:Scratch) RETURN count(s)").rows
    assert rows == [[0]]


@pytest.mark.falkordb
def test_an_unknown_city_in_the_shell_names_the_closest(falkordb_examples):
    text = drive(falkordb_examples, [":param city=tinny", ":run n_units", ":quit"])
    assert "no city 'tinny'" in text and "did you mean 'tiny'" in text


@pytest.mark.falkordb
def test_an_empty_line_ends_a_query_too(falkordb):
    text = drive(falkordb, ["RETURN 40 + 2 AS answer", "", ":quit"], write=True)
    assert "│ 42 " in text


def complete(text: str) -> list[str]:
    completer = cypher_completer(["Unit", "Person"], ["PART_OF", "OWNS"], ["name", "fte"],
                                 ["n_units", "n_clusters", "depth"])
    return [c.text for c in completer.get_completions(Document(text), None)]


@pytest.mark.parametrize(("typed", "expected"), [
    ("MATCH (u:Un", ["Unit"]),            # a label after ':'
    ("MATCH (a)-[:PA", ["PART_OF"]),      # a relationship type after '[:'
    ("RETURN u.ft", ["fte"]),             # a property key after '.'
    (":run n_", ["n_units", "n_clusters"]),  # library names
    (":fo", [":format"]),                 # commands
])
def test_completion(typed, expected):
    assert complete(typed) == expected


def test_commands_without_an_engine():
    session = ShellSession(engine=None)
    assert session.feed(":param n=3") == "n=3"
    assert "table, json or csv" in session.feed(":format xml")
    assert "run a query first" in session.feed(":export out.csv")
    assert "unknown command" in session.feed(":frob")
    session.feed(":quit")
    assert session.done
