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


def test_output_and_errors_to_one_file_keep_their_order(tmp_path):
    # `orggraph validate good.yaml bad.yaml > log 2>&1`: the "ok" line is printed before the
    # problems, and must come first in the file too (stdout to a file is block-buffered).
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # as most shells
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: orggraph/1\ncity: {id: x}\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "orggraph", "validate",
                           str(example_path("tiny")), str(bad)],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    lines = done.stdout.splitlines()
    assert done.returncode == 1
    assert lines[0].startswith("ok ") and "problems found" in lines[1], lines
