"""Read a scenario file (`format: orggraph-scenario/1`) and report every problem with its line.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "s.yaml").write_text(
...     "format: orggraph-scenario/1\\nbase: tiny.yaml\\nname: Swap\\nchanges:\\n"
...     "  - move: {unit: dienst-jeugd, to: cluster-ruimte}\\n")
>>> scenario = load_scenario(folder / "s.yaml")
>>> scenario.name, scenario.base_path.name, scenario.origin(0).problem("x").line
('Swap', 'tiny.yaml', 5)
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml.error import MarkedYAMLError

from orggraph.errors import InvalidDataError, Problem
from orggraph.loaders.quick_yaml import read_yaml
from orggraph.loaders.sources import Origin, SourceFile, is_scenario_file
from orggraph.loaders.suggest import did_you_mean
from orggraph.schemas.scenario import CHANGE_TYPES, FORMAT, Scenario

__all__ = ["is_scenario_file", "load_scenario"]

TOP_LEVEL = ("format", "base", "name", "description", "changes")


def load_scenario(path: Path | str) -> Scenario:
    """Read and check a scenario file; raise :class:`InvalidDataError` listing every problem."""
    path = Path(path)
    source = _read(path)
    data = _parse(source)
    problems = list(_check_top(data, source))
    origins = [Origin(source, ("changes", i)) for i in range(len(_changes(data)))]
    for i, (change, origin) in enumerate(zip(_changes(data), origins, strict=True)):
        problems += _check_change(i, change, origin)
    if problems:
        raise InvalidDataError(problems)
    scenario = Scenario.model_validate(data)
    scenario._path = path
    scenario._origins = origins
    return scenario


def _read(path: Path) -> SourceFile:
    if not path.is_file():
        raise InvalidDataError([Problem(path, None, "no such scenario file.")])
    try:
        return SourceFile(path, path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as err:
        raise InvalidDataError([Problem(path, None, f"cannot be read as UTF-8 text: {err}.")]
                               ) from None


def _parse(source: SourceFile) -> dict:
    try:
        if source.path.suffix.lower() == ".json":
            data = json.loads(source.text)
        else:
            data = read_yaml(source.text)
    except json.JSONDecodeError as err:
        raise InvalidDataError([Problem(source.path, err.lineno,
                                        f"is not valid JSON: {err.msg}.")]) from None
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        raise InvalidDataError([Problem(
            source.path, mark.line + 1 if mark else None,
            f"is not valid YAML: {err.problem or err.context}. Check the indentation and that "
            "text with ':' or '#' is quoted.")]) from None
    if not isinstance(data, dict):
        raise InvalidDataError([Problem(source.path, 1, "a scenario file is a mapping with "
                                        "format, base, name, description and changes.")])
    return data


def _changes(data: dict) -> list:
    changes = data.get("changes")
    return changes if isinstance(changes, list) else []


def _check_top(data: dict, source: SourceFile) -> Iterator[Problem]:
    top = Origin(source, ())
    for key in data:
        if key not in TOP_LEVEL:
            yield top.at(key).problem(f"unknown field `{key}`." + did_you_mean(str(key), TOP_LEVEL)
                                      + " A scenario has: " + ", ".join(TOP_LEVEL) + ".")
    fmt = data.get("format")
    if fmt != FORMAT:
        hint = (" This looks like a dataset; a scenario describes changes to one."
                if fmt == "orggraph/1" else "")
        yield top.at("format").problem(f"`format` must be `{FORMAT}` (got {fmt!r}).{hint}")
    if not isinstance(data.get("name"), str) or not data["name"].strip():
        yield top.problem("the scenario has no `name`; give it a short one (it heads its column "
                          "in the comparison).")
    for key in ("base", "description"):
        if key in data and not isinstance(data[key], str):
            yield top.at(key).problem(f"`{key}` should be text (got {data[key]!r}).")
    if "changes" in data and not isinstance(data["changes"], list):
        yield top.at("changes").problem("`changes` must be a list of changes (lines starting "
                                        "with '- ').")


def _check_change(index: int, change: Any, origin: Origin) -> list[Problem]:
    label = f"change {index + 1}"
    kinds = ", ".join(CHANGE_TYPES)
    if not isinstance(change, dict) or len(change) != 1:
        return [origin.problem(f"{label} must be one mapping such as `- move: {{unit: ..., to: "
                               f"...}}` with exactly one of: {kinds}.")]
    ((verb, spec),) = change.items()
    if verb not in CHANGE_TYPES:
        return [origin.at(verb).problem(f"{label}: `{verb}` is not a kind of change."
                                        + did_you_mean(str(verb), CHANGE_TYPES)
                                        + f" Use one of: {kinds}.")]
    model = CHANGE_TYPES[verb]
    try:
        model.model_validate(spec)
    except ValidationError as err:
        return [origin.at(verb, *e["loc"]).problem(f"{label} ({verb}): " + _explain(e, model))
                for e in err.errors()]
    return []


def _explain(error: Any, model: type[BaseModel]) -> str:
    loc = [str(p + 1) if isinstance(p, int) else str(p) for p in error["loc"]]
    path = " → ".join(loc) or "the change"
    kind = error["type"]
    if kind == "missing":
        return f"`{path}` is required."
    if kind == "extra_forbidden":
        if len(loc) == 1:
            allowed = [f.alias or n for n, f in model.model_fields.items()]
            return (f"unknown field `{loc[0]}`." + did_you_mean(loc[0], allowed)
                    + " Allowed: " + ", ".join(allowed) + ".")
        return f"unknown field `{path}`."
    if kind in ("model_type", "dict_type", "model_attributes_type") and not loc:
        return "its fields must be a mapping, e.g. `{unit: dienst-x, to: cluster-y}`."
    if kind == "string_pattern_mismatch":
        return f"`{path}` {error['input']!r} is not a valid id (no spaces, ':' or '@')."
    message = error["msg"][0].lower() + error["msg"][1:]
    return f"`{path}`: {message} (got {error.get('input')!r})."
