"""Whether a scenario's draft is still a valid dataset, checked only where its changes touched it.

A base city passed validation; a draft (see :mod:`orggraph.scenarios.draft`) that has the same
entities, in the same order, with a few of them copied and changed, is valid as a whole when each
changed entity is: its fields pass the models, its references point at existing ids (the ids are
the base's), a new ``parent`` closes no cycle, and the rules of the root and of ``support`` hold
for it. :func:`draft_holds` checks only that (plus one pass over the ids, to see that they are
the base's); when it answers False the full validation runs to find and word the problems.

>>> from orggraph.examples import load_example
>>> from orggraph.scenarios.draft import Draft, copy_model
>>> base = load_example("tiny")
>>> draft = Draft(base)
>>> city = draft.city(base)
>>> unit = city.units[3] = draft.copies[id(base.units[3])] = copy_model(base.units[3])
>>> unit.parent = unit.id  # a unit under itself
>>> ids = BaseIds(base)
>>> draft_holds(ids, city, draft), draft_holds(ids, Draft(base).city(base), Draft(base))
(False, True)
"""

from __future__ import annotations

from pydantic import BaseModel, ValidationError

from orggraph.loaders.references import REFERENCES
from orggraph.scenarios.draft import Draft, shared_entities
from orggraph.schemas.dataset import SECTION_MODELS, SECTIONS, City, Unit
from orggraph.schemas.enums import UnitKind

__all__ = ["BaseIds", "changed_entities", "draft_holds"]

_SECTION_OF = {model: section for section, model in SECTION_MODELS.items()}


class BaseIds:
    """What checking a draft reads from its base, once for all its scenarios: the ids of each
    section and the parent of every unit and domain."""

    def __init__(self, base: City):
        self.base = base
        self.ids = {s: [e.id for e in getattr(base, s)] for s in SECTIONS}
        self.known = {s: set(ids) for s, ids in self.ids.items()}
        self.parents = {s: {e.id: e.parent for e in getattr(base, s)} for s in ("units", "domains")}
        self.units = {u.id: u for u in base.units}
        self.shared = shared_entities(base)


def _same_entities(ids: BaseIds, city: City) -> bool:
    """Whether every section holds the base's ids in the base's order."""
    return all([e.id for e in getattr(city, s)] == ids.ids[s] for s in SECTIONS)


def changed_entities(draft: Draft) -> list[tuple[str, BaseModel]]:
    """Return (section, entity) for every entity the draft copied (to change it)."""
    return [(_SECTION_OF[type(e)], e) for e in draft.copies.values()]


def _fields_valid(entity: BaseModel) -> bool:
    try:
        type(entity).model_validate(entity.model_dump(mode="json", exclude_none=True))
    except ValidationError:
        return False
    return True


def _references_hold(ids: BaseIds, section: str, entity: BaseModel) -> bool:
    for source, field, target in REFERENCES:
        if source != section:
            continue
        value = getattr(entity, field)
        refs = ([] if value is None else [value]) if isinstance(value, str | None) else value
        if not set(refs) <= ids.known[target]:
            return False
    if section == "people" and not {i.domain for i in entity.portfolio} <= ids.known["domains"]:
        return False
    return section != "programmes" or {r.partner for r in entity.partners} <= ids.known["partners"]


def _no_cycle(parents: dict[str, str | None], start: str) -> bool:
    node, steps = parents.get(start), 0
    while node is not None and steps <= len(parents):
        if node == start:
            return False
        node, steps = parents.get(node), steps + 1
    return True


def _unit_rules_hold(unit: Unit, before: Unit) -> bool:
    root = unit.kind == UnitKind.organisation
    return (unit.kind == before.kind and (unit.parent is None) == root
            and (unit.support is None or unit.kind == UnitKind.cluster))


def draft_holds(ids: BaseIds, city: City, draft: Draft) -> bool:
    """Tell whether ``city``, a draft of the valid base ``ids.base``, is a valid dataset.

    True only when it certainly is: the same entities as the base, and every changed one
    passing the checks above. False sends the caller to the full validation, which either finds
    the problems or (for changes beyond this check, such as merged units) the city valid.
    """
    if not _same_entities(ids, city):
        return False
    changed = changed_entities(draft)
    parents = {s: dict(p) for s, p in ids.parents.items()}
    for section, entity in changed:
        if section in parents:
            parents[section][entity.id] = entity.parent
    for section, entity in changed:
        if not (_fields_valid(entity) and _references_hold(ids, section, entity)):
            return False
        if section in parents and entity.parent != ids.parents[section][entity.id] \
                and not _no_cycle(parents[section], entity.id):
            return False
        if section == "units" and not _unit_rules_hold(entity, ids.units[entity.id]):
            return False
    return True
