"""Keep the docs honest: their examples load, and every command is documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

import orggraph
from orggraph.cli import app

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def blocks(path: Path, language: str) -> list[str]:
    """Return the fenced code blocks of a Markdown file in ``language`` ('' for untagged)."""
    text = path.read_text(encoding="utf-8")
    return [body for lang, body in re.findall(r"^```(\w*)\n(.*?)^```", text, re.S | re.M)
            if lang == language]


#: Command groups: their help lists subcommands, each of which has its own example.
GROUPS = ("scenario", "engine")


def command_names() -> list[str]:
    names = []
    for info in typer.main.get_command(app).commands.values():
        names.append(info.name)
        for sub in getattr(info, "commands", {}).values():
            names.append(f"{info.name} {sub.name}")
    return names


def test_the_complete_example_of_the_format_guide_validates(tmp_path):
    complete = [b for b in blocks(ROOT / "docs" / "format.md", "yaml") if "format:" in b]
    assert complete
    for i, text in enumerate(complete):
        path = tmp_path / f"example{i}.yaml"
        path.write_text(text, encoding="utf-8")
        assert orggraph.load(path).units


def test_the_readme_yaml_example_validates(tmp_path):
    (text,) = [b for b in blocks(ROOT / "README.md", "yaml") if "format: orggraph/1" in b]
    path = tmp_path / "readme.yaml"
    path.write_text(text, encoding="utf-8")
    assert orggraph.load(path).college


def test_the_csv_of_the_format_guide_loads_in_a_folder(tmp_path):
    (table,) = [b for b in blocks(ROOT / "docs" / "format.md", "") if b.startswith("id,name")]
    (tmp_path / "units.csv").write_text(table, encoding="utf-8")
    (tmp_path / "city.yaml").write_text("format: orggraph/1\ncity: {id: v, name: V}\n"
                                        "taxonomy: bbc\n", encoding="utf-8")
    city = orggraph.load(tmp_path)
    assert [u.id for u in city.units][:2] == ["stad", "cluster-ruimte"]
    assert city.units[3].domains == ["spatial-planning", "environment-policy"]


def _command(name: str):
    command = typer.main.get_command(app)
    for part in name.split():
        command = command.commands[part]
    return command


def _options(name: str) -> list[str]:
    return [opt for param in _command(name).params for opt in param.opts
            if opt.startswith("--") and opt != "--help"]


def _docs() -> str:
    return "\n".join(p.read_text(encoding="utf-8")
                     for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))])


@pytest.mark.parametrize("name", [n for n in command_names() if n not in GROUPS])
def test_every_command_help_names_its_options_and_ends_with_an_example(name):
    result = runner.invoke(app, [*name.split(), "--help"], terminal_width=200,
                           env={"COLUMNS": "200"})
    assert result.exit_code == 0
    missing = [opt for opt in _options(name) if opt not in result.stdout]
    assert not missing, f"`orggraph {name} --help` does not show {missing}"
    assert f"Example: orggraph {name}" in result.stdout


@pytest.mark.parametrize("name", command_names())
def test_every_command_and_option_is_in_the_docs(name):
    docs = _docs()
    assert f"orggraph {name}" in docs, f"`orggraph {name}` is in neither README.md nor docs/"
    missing = [opt for opt in _options(name) if opt not in docs]
    assert not missing, f"the options {missing} of `orggraph {name}` are not documented"


def test_the_option_check_can_fail():
    """The checks above read real option names: a command surely has --format, none --nope."""
    assert "--format" in _options("metrics") and "--nope" not in _options("metrics")


def test_scenario_files_shown_in_the_docs_are_the_shipped_ones():
    """A YAML block that names a shipped example file in its first line shows that file as it is
    (its comments aside)."""
    from ruamel.yaml import YAML

    shown = 0
    documents = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    for block in (b for path in documents for b in blocks(path, "yaml")):
        first = block.splitlines()[0]
        if not first.startswith("# examples/"):
            continue
        shipped = ROOT / first.removeprefix("# ").strip()
        assert YAML(typ="safe", pure=True).load(block) == YAML(typ="safe", pure=True).load(
            shipped.read_text(encoding="utf-8")), f"the docs' copy of {shipped.name} differs"
        shown += 1
    assert shown >= 1
