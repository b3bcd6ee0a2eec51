"""The core commands as a user runs them: info and demo."""

from __future__ import annotations

from typer.testing import CliRunner

from orggraph.cli import app
from orggraph.examples import example_path

runner = CliRunner()


def test_info_shows_counts_college_and_clusters():
    result = runner.invoke(app, ["info", str(example_path("tiny"))], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "units: service" in out and "College and portfolios" in out
    assert "An Peeters" in out and "Wonen → Wonen" in out
    assert "Cluster Mens en Samenleving" in out


def test_info_on_a_broken_file_exits_1_without_traceback(write):
    path = write("bad.yaml", "format: orggraph/1\ncity: {id: t}\n")
    result = runner.invoke(app, ["info", str(path)])
    assert result.exit_code == 1
    assert "bad.yaml:2" in result.stderr and "has no `name`" in result.stderr
    assert "Traceback" not in result.stderr


def test_usage_errors_exit_2():
    result = runner.invoke(app, ["info"])
    assert result.exit_code == 2


def test_python_dash_m_runs_the_same_command_line():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "orggraph", "validate",
                           str(example_path("tiny"))], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    bad = subprocess.run([sys.executable, "-m", "orggraph", "validate", "no-such-city.yaml"],
                         capture_output=True, text=True)
    assert bad.returncode == 1 and "no-such-city.yaml" in bad.stderr + bad.stdout
