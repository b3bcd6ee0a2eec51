"""Turn a :class:`RawDataset` into a valid :class:`City`, or report every problem at once.

Checks, in one run (docs/design.md §3): the shape and vocabulary of every entry (missing fields,
wrong types, unknown kinds or roles, unknown fields), ids unique across the dataset, every reference
pointing at an existing id of the right section (with the closest ids suggested), no cycle in
``parent``, exactly one ``organisation`` root, and portfolio items whose domain exists. The
wording of shape problems is :mod:`orggraph.loaders.explain`'s, ids and references are checked in
:mod:`orggraph.loaders.references`; the tree checks are here.

>>> from orggraph.examples import example_path
>>> from orggraph.loaders.sources import read_dataset
>>> city = build_city(read_dataset(example_path("tiny")))
>>> city.city.name
'Tinystad'
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import TypeAdapter, ValidationError

from orggraph.errors import InvalidDataError, Problem
from orggraph.loaders.explain import explain
from orggraph.loaders.gcpause import gc_paused
from orggraph.loaders.references import check_references, check_unique, references_ok
from orggraph.loaders.sources import Origin, RawDataset
from orggraph.loaders.suggest import did_you_mean
from orggraph.loaders.taxonomy import available_taxonomies, taxonomy_domains, taxonomy_path
from orggraph.schemas import enums
from orggraph.schemas.dataset import FORMAT, SECTION_MODELS, SECTIONS, City, CityInfo, Unit

__all__ = ["build_city"]

_ADAPTERS = {name: TypeAdapter(list[model]) for name, model in SECTION_MODELS.items()}


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
    if not (every_entry_valid and references_ok(info, models)):
        # Something is wrong: find it again entry by entry, with its place and a suggestion.
        ids = check_unique(info, sections, problems)
        problems += check_references(sections, ids)
    problems += _check_tree(models["units"], "units")
    problems += _check_tree(models["domains"], "domains")
    problems += _check_root(models["units"], raw)
    problems += _check_support(models["units"])
    if problems or info is None:
        raise InvalidDataError(problems)
    return City(city=info, taxonomy=taxonomy,
                **{name: [m for m, _ in models[name]] for name in SECTIONS})


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
        problems.extend(explain(err, "city", origin, value))
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
    model = SECTION_MODELS[name]
    good = []
    for value, origin in items:
        try:
            good.append((model.model_validate(value), origin))
        except ValidationError as err:
            problems.extend(explain(err, name, origin, value))
    return good


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
                        "must hang under something else.", section, min(cycle))
                break
            state[node] = 1
            path.append(node)
            node = parent[node]
        for visited in path:
            state[visited] = 2


def _check_root(units: list[tuple[Unit, Origin]], raw: RawDataset) -> Iterator[Problem]:
    # A unit refused by the models has its own problem already; the root it may be is not
    # missing, only mistyped, so saying "no units" or "no root" would send the reader astray.
    if len(units) < len(raw.sections.get("units", [])) and not any(
            u.kind == enums.UnitKind.organisation for u, _ in units):
        return
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
            "dataset has exactly one root. Make it a cluster or an agency under the root.",
            "units", unit.id)
    for unit, origin in roots[:1]:
        if unit.parent is not None:
            yield origin.at("parent").problem(
                f"unit '{unit.id}' is the organisation root and cannot have a parent.",
                "units", unit.id)
    root_id = roots[0][0].id if roots else None
    for unit, origin in units:
        if unit.parent is None and unit.kind != enums.UnitKind.organisation:
            yield origin.problem(
                f"unit '{unit.id}' has no `parent`; every unit but the organisation root hangs "
                f"under another unit" + (f" (for example `parent: {root_id}`)." if root_id
                                         else "."), "units", unit.id)


def _check_support(units: list[tuple[Unit, Origin]]) -> Iterator[Problem]:
    for unit, origin in units:
        if unit.support is not None and unit.kind != enums.UnitKind.cluster:
            yield origin.at("support").problem(
                f"unit '{unit.id}' is a {unit.kind.value}; `support` only applies to clusters.",
                "units", unit.id)
