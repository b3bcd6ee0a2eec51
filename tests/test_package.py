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
