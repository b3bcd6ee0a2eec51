"""``orggraph scenario compare`` and ``orggraph scenario diff`` as a user runs them."""

from __future__ import annotations

import json

import pytest
from plugin_scenarios import scenario_file
from typer.testing import CliRunner

from orggraph.cli import app
from orggraph.queries import METRIC_KEYS

runner = CliRunner()


@pytest.fixture
def give_b(mini_path):
    return scenario_file(mini_path.parent, "  - give: {domain: B, to: m2}\n", name="B to m2")


def test_compare_table_shows_metrics_disruption_and_changes(mini_path, give_b):
    result = runner.invoke(app, ["scenario", "compare", str(mini_path), str(give_b)])
    assert result.exit_code == 0, result.output
    assert "B to m2" in result.stdout and "COHERENCE INDEX" in result.stdout
    assert "items reassigned" in result.stdout
    assert "Portfolio item 'Wonen' (Wonen) goes from Mia Een to Mo Twee." in result.stdout


def test_compare_json_has_the_documented_shape(mini_path, give_b):
    result = runner.invoke(app, ["scenario", "compare", str(mini_path), str(give_b),
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data["base"]["metrics"]) == list(METRIC_KEYS)
    (entry,) = data["scenarios"]
    assert entry["name"] == "B to m2" and entry["city"] == "mini"
    assert entry["units_moved"] == 0 and entry["items_reassigned"] == 1
    assert entry["metrics"]["domains_split"] == 0 and entry["delta"]["domains_split"] == -1
    assert entry["changes"][0]["kind"] == "item_reassigned"


def test_compare_csv_one_row_per_city(mini_path, give_b, tmp_path):
    target = tmp_path / "out.csv"
    result = runner.invoke(app, ["scenario", "compare", str(mini_path), str(give_b),
                                 "--format", "csv", "--out", str(target)])
    assert result.exit_code == 0, result.output
    lines = target.read_text(encoding="utf-8").splitlines()
    assert [line.split(",")[0] for line in lines] == ["scenario", "base", "B to m2"]


def test_compare_html_needs_out(mini_path, give_b):
    result = runner.invoke(app, ["scenario", "compare", str(mini_path), str(give_b),
                                 "--format", "html"])
    assert result.exit_code == 2 and "--out" in result.output


def test_sort_by_unknown_metric_is_a_usage_error(mini_path, give_b):
    result = runner.invoke(app, ["scenario", "compare", str(mini_path), str(give_b),
                                 "--sort", "coherence"])
    assert result.exit_code == 2 and "coherence_index" in result.output


def test_a_change_that_fails_exits_1_with_file_line_and_index(mini_path):
    bad = scenario_file(mini_path.parent, "  - rename: {id: c1, name: X}\n"
                                          "  - move: {unit: s11, to: c2}\n")
    result = runner.invoke(app, ["scenario", "compare", str(mini_path), str(bad)])
    assert result.exit_code == 1
    assert "scenario.yaml:6: change 2 (move): there is no unit 's11'." in result.stderr
    assert "Did you mean 's1'?" in result.stderr and "Traceback" not in result.output


def test_an_invalid_file_exits_1_and_writes_nothing(mini_path, tmp_path):
    bad = scenario_file(mini_path.parent, "  - mvoe: {unit: s1, to: c2}\n")
    target = tmp_path / "report.html"
    result = runner.invoke(app, ["scenario", "compare", str(mini_path), str(bad),
                                 "--format", "html", "--out", str(target)])
    assert result.exit_code == 1 and "Did you mean 'move'?" in result.stderr
    assert not target.exists() and not list(tmp_path.glob(".report.html*"))


def test_another_base_gets_a_note(mini_path, tmp_path):
    other = scenario_file(mini_path.parent, "  - give: {domain: B, to: m2}\n", base="gent.yaml")
    result = runner.invoke(app, ["scenario", "compare", str(mini_path), str(other)])
    assert result.exit_code == 0
    assert "was written for the base" in result.stderr


def test_diff_between_a_dataset_and_a_scenario(mini_path):
    path = scenario_file(mini_path.parent, "  - move: {unit: s2, to: c2}\n", name="Move")
    result = runner.invoke(app, ["scenario", "diff", str(mini_path), str(path)])
    assert result.exit_code == 0, result.output
    assert "Dienst Wonen moves from Cluster Een to Cluster Twee." in result.stdout
    as_json = runner.invoke(app, ["scenario", "diff", str(mini_path), str(path),
                                  "--format", "json"])
    assert json.loads(as_json.stdout)["units_moved"] == 1


def test_diff_of_a_city_with_itself_is_empty(mini_path):
    result = runner.invoke(app, ["scenario", "diff", str(mini_path), str(mini_path)])
    assert result.exit_code == 0 and "No differences." in result.stdout


def test_diff_with_a_missing_file_exits_1(mini_path, tmp_path):
    result = runner.invoke(app, ["scenario", "diff", str(mini_path), str(tmp_path / "x.yaml")])
    assert result.exit_code == 1 and "no such file" in result.stderr
