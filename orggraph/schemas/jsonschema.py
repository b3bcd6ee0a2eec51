"""Generate the JSON Schema of the file formats from the Pydantic models.

Editors (VS Code with the YAML extension, JetBrains) validate and autocomplete a dataset when its
first line is ``# yaml-language-server: $schema=<path to schemas/orggraph-1.schema.json>``.
Regenerate after changing a model::

    python -m orggraph.schemas.jsonschema

>>> schema = dataset_schema()
>>> schema["properties"]["format"]["const"]
'orggraph/1'
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Any

from orggraph.files import write_atomic
from orggraph.schemas import enums
from orggraph.schemas.dataset import City
from orggraph.schemas.scenario import Scenario

__all__ = ["dataset_schema", "scenario_schema", "schema_files", "write_schemas"]


def _with_synonyms(schema: dict[str, Any]) -> dict[str, Any]:
    """Let enum definitions accept the Dutch words the loader accepts too."""
    by_title = {cls.__name__: cls for cls in enums.SYNONYMS}
    for name, definition in schema.get("$defs", {}).items():
        enum: type[StrEnum] | None = by_title.get(name)
        if enum is None or "enum" not in definition:
            continue
        extra = []
        for word in enums.SYNONYMS[enum]:
            extra += [word, word.replace("_", " ")]
        definition["enum"] = list(dict.fromkeys([*definition["enum"], *extra]))
        definition["description"] = (definition.get("description", "") +
                                     " Dutch synonyms are accepted and normalised.").strip()
    return schema


def dataset_schema() -> dict[str, Any]:
    """Return the JSON Schema of a dataset file (``format: orggraph/1``)."""
    schema = City.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "orggraph dataset (format orggraph/1)"
    schema["properties"]["format"] = {"const": "orggraph/1"}
    schema["required"] = sorted({*schema.get("required", []), "format"})
    return _with_synonyms(schema)


def scenario_schema() -> dict[str, Any]:
    """Return the JSON Schema of a scenario file (``format: orggraph-scenario/1``)."""
    schema = Scenario.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "orggraph scenario (format orggraph-scenario/1)"
    return _with_synonyms(schema)


def schema_files() -> dict[str, dict[str, Any]]:
    """Return file name → schema for every file format orggraph reads."""
    return {"orggraph-1.schema.json": dataset_schema(),
            "orggraph-scenario-1.schema.json": scenario_schema()}


def _text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema file into ``folder`` (atomically) and return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schema_files().items():
        written.append(write_atomic(folder / name, _text(schema)))
    return written


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2]
    for path in write_schemas(root / "schemas"):
        print(f"wrote {path.relative_to(root)}")
