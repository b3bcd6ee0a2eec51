"""The command-line sessions shown in the guides give the output they show.

Every ``$ orggraph ...`` line of a session block is run, in order, in a fresh folder that holds
the project's ``examples/`` and the fixture files the guide names, and what it prints must be
what the guide shows below it (stdout and stderr together, spacing aside). Guides whose sessions
depend on time or on a running server (the search time of ``scenario propose``, the process id
of the local engine) are listed in ``VARIABLE`` with the reason, and only their commands' syntax
is checked.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orggraph.cli import app

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = {"mandaten.ttl": ROOT / "tests" / "data" / "interop" / "mandaten.ttl"}
#: Guides whose sessions show output that changes from run to run, and why.
VARIABLE = {
    "cypher.md": "the local engine's process id, socket path and sizes",
    "scenarios.md": "the proposal search's time and optimality gap",
}
runner = CliRunner()


def sessions(path: Path) -> list[list[tuple[str, list[str]]]]:
    """Return each block's commands with the lines shown under each."""
    found = []
    for body in re.findall(r"^```\w*\n(.*?)^```", path.read_text(encoding="utf-8"), re.S | re.M):
        steps: list[tuple[str, list[str]]] = []
        for line in body.splitlines():
            if line.startswith("$ orggraph "):
                steps.append((line.removeprefix("$ orggraph "), []))
            elif steps:
                steps[-1][1].append(line)
        if steps:
            found.append(steps)
    return found


GUIDES = sorted(p for p in [ROOT / "README.md", *(ROOT / "docs").glob("*.md")] if sessions(p))


def _normal(lines: list[str]) -> list[str]:
    return [" ".join(line.split()) for line in lines if line.strip()]


@pytest.mark.parametrize("guide", GUIDES, ids=[p.name for p in GUIDES])
def test_the_sessions_of_a_guide_print_what_it_shows(guide, tmp_path, monkeypatch):
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    for name, source in FIXTURES.items():
        shutil.copy(source, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    for block in sessions(guide):
        for command, shown in block:
            args = shlex.split(command)
            if guide.name in VARIABLE:
                result = runner.invoke(app, [*args, "--help"])
                assert result.exit_code == 0, f"{guide.name}: `orggraph {command}` does not parse"
                continue
            result = runner.invoke(app, args, env={"COLUMNS": "400"})
            printed = _normal(result.output.splitlines())
            assert printed == _normal(shown), (
                f"{guide.name}: `orggraph {command}` printed:\n" + "\n".join(printed))
