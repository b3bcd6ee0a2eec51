"""``orggraph metrics`` on the command line."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from orggraph.cli import app
from orggraph.examples import example_path
from orggraph.queries import METRIC_KEYS

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, ["metrics", *args])


def test_json_one_city():
    result = run(str(example_path("tiny")), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["city"] == "tiny" and list(data["metrics"]) == list(METRIC_KEYS)
    assert data["metrics"]["domains_split"] == 1


def test_json_several_cities_is_a_list_sorted_best_first():
    result = run(str(example_path("tiny")), str(example_path("gent")), "-f", "json",
                 "--sort", "domains_split")
    assert result.exit_code == 0, result.output
    # domains_split: lower is better, so tiny (1) comes before gent.
    assert [d["city"] for d in json.loads(result.stdout)] == ["tiny", "gent"]


def test_csv_has_one_row_per_city_and_empty_nulls(tmp_path, write):
    empty = write("empty.yaml", "format: orggraph/1\ncity: {id: leeg, name: Leeg}\n"
                  "units:\n  - {id: r, name: R, kind: organisation}\n")
    target = tmp_path / "out.csv"
    result = run(str(example_path("tiny")), str(empty), "-f", "csv", "--out", str(target))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert [r["city"] for r in rows] == ["tiny", "leeg"]
    assert rows[1]["ei_index"] == "" and rows[0]["n_units"] == "10"
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]


def test_table_shows_headline_first_and_null_as_dash(write):
    empty = write("empty.yaml", "format: orggraph/1\ncity: {id: leeg, name: Leeg}\n"
                  "units:\n  - {id: r, name: R, kind: organisation}\n")
    result = run(str(empty))
    assert result.exit_code == 0, result.output
    assert result.stdout.index("TRANSVERSALITY INDEX") < result.stdout.index("hierarchy depth")
    assert "—" in result.stdout


def test_several_cities_side_by_side():
    result = run(str(example_path("tiny")), str(example_path("gent")))
    assert result.exit_code == 0, result.output
    assert "Tinystad" in result.stdout and "Gent" in result.stdout


@pytest.mark.parametrize(("args", "code", "message"), [
    (["--sort", "nope"], 2, "not a metric"),
    (["--format", "xml"], 2, "xml"),
])
def test_usage_errors(args, code, message):
    result = run(str(example_path("tiny")), *args)
    assert result.exit_code == code
    assert message in result.output and "Traceback" not in result.output


def test_invalid_file_exits_1_without_traceback(write):
    bad = write("bad.yaml", "format: orggraph/1\ncity: {id: x, name: X}\nunits: []\n")
    result = run(str(bad))
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_unwritable_out_exits_1(tmp_path):
    result = run(str(example_path("tiny")), "--out", str(tmp_path / "missing" / "m.json"))
    assert result.exit_code == 1 and "cannot write" in result.output
