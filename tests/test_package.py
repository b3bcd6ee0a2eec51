"""The public door of the package and the generated JSON Schema stay honest."""

from __future__ import annotations

import json
from pathlib import Path

import orggraph
from orggraph.schemas.jsonschema import schema_files

ROOT = Path(__file__).resolve().parents[1]


def test_all_lists_exactly_the_public_names():
    public = {name for name in dir(orggraph) if not name.startswith("_")}
    modules = {name for name in public if type(getattr(orggraph, name)).__name__ == "module"}
    assert set(orggraph.__all__) == public - modules


def test_json_schemas_are_up_to_date():
    for name, schema in schema_files().items():
        path = ROOT / "schemas" / name
        assert path.exists(), f"run `python -m orggraph.schemas.jsonschema` to create {name}"
        assert json.loads(path.read_text(encoding="utf-8")) == schema, (
            f"schemas/{name} is out of date: run `python -m orggraph.schemas.jsonschema`")


def test_schema_accepts_dutch_synonyms():
    schema = schema_files()["orggraph-1.schema.json"]
    kinds = schema["$defs"]["UnitKind"]["enum"]
    assert "service" in kinds and "dienst" in kinds and "strategische cel" in kinds


def test_the_sections_are_written_once_in_file_order():
    """City and a scenario's `add` take their section fields from one class; the order is the
    order of written files and of the schemas' properties."""
    from orggraph.schemas.dataset import SECTION_MODELS, SECTIONS, City, Sections
    from orggraph.schemas.scenario import Add

    assert tuple(Sections.model_fields) == SECTIONS
    assert list(City.model_fields) == ["format", "city", "taxonomy", *SECTIONS]
    assert tuple(Add.model_fields) == SECTIONS
    for section, model in SECTION_MODELS.items():
        assert Sections.model_fields[section].annotation == list[model]
    schema = schema_files()["orggraph-1.schema.json"]
    assert list(schema["properties"]) == ["format", "city", "taxonomy", *SECTIONS]


def test_version_option_prints_the_package_version():
    from typer.testing import CliRunner

    from orggraph.cli import app

    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"orggraph {orggraph.__version__}"


def test_wheel_carries_examples_and_data_files(tmp_path):
    """A non-editable install must hold everything `orggraph demo` and the engines read."""
    import subprocess
    import sys
    import zipfile

    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path),
                    str(ROOT)], check=True, capture_output=True)
    (wheel,) = tmp_path.glob("orggraph-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"orggraph/examples_data/{p.relative_to(ROOT / 'examples').as_posix()}"
                for p in (ROOT / "examples").rglob("*") if p.is_file()}
    # Every file of the package that git knows, data files included (templates, queries, taxonomy).
    tracked = subprocess.run(["git", "ls-files", "orggraph"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.split()
    expected |= set(tracked)
    assert expected <= names, sorted(expected - names)
