"""Check that ids are unique and that every reference names an entity of the right section.

:func:`references_ok` answers yes or no with set operations only: the fast path of a valid
dataset. When it says no, :func:`check_unique` and :func:`check_references` find each mistake
again on the raw entries, with its place and the closest ids.

>>> from orggraph.examples import example_path
>>> from orggraph.loaders.sources import read_dataset
>>> raw = read_dataset(example_path("tiny"))
>>> problems = []
>>> ids = check_unique(None, raw.sections, problems)
>>> problems, list(check_references(raw.sections, ids))
([], [])
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from orggraph.errors import Problem
from orggraph.loaders.sources import Origin
from orggraph.loaders.suggest import did_you_mean
from orggraph.schemas.dataset import NOUNS, SECTIONS, CityInfo

__all__ = ["REFERENCES", "check_references", "check_unique", "references_ok"]

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
def references_ok(info: CityInfo | None,
                           models: dict[str, list[tuple[Any, Origin]]]) -> bool:
    """Tell, with set operations only, whether ids are unique and every reference resolves.

    This is the fast path of a valid dataset: when it says yes, :func:`check_unique` and
    :func:`check_references` would find nothing; when it says no, they run to explain.
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


def check_unique(info: CityInfo | None, sections: dict,
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
                    f"the id '{ident}' is used twice: this {NOUNS[name]} and the "
                    f"{NOUNS[other_section]}{place}. Ids must be unique in a dataset; "
                    "rename one of them.", name, ident))
            else:
                seen[ident] = (name, origin)
    if info is not None and info.id in seen:
        name, origin = seen[info.id]
        problems.append(origin.at("id").problem(
            f"the id '{info.id}' is the city's own id; give this {NOUNS[name]} another id.",
            name, info.id))
    return seen


def check_references(sections: dict, ids: dict[str, tuple[str, Origin]]) -> Iterator[Problem]:
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
                    + " Add it to `domains` or use a domain of the taxonomy.",
                    "people", _owner(value))
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
    noun = NOUNS[target]
    if found is None:
        yield at.problem(f"{NOUNS[section]} '{owner}': `{field}` names '{ref}', but there is "
                         f"no {noun} with that id." + did_you_mean(ref, by_section.get(target, [])),
                         section, owner)
    elif found[0] != target:
        yield at.problem(f"{NOUNS[section]} '{owner}': `{field}` names '{ref}', which is a "
                         f"{NOUNS[found[0]]}, not a {noun}.", section, owner)
    elif section == target and field == "parent" and ref == owner:
        yield at.problem(f"{noun} '{owner}' is its own parent.", section, owner)


