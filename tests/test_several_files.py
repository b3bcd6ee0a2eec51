"""Checks that span several files: a scenario against its base, every broken scenario at once,
cities compared on different policy domains."""

from __future__ import annotations

from typer.testing import CliRunner

from orggraph.cli import app
from orggraph.examples import example_path

runner = CliRunner()


def _scenario(write, name: str, change: str, base: str | None = None):
    base = base or str(example_path("tiny"))
    return write(f"{name}.yaml", f"format: orggraph-scenario/1\nbase: {base}\nname: {name}\n"
                                 f"changes:\n  - {change}\n")


def test_validate_applies_a_scenario_file_to_its_base(write):
    good = _scenario(write, "good", "reassign: {title: Wonen, from: bram-claes, to: chris-maes}")
    result = runner.invoke(app, ["validate", str(good)])
    assert result.exit_code == 0, result.output
    assert "scenario 'good' applied to" in result.stdout and "Tinystad" in result.stdout


def test_validate_names_the_broken_change_of_a_scenario(write):
    bad = _scenario(write, "bad", "give: {domain: economie, to: bram-claes}")
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 1
    assert "bad.yaml:5: change 1 (give): there is no domain 'economie'" in result.stderr
    assert "unknown section" not in result.stderr


def test_compare_reports_every_broken_scenario_before_stopping(write, tmp_path):
    good = _scenario(write, "good", "reassign: {title: Wonen, from: bram-claes, to: chris-maes}")
    bad_change = _scenario(write, "bad1", "move: {unit: dienst-wonenn, to: cluster-mens}")
    bad_format = write("bad2.yaml", "format: orggraph-scenario/1\nname: x\nchanges:\n"
                                    "  - teleport: {unit: a}\n")
    out = tmp_path / "report.csv"
    result = runner.invoke(app, ["scenario", "compare", str(example_path("tiny")), str(good),
                                 str(bad_change), str(bad_format), "--format", "csv",
                                 "--out", str(out)])
    assert result.exit_code == 1
    assert "bad1.yaml:5: change 1 (move): there is no unit 'dienst-wonenn'" in result.stderr
    assert "bad2.yaml:4" in result.stderr
    assert not out.exists()


def test_metrics_warns_when_cities_use_different_domains():
    mixed = runner.invoke(app, ["metrics", str(example_path("gent")), str(example_path("tiny")),
                                "-f", "csv"])
    assert mixed.exit_code == 0
    assert "different lists of policy domains" in mixed.stderr
    assert "tiny: 4 top-level domains" in mixed.stderr
    same = runner.invoke(app, ["metrics", str(example_path("gent")), str(example_path("aalst")),
                               "-f", "csv"])
    assert same.exit_code == 0 and "different lists" not in same.stderr


def test_a_folder_with_conflicting_files_reports_every_problem_in_one_run(tmp_path):
    folder = tmp_path / "stad"
    folder.mkdir()
    (folder / "a.yaml").write_text("format: orggraph/1\ncity: {id: t, name: T}\nunits:\n"
                                   "- {id: r, name: R, kind: organisation}\n", encoding="utf-8")
    (folder / "b.yaml").write_text("city: {id: u, name: U}\nunits:\n"
                                   "- {id: s, name: S, kind: dienstt, parent: r}\nbogus: 1\n",
                                   encoding="utf-8")
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1
    assert "3 problems found" in result.stderr
    assert "b.yaml:1: `city` is given twice" in result.stderr
    assert "b.yaml:3: unit 's': `kind: dienstt`" in result.stderr
    assert "b.yaml:4: unknown section `bogus`" in result.stderr
