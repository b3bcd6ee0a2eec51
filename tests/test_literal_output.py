"""Names are printed as written, and stay harmless in every output format.

A tiny city is renamed with names that look like terminal markup, spreadsheet formulas and
emoji codes. Every output path must show them literally (not as styles, not crashing), CSV must
neutralise formulas as OWASP recommends, and JSON must be strictly valid.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from orggraph.cli import app
from orggraph.examples import example_path

runner = CliRunner()

RENAMES = {
    "name: Tinystad": "name: '=HYPERLINK(\"http://x\";\"klik\")'",
    "name: Stadsbestuur Tinystad": "name: 'Stad [/]'",
    "name: Cluster Ruimte": "name: 'Milieu [incl. natuur]'",
    "name: Dienst Mobiliteit": "name: '[red]rood[/red] [link=http://x]klik[/link] :smile:'",
}


@pytest.fixture
def marked_city(tmp_path):
    text = example_path("tiny").read_text(encoding="utf-8")
    for old, new in RENAMES.items():
        assert old in text
        text = text.replace(old + ",", new + ",").replace(old + "\n", new + "\n")
    path = tmp_path / "marked.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _strict_json(text: str):
    def refuse(constant):
        raise AssertionError(f"invalid JSON constant {constant}")

    return json.loads(text, parse_constant=refuse)


def test_metrics_table_prints_names_literally(marked_city):
    result = runner.invoke(app, ["metrics", str(marked_city)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Milieu [incl. natuur]" in result.stdout
    assert "Traceback" not in result.output


def test_info_prints_markup_and_emoji_codes_literally(marked_city):
    result = runner.invoke(app, ["info", str(marked_city)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "[red]rood[/red] [link=http://x]klik[/link] :smile:" in result.stdout
    assert "Milieu [incl. natuur]" in result.stdout


def test_validate_and_sort_survive_markup(marked_city):
    result = runner.invoke(app, ["validate", str(marked_city)])
    assert result.exit_code == 0 and '=HYPERLINK("http://x";"klik")' in result.stdout
    result = runner.invoke(app, ["metrics", str(marked_city), "--sort", "x[/]"])
    assert result.exit_code == 2 and "'x[/]' is not a metric" in result.stderr


def test_metrics_csv_neutralises_formulas(marked_city):
    result = runner.invoke(app, ["metrics", str(marked_city), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0]["name"] == "'=HYPERLINK(\"http://x\";\"klik\")"


def test_metrics_json_is_strict_and_keeps_names(marked_city):
    result = runner.invoke(app, ["metrics", str(marked_city), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = _strict_json(result.stdout)
    assert any(c["name"] == "Milieu [incl. natuur]" for c in data["clusters"])


def test_scenario_compare_csv_neutralises_scenario_names(marked_city, tmp_path):
    scenario = tmp_path / "evil.yaml"
    scenario.write_text("format: orggraph-scenario/1\nbase: marked.yaml\nname: '@SUM(A1:A9)'\n"
                        "changes:\n  - rename: {id: dienst-wonen, name: '-1+1'}\n",
                        encoding="utf-8")
    result = runner.invoke(app, ["scenario", "compare", str(marked_city), str(scenario),
                                 "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[2][0] == "'@SUM(A1:A9)"


def test_control_characters_in_names_are_refused_and_shown_visibly(write):
    path = write("esc.yaml", 'format: orggraph/1\ncity: {id: t, name: T}\nunits:\n'
                             '- {id: r, name: "Stad\\e]0;TITLE\\a\\e[2J", kind: organisation}\n')
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert "esc.yaml:4" in result.stderr and "U+001B" in result.stderr
    assert "\x1b" not in result.output


def test_control_characters_from_the_command_line_are_shown_visibly(tmp_path):
    missing = tmp_path / "stad\x1b]0;TITLE\x07.yaml"
    result = runner.invoke(app, ["validate", str(missing)])
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "stad\\x1b]0;TITLE\\x07.yaml: no such file" in result.stderr


def test_cypher_csv_cells_are_neutralised_but_numbers_kept(capsys):
    from orggraph.commands.common import Format
    from orggraph.commands.querying import print_rows

    print_rows(["name", "n"], [["=1+1", -3], ["Dienst Wonen", 2.5]], Format.csv)
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows == [["name", "n"], ["'=1+1", "-3"], ["Dienst Wonen", "2.5"]]


def test_cypher_json_writes_non_finite_numbers_as_null(capsys):
    from orggraph.commands.common import Format
    from orggraph.commands.querying import print_rows

    print_rows(["x"], [[float("nan")], [float("inf")], [1.5]], Format.json)
    assert _strict_json(capsys.readouterr().out) == [{"x": None}, {"x": None}, {"x": 1.5}]


def test_option_help_keeps_bracketed_words():
    result = runner.invoke(app, ["cypher", "--help"], env={"COLUMNS": "200"})
    assert "numbers, [lists] and true/false" in result.stdout


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=40), min_size=1, max_size=3),
       st.sampled_from(["", "green", "bold red"]))
def test_plain_lines_print_as_the_rich_console_prints_them(words, style):
    # Lines to a file or a pipe skip rich; the words must be exactly what rich would write.
    from orggraph.commands.common import LiteralConsole, Printer, styled

    objects = [*words[:-1], styled((words[-1], style)) if style else words[-1]]
    expected = io.StringIO()
    LiteralConsole(file=expected, highlight=False, soft_wrap=True).print(*objects)
    printer = Printer()
    got = io.StringIO()
    with contextlib.redirect_stdout(got):
        printer.print(*objects)
    # The plain path is taken, except for tabs (which rich expands by display width).
    assert ("console" in vars(printer)) == ("\t" in "".join(words))
    assert got.getvalue() == expected.getvalue()
