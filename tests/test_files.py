"""Output files: written whole or not at all, and never in place of something that is no file."""

from __future__ import annotations

import os

import pytest
from typer.testing import CliRunner

from orggraph.cli import app
from orggraph.errors import ExportError
from orggraph.examples import example_path
from orggraph.files import write_atomic

runner = CliRunner()


def test_a_symbolic_link_keeps_pointing_at_the_new_content(tmp_path):
    target = tmp_path / "real.csv"
    target.write_text("old\n")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    assert write_atomic(link, "new\n") == link
    assert link.is_symlink() and target.read_text() == "new\n"


def test_a_named_pipe_is_refused_and_left_alone(tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(ExportError, match="not a regular file"):
        write_atomic(fifo, "x")
    assert fifo.exists() and not fifo.is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["pipe.csv"]  # no temporary file left


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(ExportError, match="it is a folder"):
        write_atomic(tmp_path, "x")


def test_a_symbolic_link_loop_is_named(tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(ExportError, match="loop"):
        write_atomic(tmp_path / "a", "x")


def test_metrics_out_on_a_fifo_exits_1_with_a_sentence(tmp_path):
    fifo = tmp_path / "out.csv"
    os.mkfifo(fifo)
    result = runner.invoke(app, ["metrics", str(example_path("tiny")), "-f", "csv",
                                 "--out", str(fifo)])
    assert result.exit_code == 1
    assert "not a regular file" in result.stderr and "Traceback" not in result.output
