"""Say in plain words what is wrong with an entry the models refused.

Pydantic reports a refused entry as error records (a location, a type, a message for
programmers); :func:`explain` turns each into a :class:`~orggraph.errors.Problem` a policy
analyst can act on: which entry, which field, what was expected, the closest allowed value.

>>> from pydantic import ValidationError
>>> from orggraph.loaders.sources import Origin
>>> from orggraph.schemas.dataset import Unit
>>> try:
...     Unit.model_validate({"id": "x", "name": "X", "kind": "dienstt"})
... except ValidationError as error:
...     problem = next(explain(error, "units", Origin(None), {"id": "x"}))
>>> problem.entity, problem.message.split(".")[0]
('x', "unit 'x': `kind: dienstt` is not a known kind")
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from pydantic import BaseModel, ValidationError

from orggraph.errors import Problem
from orggraph.loaders.limits import excerpt
from orggraph.loaders.sources import Origin
from orggraph.loaders.suggest import did_you_mean
from orggraph.schemas import enums
from orggraph.schemas.dataset import NOUNS, SECTION_MODELS, CityInfo

__all__ = ["explain"]

ENUM_FIELDS: dict[tuple[str, str], type] = {
    ("units", "kind"): enums.UnitKind, ("bodies", "kind"): enums.BodyKind,
    ("programmes", "kind"): enums.ProgrammeKind, ("people", "role"): enums.Role,
    ("partners", "sector"): enums.PartnerSector, ("partners", "scope"): enums.PartnerScope,
    ("programmes", "mode"): enums.PartnerMode,
}
DUTCH_EXAMPLES = {
    enums.UnitKind: "dienst, afdeling, stafdienst, strategische cel, kabinet",
    enums.Role: "burgemeester, schepen, voorzitter BCSD, algemeen directeur",
    enums.BodyKind: "college, gemeenteraad, MAT, adviesraad",
    enums.ProgrammeKind: "programma, strategisch project, actieplan",
    enums.PartnerSector: "middenveld, burgerinitiatief, bedrijfsleven, kennisinstelling",
    enums.PartnerMode: "cocreatie, financiering, advies",
    enums.PartnerScope: "lokaal, regionaal, vlaams",
}
PLAIN_TYPES = {
    "float_parsing": "a number", "float_type": "a number", "int_parsing": "a whole number",
    "int_type": "a whole number", "int_from_float": "a whole number",
    "bool_parsing": "true or false", "bool_type": "true or false",
    "string_type": "text (put it in quotes)", "list_type": "a list (`[a, b]` or lines "
    "starting with '- ')", "string_too_short": "filled in, not empty",
    "finite_number": "a finite number, not .inf or .nan",
}
def _who(section: str, value: Any) -> str:
    noun = NOUNS.get(section, section)
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        return f"{noun} {excerpt(value['id'], 60)}"
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return f"the {noun} named {excerpt(value['name'], 60)}"
    return f"this {noun}" if section != "city" else "`city`"


def _field_path(loc: Iterable[Any]) -> str:
    parts = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"item {part + 1}")
        else:
            parts.append(str(part))
    return " → ".join(parts)


def explain(err: ValidationError, section: str, origin: Origin, value: Any) -> Iterator[Problem]:
    """Yield one problem for each error pydantic found in the entry ``value`` of ``section``;
    each problem names the entry (``section``, ``entity``) when the entry has an id."""
    ident = value.get("id") if isinstance(value, dict) else None
    entity = ident if isinstance(ident, str) and section != "city" else None
    for problem in _sentences(err, section, origin, value):
        yield replace(problem, section=section if section != "city" else None, entity=entity)


def _sentences(err: ValidationError, section: str, origin: Origin,
               value: Any) -> Iterator[Problem]:
    who = _who(section, value)
    model = CityInfo if section == "city" else SECTION_MODELS[section]
    for e in err.errors():
        loc = tuple(e["loc"])
        where = origin.at(*loc)
        field = str(loc[-1]) if loc else ""
        path = _field_path(loc)
        kind = e["type"]
        if not loc and kind in ("model_type", "dict_type", "model_attributes_type"):
            yield where.problem(f"this {NOUNS.get(section, section)} must be a mapping of "
                                f"fields (`id: ...`, `name: ...`), not {excerpt(e['input'])}.")
        elif kind == "missing":
            yield where.problem(f"{who} has no `{path}`; it is required." + _enum_help(
                section, field))
        elif kind == "extra_forbidden":
            allowed = _allowed_fields(model, loc)
            yield where.problem(f"{who} has an unknown field `{path}`."
                                + did_you_mean(field, allowed)
                                + " Allowed here: " + ", ".join(allowed) + ".")
        elif kind == "enum":
            yield where.problem(f"{who}: `{field}: {e['input']}` is not a known {field}."
                                + _enum_help(section, field, str(e["input"])))
        elif kind == "literal_error":
            yield where.problem(f"{who}: `{path}` {e['msg'].lower()}.")
        elif kind == "string_pattern_mismatch":
            yield where.problem(f"{who}: `{path}` {excerpt(e['input'])} is not a valid id; ids "
                                "have no spaces, control characters, ':' or '@' (use e.g. "
                                "'dienst-economie').")
        elif kind == "string_too_long":
            yield where.problem(f"{who}: `{path}` is {len(e['input']):,} characters long; at "
                                f"most {e['ctx']['max_length']:,} are accepted "
                                f"(starts {excerpt(e['input'], 40)}).")
        elif kind == "control_character":
            yield where.problem(f"{who}: `{path}` {e['msg']}; remove it (it would reach "
                                "terminals, files and databases as an invisible command).")
        elif kind in PLAIN_TYPES:
            yield where.problem(f"{who}: `{path}` should be {PLAIN_TYPES[kind]} "
                                f"(got {excerpt(e.get('input'))}).")
        elif kind in ("greater_than_equal", "less_than_equal"):
            bound = e["ctx"].get("ge", e["ctx"].get("le"))
            word = "at least" if kind == "greater_than_equal" else "at most"
            yield where.problem(f"{who}: `{path}` should be {word} {bound:,} "
                                f"(got {excerpt(e.get('input'))}).")
        else:
            got = e.get("input")
            yield where.problem(f"{who}: `{path}` {e['msg'][0].lower() + e['msg'][1:]}"
                                + (f" (got {excerpt(got)})." if not isinstance(got, dict | list)
                                   else "."))


def _allowed_fields(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        annotation = model.model_fields[part].annotation
        inner = [a for a in getattr(annotation, "__args__", (annotation,))
                 if isinstance(a, type) and issubclass(a, BaseModel)]
        if not inner:
            break
        model = inner[0]
    return list(model.model_fields)


def _enum_help(section: str, field: str, given: str | None = None) -> str:
    enum = ENUM_FIELDS.get((section, field))
    if enum is None and field == "mode":
        enum = enums.PartnerMode
    if enum is None:
        return ""
    values = [m.value for m in enum]
    text = " Use one of: " + ", ".join(values) + "."
    dutch = DUTCH_EXAMPLES.get(enum)
    if dutch:
        text += f" Dutch names such as {dutch} work too."
    if given:
        text = did_you_mean(enums.fold(given), values + list(enums.SYNONYMS.get(enum, {}))) + text
    return text


