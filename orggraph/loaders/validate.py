"""Turn a :class:`RawDataset` into a valid :class:`City`, or report every problem at once.

Checks, in one run (DESIGN §3): the shape and vocabulary of every entry (missing fields, wrong
types, unknown kinds or roles, unknown fields), ids unique across the dataset, every reference
pointing at an existing id of the right section (with the closest ids suggested), no cycle in
``parent``, exactly one ``organisation`` root, and portfolio items whose domain exists.

>>> from orggraph.examples import example_path
>>> from orggraph.loaders.sources import read_dataset
>>> city = build_city(read_dataset(example_path("tiny")))
>>> city.city.name
'Tinystad'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from orggraph.errors import InvalidDataError, Problem
from orggraph.loaders.gcpause import gc_paused
from orggraph.loaders.sources import Origin, RawDataset
from orggraph.loaders.suggest import did_you_mean
from orggraph.loaders.taxonomy import available_taxonomies, taxonomy_domains, taxonomy_path
from orggraph.schemas import enums
from orggraph.schemas.dataset import (
    FORMAT,
    SECTIONS,
    Body,
    Challenge,
    City,
    CityInfo,
    Domain,
    Partner,
    Person,
    Programme,
    Unit,
)

__all__ = ["build_city"]

MODELS: dict[str, type[BaseModel]] = {
    "domains": Domain, "units": Unit, "bodies": Body, "people": Person,
    "challenges": Challenge, "programmes": Programme, "partners": Partner,
}
SINGULAR = {"domains": "domain", "units": "unit", "bodies": "body", "people": "person",
            "challenges": "challenge", "programmes": "programme", "partners": "partner"}
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
}
# (section, field, target section); a field holding a list of ids is checked id by id.
REFERENCES = (
    ("domains", "parent", "domains"),
    ("units", "parent", "units"), ("units", "domains", "domains"),
    ("people", "steers", "units"), ("people", "heads", "units"),
    ("people", "member_of", "bodies"),
    ("programmes", "lead", "units"), ("programmes", "contributors", "units"),
    ("programmes", "sponsor", "people"), ("programmes", "domains", "domains"),
    ("programmes", "challenges", "challenges"),
)
_ADAPTERS = {name: TypeAdapter(list[model]) for name, model in MODELS.items()}


def build_city(raw: RawDataset) -> City:
    """Validate a raw dataset and return the :class:`City`; raise with every problem found."""
    with gc_paused():
        return _build_city(raw)


def _build_city(raw: RawDataset) -> City:
    problems = list(raw.problems)
    problems += _check_format(raw)
    info = _check_city(raw, problems)
    sections = dict(raw.sections)
    taxonomy = _add_taxonomy(raw, sections, problems)
    models: dict[str, list[tuple[Any, Origin]]] = {}
    for name in SECTIONS:
        models[name] = _validate_section(name, sections.get(name, []), problems)
    every_entry_valid = all(len(models[n]) == len(sections.get(n, [])) for n in SECTIONS)
    if not (every_entry_valid and _ids_and_references_ok(info, models)):
        # Something is wrong: find it again entry by entry, with its place and a suggestion.
        ids = _check_unique(info, sections, problems)
        problems += _check_references(sections, ids)
    problems += _check_tree(models["units"], "units")
    problems += _check_tree(models["domains"], "domains")
    problems += _check_root(models["units"], raw)
    problems += _check_support(models["units"])
    if problems or info is None:
        raise InvalidDataError(problems)
    return City(city=info, taxonomy=taxonomy,
                **{name: [m for m, _ in models[name]] for name in SECTIONS})


def _ids_and_references_ok(info: CityInfo | None,
                           models: dict[str, list[tuple[Any, Origin]]]) -> bool:
    """Tell, with set operations only, whether ids are unique and every reference resolves.

    This is the fast path of a valid dataset: when it says yes, :func:`_check_unique` and
    :func:`_check_references` would find nothing; when it says no, they run to explain.
    """
    by_section = {name: {m.id for m, _ in models[name]} for name in SECTIONS}
    every: set[str] = set().union(*by_section.values())
    if len(every) != sum(len(models[name]) for name in SECTIONS):
        return False
    if info is not None and info.id in every:
        return False
    for section, field, target in REFERENCES:
        entries = [m for m, _ in models[section]]
        if field in ("parent", "lead", "sponsor"):
            refs = {getattr(m, field) for m in entries}
            refs.discard(None)
            if field == "parent" and any(m.parent == m.id for m in entries):
                return False
        else:
            refs = {ref for m in entries for ref in getattr(m, field)}
        if not refs <= by_section[target]:
            return False
    people = [m for m, _ in models["people"]]
    held = {item.domain for p in people for item in p.portfolio}
    partners = {r.partner for m, _ in models["programmes"] for r in m.partners}
    return held <= by_section["domains"] and partners <= by_section["partners"]


def _check_format(raw: RawDataset) -> Iterator[Problem]:
    for value, origin in raw.format:
        if value != FORMAT:
            hint = " (scenario files are compared with `orggraph scenario compare`)" if str(
                value).startswith("orggraph-scenario") else ""
            yield origin.problem(f"`format: {value}` is not a dataset format; write "
                                 f"`format: {FORMAT}`{hint}.")
    if not raw.format and raw.city is not None:
        yield raw.city[1].problem(f"the dataset does not say its format; add `format: {FORMAT}` "
                                  "as the first line.")


def _check_city(raw: RawDataset, problems: list[Problem]) -> CityInfo | None:
    if raw.city is None:
        first = next((o for items in raw.sections.values() for _, o in items), None)
        where = Origin(first.source, ()) if first else Origin(None)
        problems.append(where.problem("the dataset has no `city` section; add one with at least "
                                      "`id` and `name` (e.g. `city: {id: gent, name: Gent}`)."))
        return None
    value, origin = raw.city
    try:
        return CityInfo.model_validate(value)
    except ValidationError as err:
        problems.extend(_explain(err, "city", origin, value, single=True))
        return None


def _add_taxonomy(raw: RawDataset, sections: dict, problems: list[Problem]) -> str | None:
    if raw.taxonomy is None:
        return None
    name, origin = raw.taxonomy
    known = available_taxonomies()
    if name not in known:
        problems.append(origin.problem(f"`taxonomy: {name}` is not a bundled taxonomy."
                                       + did_you_mean(str(name), known)
                                       + " Bundled: " + ", ".join(known) + "."))
        return None
    from orggraph.loaders.sources import SourceFile

    path = taxonomy_path(name)
    source = SourceFile(path, path.read_text(encoding="utf-8"))
    bundled = [(d, Origin(source, ("domains", i))) for i, d in enumerate(taxonomy_domains(name))]
    sections["domains"] = bundled + list(sections.get("domains", []))
    return name


def _validate_section(name: str, items: list[tuple[Any, Origin]],
                      problems: list[Problem]) -> list[tuple[Any, Origin]]:
    values = [v for v, _ in items]
    try:
        return list(zip(_ADAPTERS[name].validate_python(values), (o for _, o in items),
                        strict=True))
    except ValidationError:
        pass
    # Slow path, only when something is wrong: validate entry by entry to keep the good ones.
    model = MODELS[name]
    good = []
    for value, origin in items:
        try:
            good.append((model.model_validate(value), origin))
        except ValidationError as err:
            problems.extend(_explain(err, name, origin, value))
    return good


def _who(section: str, value: Any, origin: Origin) -> str:
    noun = SINGULAR.get(section, section)
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        return f"{noun} '{value['id']}'"
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return f"the {noun} named '{value['name']}'"
    return f"this {noun}" if section != "city" else "`city`"


def _field_path(loc: Iterable[Any]) -> str:
    parts = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"item {part + 1}")
        else:
            parts.append(str(part))
    return " → ".join(parts)


def _explain(err: ValidationError, section: str, origin: Origin, value: Any,
             single: bool = False) -> Iterator[Problem]:
    who = _who(section, value, origin)
    model = CityInfo if section == "city" else MODELS[section]
    for e in err.errors():
        loc = tuple(e["loc"])
        where = origin.at(*loc)
        field = str(loc[-1]) if loc else ""
        path = _field_path(loc)
        kind = e["type"]
        if not loc and kind in ("model_type", "dict_type", "model_attributes_type"):
            yield where.problem(f"this {SINGULAR.get(section, section)} must be a mapping of "
                                f"fields (`id: ...`, `name: ...`), not {e['input']!r}.")
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
            yield where.problem(f"{who}: `{path}` {e['input']!r} is not a valid id; ids have no "
                                "spaces, ':' or '@' (use e.g. 'dienst-economie').")
        elif kind in PLAIN_TYPES:
            yield where.problem(f"{who}: `{path}` should be {PLAIN_TYPES[kind]} "
                                f"(got {e.get('input')!r}).")
        elif kind in ("greater_than_equal", "less_than_equal"):
            bound = e["ctx"].get("ge", e["ctx"].get("le"))
            word = "at least" if kind == "greater_than_equal" else "at most"
            yield where.problem(f"{who}: `{path}` should be {word} {bound} "
                                f"(got {e.get('input')!r}).")
        else:
            got = e.get("input")
            yield where.problem(f"{who}: `{path}` {e['msg'][0].lower() + e['msg'][1:]}"
                                + (f" (got {got!r})." if not isinstance(got, dict | list)
                                   else "."))
        if single:
            continue


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


def _check_unique(info: CityInfo | None, sections: dict,
                  problems: list[Problem]) -> dict[str, tuple[str, Origin]]:
    """Return id → (section, origin) over every entry, reporting ids used twice."""
    seen: dict[str, tuple[str, Origin]] = {}
    for name in SECTIONS:
        for value, origin in sections.get(name, []):
            if not isinstance(value, dict) or not isinstance(value.get("id"), str):
                continue
            ident = value["id"]
            if ident in seen:
                other_section, other = seen[ident]
                at = other.problem("")
                place = f" at {at.file.name}:{at.line}" if at.file and at.line else ""
                problems.append(origin.at("id").problem(
                    f"the id '{ident}' is used twice: this {SINGULAR[name]} and the "
                    f"{SINGULAR[other_section]}{place}. Ids must be unique in a dataset; "
                    "rename one of them."))
            else:
                seen[ident] = (name, origin)
    if info is not None and info.id in seen:
        name, origin = seen[info.id]
        problems.append(origin.at("id").problem(
            f"the id '{info.id}' is the city's own id; give this {SINGULAR[name]} another id."))
    return seen


def _check_references(sections: dict, ids: dict[str, tuple[str, Origin]]) -> Iterator[Problem]:
    """Check references on the raw entries, so that an entry with another mistake is checked too."""
    by_section: dict[str, list[str]] = {}
    for ident, (section, _) in ids.items():
        by_section.setdefault(section, []).append(ident)
    for section, field, target in REFERENCES:
        for value, origin in sections.get(section, []):
            if not isinstance(value, dict) or field not in value:
                continue
            owner, refs = _owner(value), value[field]
            if isinstance(refs, list):
                for i, ref in enumerate(refs):
                    if isinstance(ref, str):
                        yield from _check_ref(owner, section, field, ref, target,
                                              origin.at(field, i), ids, by_section)
            elif isinstance(refs, str):
                yield from _check_ref(owner, section, field, refs, target, origin.at(field),
                                      ids, by_section)
    for value, origin in sections.get("people", []):
        for i, item in enumerate(_dicts(value, "portfolio")):
            domain = item.get("domain")
            if isinstance(domain, str) and ids.get(domain, ("",))[0] != "domains":
                yield origin.at("portfolio", i, "domain").problem(
                    f"person '{_owner(value)}': the portfolio item '{item.get('title')}' belongs "
                    f"to the domain '{domain}', which is not a known domain."
                    + did_you_mean(domain, by_section.get("domains", []))
                    + " Add it to `domains` or use a domain of the taxonomy.")
    for value, origin in sections.get("programmes", []):
        for i, role in enumerate(_dicts(value, "partners")):
            if isinstance(role.get("partner"), str):
                yield from _check_ref(_owner(value), "programmes", "partners", role["partner"],
                                      "partners", origin.at("partners", i, "partner"), ids,
                                      by_section)


def _owner(value: dict) -> str:
    return str(value.get("id") or value.get("name") or "?")


def _dicts(value: Any, field: str) -> list[dict]:
    items = value.get(field) if isinstance(value, dict) else None
    return [i if isinstance(i, dict) else {} for i in items] if isinstance(items, list) else []


def _check_ref(owner: str, section: str, field: str, ref: str, target: str, at: Origin,
               ids: dict, by_section: dict) -> Iterator[Problem]:
    found = ids.get(ref)
    noun = SINGULAR[target]
    if found is None:
        yield at.problem(f"{SINGULAR[section]} '{owner}': `{field}` names '{ref}', but there is "
                         f"no {noun} with that id." + did_you_mean(ref, by_section.get(target, [])))
    elif found[0] != target:
        yield at.problem(f"{SINGULAR[section]} '{owner}': `{field}` names '{ref}', which is a "
                         f"{SINGULAR[found[0]]}, not a {noun}.")
    elif section == target and field == "parent" and ref == owner:
        yield at.problem(f"{noun} '{owner}' is its own parent.")


def _check_tree(models: list[tuple[Any, Origin]], section: str) -> Iterator[Problem]:
    parent = {m.id: m.parent for m, _ in models}
    origins = {m.id: o for m, o in models}
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for start in parent:
        path: list[str] = []
        node: str | None = start
        while node is not None and node in parent and state.get(node) != 2:
            if state.get(node) == 1:
                cycle = path[path.index(node):]
                if len(cycle) > 1:
                    shown = " → ".join([*cycle, node])
                    yield origins[min(cycle)].at("parent").problem(
                        f"the {section} {shown} form a cycle through `parent`; one of them "
                        "must hang under something else.")
                break
            state[node] = 1
            path.append(node)
            node = parent[node]
        for visited in path:
            state[visited] = 2


def _check_root(units: list[tuple[Unit, Origin]], raw: RawDataset) -> Iterator[Problem]:
    if not units:
        if "units" in raw.sections or raw.city:
            origin = raw.city[1] if raw.city else Origin(None)
            yield origin.problem("the dataset has no units; add at least the organisation itself "
                                 "(`kind: organisation`).")
        return
    roots = [(u, o) for u, o in units if u.kind == enums.UnitKind.organisation]
    if not roots:
        yield units[0][1].problem(
            "no unit has `kind: organisation`; add the organisation itself as the one root unit "
            "and hang the clusters under it with `parent`.")
    for unit, origin in roots[1:]:
        yield origin.at("kind").problem(
            f"unit '{unit.id}' is a second `organisation` (the first is '{roots[0][0].id}'); a "
            "dataset has exactly one root. Make it a cluster or an agency under the root.")
    for unit, origin in roots[:1]:
        if unit.parent is not None:
            yield origin.at("parent").problem(
                f"unit '{unit.id}' is the organisation root and cannot have a parent.")
    root_id = roots[0][0].id if roots else None
    for unit, origin in units:
        if unit.parent is None and unit.kind != enums.UnitKind.organisation:
            yield origin.problem(
                f"unit '{unit.id}' has no `parent`; every unit but the organisation root hangs "
                f"under another unit" + (f" (for example `parent: {root_id}`)." if root_id
                                         else "."))


def _check_support(units: list[tuple[Unit, Origin]]) -> Iterator[Problem]:
    for unit, origin in units:
        if unit.support is not None and unit.kind != enums.UnitKind.cluster:
            yield origin.at("support").problem(
                f"unit '{unit.id}' is a {unit.kind.value}; `support` only applies to clusters.")
