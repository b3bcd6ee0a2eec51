"""The eight kinds of change of a scenario (docs/design.md §4), each applied to a draft city.

Each function takes the draft, the change and its :class:`Step`, modifies the draft (through
:meth:`Step.own`, so that the base is never touched) and yields the ids of the entities it
changed. A change that cannot work raises :class:`~orggraph.errors.ChangeError` naming the change,
what it could not find and the closest existing ids.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel

from orggraph.errors import ChangeError, Problem
from orggraph.loaders.sources import Origin
from orggraph.loaders.suggest import closest, did_you_mean
from orggraph.scenarios.draft import Draft, copy_model
from orggraph.schemas.dataset import NOUNS, SECTIONS, City, Entity, Person, Unit
from orggraph.schemas.enums import UnitKind
from orggraph.schemas.scenario import (
    Add,
    Give,
    Merge,
    Move,
    Reassign,
    Remove,
    Rename,
    Steer,
)

__all__ = ["CHANGES", "Step", "references_to"]

E = TypeVar("E", bound=BaseModel)


@dataclass
class Step:
    """One change being applied: its position, kind and where it is written."""

    index: int
    verb: str
    origin: Origin | None
    draft: Draft | None = None

    def own(self, city: City, section: str, entity: E) -> E:
        """Return ``entity`` as the draft's own, to modify: a copy if it is still the base's.

        Call it before every modification, also with an entity found before another one was
        copied: the copy replaces the base's entity in ``city`` and is returned each time.
        """
        draft = self.draft
        if draft is None:
            return entity
        key = id(entity)
        if key in draft.copies:
            return draft.copies[key]
        if key not in draft.shared:
            return entity
        entities = getattr(city, section)
        position = next(i for i, e in enumerate(entities) if e is entity)
        entities[position] = draft.copies[key] = copy_model(entity)
        return entities[position]

    def fail(self, text: str, missing: str | None = None,
             pool: list[str] | None = None) -> ChangeError:
        hints = closest(missing, pool) if missing and pool is not None else []
        text = f"change {self.index} ({self.verb}): {text}"
        if missing and pool is not None:
            text += did_you_mean(missing, pool)
        problem = self.origin.problem(text) if self.origin is not None else \
            Problem(None, None, text)
        message = str(problem) if problem.file else text
        return ChangeError(message, self.index, self.verb, missing, hints, problem=problem)


# --- lookups -------------------------------------------------------------------------------


def _entity(city: City, ident: str) -> tuple[str, Entity] | None:
    for section in SECTIONS:
        for entity in getattr(city, section):
            if entity.id == ident:
                return section, entity
    return None


def _existing(city: City, ident: str, step: Step, verb: str) -> tuple[str, Entity]:
    """Return the section and entity with id ``ident``, or fail the change (to ``verb`` it)."""
    found = _entity(city, ident)
    if found is None:
        every = [e.id for s in SECTIONS for e in getattr(city, s)]
        raise step.fail(f"there is nothing with the id '{ident}' to {verb}.", ident, every)
    return found


def _unit(city: City, ident: str, step: Step, role: str = "unit") -> Unit:
    for unit in city.units:
        if unit.id == ident:
            return unit
    purpose = f" to use as {role}" if role != "unit" else ""
    raise step.fail(f"there is no unit '{ident}'{purpose}.", ident,
                    [u.id for u in city.units])


def _member(city: City, ident: str, step: Step) -> Person:
    for person in city.people:
        if person.id == ident:
            if not person.in_college:
                raise step.fail(f"'{ident}' ({person.name}) is a {person.role.value}, not a "
                                "college member (mayor, alderman or ocmw_chair); portfolios and "
                                "political lines belong to college members.")
            return person
    members = [p.id for p in city.college]
    listed = "" if closest(ident, members) else " College members: " + ", ".join(
        f"{p.id} ({p.name})" for p in city.college) + "."
    raise step.fail(f"there is no college member '{ident}'.{listed}", ident, members)


def _ancestors_or_self(city: City, ident: str) -> set[str]:
    """Return ``ident`` and every unit above it (a cycle ends the walk)."""
    parent = {u.id: u.parent for u in city.units}
    found: set[str] = set()
    node: str | None = ident
    while node is not None and node not in found:
        found.add(node)
        node = parent.get(node)
    return found


def _domain_subtree(city: City, ident: str) -> set[str]:
    children: dict[str | None, list[str]] = {}
    for domain in city.domains:
        children.setdefault(domain.parent, []).append(domain.id)
    found, todo = {ident}, [ident]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


# --- the changes -----------------------------------------------------------------------------


def _move(city: City, change: Move, step: Step) -> Iterator[str]:
    unit = _unit(city, change.unit, step)
    target = _unit(city, change.to, step, role="new parent")
    if unit.kind == UnitKind.organisation:
        raise step.fail(f"'{unit.id}' is the organisation root; it cannot move.")
    if unit.id in _ancestors_or_self(city, target.id):
        raise step.fail(f"'{unit.id}' cannot move under '{target.id}', which lies inside it; "
                        "move it under a unit outside its own branch.")
    unit = step.own(city, "units", unit)
    unit.parent = target.id
    yield unit.id


def _reassign(city: City, change: Reassign, step: Step) -> Iterator[str]:
    giver = _member(city, change.from_, step)
    taker = _member(city, change.to, step)
    items = [i for i in giver.portfolio if i.title == change.title
             and (change.domain is None or i.domain == change.domain)]
    if not items:
        titles = [i.title for i in giver.portfolio]
        raise step.fail(f"{giver.name} ('{giver.id}') holds no portfolio item titled "
                        f"'{change.title}'" + (f" in domain '{change.domain}'"
                                               if change.domain else "")
                        + ". Titles held: " + (", ".join(f"'{t}'" for t in titles) or "none")
                        + ".", change.title, titles)
    giver = step.own(city, "people", giver)
    giver.portfolio = [i for i in giver.portfolio if i not in items]
    taker = step.own(city, "people", taker)
    taker.portfolio.extend(items)
    yield from (giver.id, taker.id)


def _give(city: City, change: Give, step: Step) -> Iterator[str]:
    if change.domain not in {d.id for d in city.domains}:
        raise step.fail(f"there is no domain '{change.domain}'.", change.domain,
                        [d.id for d in city.domains])
    taker = _member(city, change.to, step)
    subtree = _domain_subtree(city, change.domain)
    moved = 0
    for person in city.college:
        if person.id == taker.id:  # `taker` may be a copy made in an earlier pass of this loop
            continue
        keep = [i for i in person.portfolio if i.domain not in subtree]
        if len(keep) != len(person.portfolio):
            person = step.own(city, "people", person)
            taker = step.own(city, "people", taker)
            taker.portfolio.extend(i for i in person.portfolio if i.domain in subtree)
            moved += len(person.portfolio) - len(keep)
            person.portfolio = keep
            yield person.id
    if not moved and not any(i.domain in subtree for i in taker.portfolio):
        raise step.fail(f"no college member holds a portfolio item in domain '{change.domain}' "
                        "or under it, so there is nothing to give.")
    yield taker.id


def _steer(city: City, change: Steer, step: Step) -> Iterator[str]:
    unit = _unit(city, change.unit, step)
    taker = _member(city, change.to, step)
    for person in city.college:
        if unit.id in person.steers:
            person = step.own(city, "people", person)
            person.steers = [s for s in person.steers if s != unit.id]
            yield person.id
    taker = step.own(city, "people", taker)
    taker.steers.append(unit.id)
    yield taker.id


def _merge(city: City, change: Merge, step: Step) -> Iterator[str]:
    units = [_unit(city, ident, step) for ident in change.units]
    merged = set(change.units)
    if len(merged) != len(change.units):
        raise step.fail("the same unit is named twice in `units`.")
    if any(u.kind == UnitKind.organisation for u in units):
        raise step.fail("the organisation root cannot be merged.")
    new_id = change.into.id
    if new_id not in merged and _entity(city, new_id) is not None:
        raise step.fail(f"the id '{new_id}' is already used; pick a new id for the merged unit "
                        "(or one of the merged units' ids).")
    parents = {u.id: u.parent for u in city.units}
    parent = units[0].parent
    while parent in merged:  # merging a unit with its own parent: hang under the outer one
        parent = parents[parent]
    ftes = [u.fte for u in units if u.fte is not None]
    budgets = [u.budget for u in units if u.budget is not None]
    new = Unit(id=new_id, name=change.into.name, kind=units[0].kind, parent=parent,
               fte=sum(ftes) if ftes else None, budget=sum(budgets) if budgets else None,
               domains=list(dict.fromkeys(d for u in units for d in u.domains)),
               support=units[0].support, legal_form=units[0].legal_form)
    position = city.units.index(units[0])
    city.units = [u for u in city.units if u.id not in merged]
    city.units.insert(min(position, len(city.units)), new)
    yield from _redirect(city, merged, new_id, step)


def _redirect(city: City, old: set[str], new: str, step: Step) -> Iterator[str]:
    """Point every reference to a unit in ``old`` at ``new``; yield what changed."""

    def swap(ids: list[str]) -> list[str]:
        return list(dict.fromkeys(new if i in old else i for i in ids))

    yield new
    for unit in city.units:
        if unit.parent in old:
            unit = step.own(city, "units", unit)
            unit.parent = new
            yield unit.id
    for programme in city.programmes:
        if programme.lead in old or old & set(programme.contributors):
            programme = step.own(city, "programmes", programme)
            programme.lead = new if programme.lead in old else programme.lead
            programme.contributors = [u for u in swap(programme.contributors)
                                      if u != programme.lead]
            yield programme.id
    for person in city.people:
        if old & set(person.steers) or old & set(person.heads):
            person = step.own(city, "people", person)
            person.steers, person.heads = swap(person.steers), swap(person.heads)
            yield person.id


def _rename(city: City, change: Rename, step: Step) -> Iterator[str]:
    section, entity = _existing(city, change.id, step, "rename")
    step.own(city, section, entity).name = change.name
    yield change.id


def _add(city: City, change: Add, step: Step) -> Iterator[str]:
    for section in SECTIONS:
        for entity in getattr(change, section):
            existing = _entity(city, entity.id)
            if existing is not None:
                raise step.fail(f"the id '{entity.id}' already exists (a "
                                f"{NOUNS[existing[0]]} named '{existing[1].name}'); use "
                                "`rename` or another id.")
            getattr(city, section).append(entity.model_copy(deep=True))
            yield entity.id


def _remove(city: City, change: Remove, step: Step) -> Iterator[str]:
    section, entity = _existing(city, change.id, step, "remove")
    if section == "units" and entity.kind == UnitKind.organisation:
        raise step.fail(f"'{entity.id}' is the organisation root; it cannot be removed.")
    users = sorted(set(references_to(city, change.id)))
    if users:
        raise step.fail(f"{NOUNS[section]} '{change.id}' cannot be removed while "
                        + "; ".join(users) + " still point" + "s" * (len(users) == 1)
                        + " at it. Move, reassign or remove those first.")
    setattr(city, section, [e for e in getattr(city, section) if e.id != change.id])
    yield change.id


def references_to(city: City, ident: str) -> Iterator[str]:
    """Yield, in words, every entity of ``city`` that points at the id ``ident``."""
    for unit in city.units:
        if unit.parent == ident:
            yield f"unit '{unit.id}' (its parent)"
        if ident in unit.domains:
            yield f"unit '{unit.id}' (its domains)"
    for domain in city.domains:
        if domain.parent == ident:
            yield f"domain '{domain.id}' (its parent)"
    for person in city.people:
        for field in ("steers", "heads", "member_of"):
            if ident in getattr(person, field):
                yield f"person '{person.id}' (`{field}`)"
        if any(i.domain == ident for i in person.portfolio):
            yield f"person '{person.id}' (portfolio)"
    for programme in city.programmes:
        for field in ("lead", "sponsor"):
            if getattr(programme, field) == ident:
                yield f"programme '{programme.id}' (`{field}`)"
        for field in ("contributors", "domains", "challenges"):
            if ident in getattr(programme, field):
                yield f"programme '{programme.id}' (`{field}`)"
        if any(r.partner == ident for r in programme.partners):
            yield f"programme '{programme.id}' (`partners`)"


CHANGES: dict[type, Callable[[City, Any, Step], Iterator[str]]] = {
    Move: _move, Reassign: _reassign, Give: _give, Steer: _steer, Merge: _merge,
    Rename: _rename, Add: _add, Remove: _remove,
}
