"""``orggraph scenario propose`` as a user runs it: files written, messages, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orggraph import apply, load, metrics
from orggraph.cli import app
from orggraph.examples import example_path
from orggraph.propose.constraints import SCHEMA_FILE, constraints_schema
from orggraph.queries import METRIC_KEYS
from orggraph.scenarios import diff, load_scenario

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def _propose(*args: str):
    return runner.invoke(app, ["scenario", "propose", *args])


@pytest.fixture(scope="module")
def aalst_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("proposals") / "aalst"
    result = _propose(str(example_path("aalst")), "--out", str(out), "--max-upheaval", "3",
                      "--time-limit", "4")
    assert result.exit_code == 0, result.output
    return out, result


def test_every_written_proposal_validates_applies_and_has_its_exact_metrics(aalst_out):
    out, _ = aalst_out
    summary = json.loads((out / "proposals.json").read_text(encoding="utf-8"))
    assert summary["proposals"], "Aalst has proposals that beat its base"
    for entry in summary["proposals"]:
        scenario = load_scenario(out / entry["file"])  # validates the file
        base = load(scenario.base_path)  # `base` resolves from the proposal's own folder
        city = apply(base, scenario)
        exact = metrics(city, spanners=False).metrics
        for key in METRIC_KEYS:
            assert entry["metrics"][key] == pytest.approx(exact[key]), key
        d = diff(base, city)
        assert (d.items_reassigned, d.units_moved) == (entry["items_reassigned"],
                                                       entry["units_moved"])
        assert d.items_reassigned + d.units_moved <= entry["budget"]


def test_the_base_is_written_relative_to_the_output_folder(aalst_out):
    out, _ = aalst_out
    text = next(out.glob("proposal-*.yaml")).read_text(encoding="utf-8")
    assert "base: ../../" in text and "examples/aalst.yaml" in text


def test_proposals_improve_with_upheaval_and_are_explained(aalst_out):
    out, result = aalst_out
    summary = json.loads((out / "proposals.json").read_text(encoding="utf-8"))
    values = [p["metrics"]["coherence_index"] for p in summary["proposals"]]
    upheavals = [p["items_reassigned"] + p["units_moved"] for p in summary["proposals"]]
    assert values == sorted(values) and len(set(values)) == len(values)
    assert upheavals == sorted(upheavals) and len(set(upheavals)) == len(upheavals)
    assert values[0] > summary["base"]["coherence_index"]
    assert all(p["explanation"][0].startswith("Gives ") for p in summary["proposals"])
    assert "Gives '" in result.stdout and "coherence index" in result.stdout
    report = (out / "report.html").read_text(encoding="utf-8")
    assert all(p["name"] in report for p in summary["proposals"])


def test_conflicting_constraints_exit_1_name_them_and_write_nothing(tmp_path):
    out = tmp_path / "out"
    result = _propose(str(example_path("tiny")), "--out", str(out), "--keep", "an-peeters",
                      "--keep", "member:bram-claes", "--together", "space",
                      "--time-limit", "2", "--max-upheaval", "2")
    assert result.exit_code == 1
    assert "An Peeters keeps every item" in result.stderr
    assert "all items of Ruimte sit with one member" in result.stderr
    assert "Traceback" not in result.output and not out.exists()


def test_an_unknown_keep_value_is_explained_with_suggestions(tmp_path):
    result = _propose(str(example_path("tiny")), "--out", str(tmp_path / "o"),
                      "--keep", "an-peters")
    assert result.exit_code == 1
    assert "--keep an-peters" in result.stderr and "an-peeters" in result.stderr


def test_a_constraints_file_error_names_the_file_and_line(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("keep:\n  members: [bram-claes]\nmax_items_per_member: 3\n",
                    encoding="utf-8")
    result = _propose(str(example_path("tiny")), "--out", str(tmp_path / "o"),
                      "--constraints", str(path))
    assert result.exit_code == 1
    assert f"{path}:3" in result.stderr and "items_per_member" in result.stderr


def test_an_unknown_member_in_the_file_is_located(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("no_new_domains:\n  - bram-claes\n  - bram-clas\n", encoding="utf-8")
    result = _propose(str(example_path("tiny")), "--out", str(tmp_path / "o"),
                      "--constraints", str(path))
    assert result.exit_code == 1
    assert f"{path}:3" in result.stderr and "bram-claes" in result.stderr


def test_file_and_options_combine(tmp_path):
    """The file keeps Bram Claes's items, the option An Peeters's: tiny's one improving change
    (Mobiliteit from An Peeters to Bram Claes) is then impossible, so no proposal is written."""
    path = tmp_path / "c.yaml"
    path.write_text("format: orggraph-constraints/1\nkeep: {members: [bram-claes]}\n",
                    encoding="utf-8")
    out = tmp_path / "o"
    result = _propose(str(example_path("tiny")), "--out", str(out), "--constraints", str(path),
                      "--keep", "an-peeters", "--time-limit", "2", "--max-upheaval", "2")
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "proposals.json").read_text(encoding="utf-8"))
    assert all("Mobiliteit" not in " ".join(p["explanation"]) for p in summary["proposals"])


def test_a_bad_weight_is_a_clear_error(tmp_path):
    result = _propose(str(example_path("tiny")), "--out", str(tmp_path / "o"),
                      "--weight", "gini=1")
    assert result.exit_code == 1 and "workload_gini" in result.stderr


def test_the_constraints_schema_file_is_up_to_date():
    on_disk = json.loads((ROOT / "schemas" / SCHEMA_FILE).read_text(encoding="utf-8"))
    assert on_disk == constraints_schema()
