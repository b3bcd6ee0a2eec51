"""What changed between two cities: units moved, portfolio items reassigned, clusters merged,
what appeared or disappeared, and the disruption figures of docs/design.md §4.

Works between a base and a scenario, between two scenarios, or between two legislatures of one
city: entities are matched by id.

``units_moved`` counts the units present in both whose cluster(u) differs; ``items_reassigned``
counts the portfolio items, by title and domain, present in both whose holder differs.

>>> from orggraph.examples import load_example
>>> from orggraph.scenarios.apply import apply
>>> base = load_example("tiny")
>>> after = apply(base, {"name": "x", "changes": [
...     {"move": {"unit": "dienst-jeugd", "to": "cluster-ruimte"}}]})
>>> d = diff(base, after)
>>> d.units_moved, d.items_reassigned
(1, 0)
>>> print(d.differences[0].text)
Jeugddienst moves from Cluster Mens en Samenleving to Cluster Ruimte.
"""

from __future__ import annotations

from collections import ChainMap, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any

from orggraph.core import Core
from orggraph.schemas.dataset import NOUNS, SECTION_MODELS, SECTIONS, City, Entity, Programme

__all__ = ["CityDiff", "Difference", "Facts", "KINDS", "diff", "items_reassigned", "units_moved"]

_SECTION_OF = {model: section for section, model in SECTION_MODELS.items()}

#: Kinds of difference, in the order they are listed.
KINDS = ("clusters_merged", "unit_moved", "unit_reparented", "item_reassigned", "steer_changed",
         "college_joined", "college_left", "alderman_services", "programme_changed", "appeared",
         "disappeared", "renamed")


@dataclass(frozen=True)
class Difference:
    """One difference between two cities: its ``kind``, the id it is about, a sentence."""

    kind: str
    subject: str
    text: str
    details: dict[str, Any] = field(default_factory=dict)

    def to_json_dict(self) -> dict[str, Any]:
        """Return the difference as plain JSON values."""
        return asdict(self)


@dataclass
class CityDiff:
    """Every difference from ``a`` to ``b`` and the two disruption figures of docs/design.md §4."""

    a: str
    b: str
    units_moved: int
    items_reassigned: int
    differences: list[Difference] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Difference]:
        """Return the differences of one kind."""
        return [d for d in self.differences if d.kind == kind]

    @property
    def changed_units(self) -> set[str]:
        """Ids of the units that moved, appeared, were merged into, renamed or re-parented, or
        whose political owners or line changed (the units a map of the scenario marks)."""
        kinds = {"unit_moved", "unit_reparented", "clusters_merged", "steer_changed"}
        ids = {d.subject for d in self.differences if d.kind in kinds}
        ids |= {d.subject for d in self.differences
                if d.kind in ("appeared", "renamed") and d.details.get("section") == "units"}
        for d in self.of_kind("alderman_services"):
            ids |= set(d.details["gained"]) | set(d.details["lost"])
        return ids

    def to_json_dict(self) -> dict[str, Any]:
        """Return ``{"units_moved", "items_reassigned", "changes": [...]}``."""
        return {"units_moved": self.units_moved, "items_reassigned": self.items_reassigned,
                "changes": [d.to_json_dict() for d in self.differences]}


class Facts:
    """What a diff reads from one city, each worked out once, when first asked for.

    Pass one to :func:`diff` instead of the city to reuse it: a base compared with many
    scenarios is then read once. The city must not change while its facts are in use; ``core``
    is its :class:`~orggraph.core.Core` when one is at hand already.
    """

    def __init__(self, city: City, core: Core | None = None):
        self.city = city
        self.core = core if core is not None else Core(city)

    @classmethod
    def of_view(cls, base: Facts, city: City, core: Core, changed: Sequence[Entity]) -> Facts:
        """Return the facts of ``city``, a view over ``base.city`` with the same entities in
        the same order, of which only ``changed`` differ from the base's: the tables of names
        and parents are the base's with those entities' entries replaced.

        >>> from orggraph.examples import load_example
        >>> from orggraph.scenarios.apply import apply_view
        >>> base = load_example("tiny")
        >>> view = apply_view(base, {"name": "x", "changes": [
        ...     {"rename": {"id": "dienst-jeugd", "name": "Jeugd"}}]})
        >>> renamed = [u for u in view.units if u.id == "dienst-jeugd"]
        >>> facts = Facts.of_view(Facts(base), view, Core(view), renamed)
        >>> facts.names["dienst-jeugd"], facts.names == Facts(view).names
        ('Jeugd', True)
        """
        facts = cls(city, core)
        names = {s: dict(n) for s, n in base.section_names.items()}
        parents = dict(base.parents)
        for entity in changed:
            section = _SECTION_OF[type(entity)]
            names[section][entity.id] = entity.name
            if section == "units":
                parents[entity.id] = entity.parent
        facts.section_names, facts.parents = names, parents
        if core.owned is base.core.owned:
            facts.owned = base.owned
        return facts

    @property
    def clusters(self) -> dict[str, str]:
        """Unit id → cluster(u) (see :attr:`~orggraph.core.Core.cluster`)."""
        return self.core.cluster

    @cached_property
    def holders(self) -> dict[tuple[str, str], set[str]]:
        """(title, domain) of a portfolio item → the college members holding it."""
        return _holders(self.city)

    @cached_property
    def steered(self) -> dict[str, set[str]]:
        """Unit id → the college members with a political line to it."""
        return _steered(self.city)

    @cached_property
    def owned(self) -> dict[str, set[str]]:
        """College member → the services they own (owners(s), see :class:`~orggraph.core.Core`)."""
        return {a: set(services) for a, services in self.core.owned.items()}

    @cached_property
    def names(self) -> dict[str, str]:
        """Id → name of every entity."""
        return {i: name for names in self.section_names.values() for i, name in names.items()}

    @cached_property
    def section_names(self) -> dict[str, dict[str, str]]:
        """Section → id → name of each of its entities."""
        return {s: {e.id: e.name for e in getattr(self.city, s)} for s in SECTIONS}

    @cached_property
    def parents(self) -> dict[str, str | None]:
        """Unit id → its parent's id."""
        return {u.id: u.parent for u in self.city.units}

    @cached_property
    def programmes(self) -> dict[str, Programme]:
        """Programme id → programme."""
        return {p.id: p for p in self.city.programmes}

    @cached_property
    def services(self) -> set[str]:
        """The ids of the services (S, see :class:`~orggraph.core.Core`)."""
        return set(self.core.services)


def _facts(city: City | Facts) -> Facts:
    return city if isinstance(city, Facts) else Facts(city)


def units_moved(a: City | Facts, b: City | Facts) -> int:
    """Return how many units present in both cities sit in a different cluster(u)."""
    ca, cb = _facts(a).clusters, _facts(b).clusters
    if ca is cb:  # a scenario that moved nothing shares its base's
        return 0
    return sum(1 for u in ca.keys() & cb.keys() if ca[u] != cb[u])


def _holders(city: City) -> dict[tuple[str, str], set[str]]:
    holders: dict[tuple[str, str], set[str]] = defaultdict(set)
    for person in city.college:
        for item in person.portfolio:
            holders[(item.title, item.domain)].add(person.id)
    return holders


def items_reassigned(a: City | Facts, b: City | Facts) -> int:
    """Return how many portfolio items (by title and domain) in both cities changed holder."""
    ha, hb = _facts(a).holders, _facts(b).holders
    return sum(1 for k in ha.keys() & hb.keys() if ha[k] != hb[k])


def diff(a: City | Facts, b: City | Facts) -> CityDiff:
    """Return what changed from city ``a`` to city ``b``.

    Either may be given as its :class:`Facts`, to reuse what was read from it before.
    """
    fa, fb = _facts(a), _facts(b)
    a, b = fa.city, fb.city
    names = ChainMap(fb.names, fa.names)
    differences = (_merged(fa, fb, names) + _moved(fa, fb, names) + _reassigned(fa, fb, names)
                   + _steers(fa, fb, names) + _college(a, b, names)
                   + _ownership(fa, fb, names) + _programmes(fa, fb, names) + _presence(fa, fb)
                   + _renamed(fa, fb))
    label_a = a.city.name + (f" {a.city.legislature}" if a.city.legislature else "")
    label_b = b.city.name + (f" {b.city.legislature}" if b.city.legislature else "")
    return CityDiff(label_a, label_b, units_moved(fa, fb), items_reassigned(fa, fb),
                    differences)


def _join(items: list[str]) -> str:
    if not items:
        return "nobody"
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _merged(a: Facts, b: Facts, names: Mapping[str, str]) -> list[Difference]:
    """Clusters of ``a`` that are gone in ``b``, their units now mostly in one cluster."""
    ca, cb = a.clusters, b.clusters
    still = set(cb.values())
    into: dict[str, list[str]] = defaultdict(list)
    for cluster in dict.fromkeys(ca.values()):
        if cluster in still:
            continue
        landed = [cb[u] for u, c in ca.items() if c == cluster and u in cb]
        if landed:
            into[max(set(landed), key=landed.count)].append(cluster)
    result = []
    for target, gone in into.items():
        sources = ([target] if target in set(ca.values()) else []) + gone
        if len(sources) < 2 and target in set(ca.values()):
            continue
        shown = _join([names[c] for c in sources])
        result.append(Difference("clusters_merged", target,
                                 f"{shown} {'are' if len(sources) > 1 else 'is'} merged into "
                                 f"{names[target]}.", {"clusters": sources, "into": target}))
    return result


def _moved(a: Facts, b: Facts, names: Mapping[str, str]) -> list[Difference]:
    ca, cb = a.clusters, b.clusters
    parent_a = a.parents
    # Only a unit whose cluster or parent differs can be reported (set operations, in C).
    changed = {u for u, _ in b.parents.items() - parent_a.items()}
    if ca is not cb:
        changed |= {u for u, _ in cb.items() - ca.items()}
    result = []
    for unit in b.city.units:
        if unit.id not in changed or unit.id not in parent_a:
            continue
        if unit.id in ca and unit.id in cb and ca[unit.id] != cb[unit.id]:
            if ca[unit.id] == unit.id or cb[unit.id] == unit.id:
                continue  # a cluster itself: reported as merged or re-parented below
            result.append(Difference(
                "unit_moved", unit.id, f"{unit.name} moves from {names[ca[unit.id]]} to "
                f"{names[cb[unit.id]]}.", {"from": ca[unit.id], "to": cb[unit.id]}))
        elif parent_a[unit.id] != unit.parent and unit.parent is not None:
            before = names.get(parent_a[unit.id] or "", "nothing")
            result.append(Difference(
                "unit_reparented", unit.id, f"{unit.name} now hangs under {names[unit.parent]} "
                f"(was {before}).", {"from": parent_a[unit.id], "to": unit.parent}))
    return result


def _reassigned(a: Facts, b: Facts, names: Mapping[str, str]) -> list[Difference]:
    ha, hb = a.holders, b.holders
    result: list[Difference] = []
    changed = [k for k in ha if k in hb and ha[k] != hb[k]]
    if not changed:
        return result
    domains = {d.id: d.name for d in b.city.domains} | {d.id: d.name for d in a.city.domains}
    for key in changed:
        title, domain = key
        before = _join(sorted(names[p] for p in ha[key]))
        after = _join(sorted(names[p] for p in hb[key]))
        result.append(Difference(
            "item_reassigned", title, f"Portfolio item '{title}' ({domains.get(domain, domain)}) "
            f"goes from {before} to {after}.",
            {"title": title, "domain": domain, "from": sorted(ha[key]), "to": sorted(hb[key])}))
    return result


def _steered(city: City) -> dict[str, set[str]]:
    lines: dict[str, set[str]] = defaultdict(set)
    for person in city.college:
        for unit in person.steers:
            lines[unit].add(person.id)
    return lines


def _steers(a: Facts, b: Facts, names: Mapping[str, str]) -> list[Difference]:
    sa, sb = a.steered, b.steered
    units_b = b.parents
    steered = sa.keys() | sb.keys()
    result = []
    for unit in [u.id for u in b.city.units if u.id in steered]:
        if sa.get(unit, set()) != sb.get(unit, set()) and unit in units_b:
            before = _join(sorted(names[p] for p in sa.get(unit, ())))
            after = _join(sorted(names[p] for p in sb.get(unit, ())))
            result.append(Difference(
                "steer_changed", unit, f"The political line to {names[unit]} goes to {after} "
                f"(was {before}).", {"from": sorted(sa.get(unit, ())),
                                     "to": sorted(sb.get(unit, ()))}))
    return result


def _college(a: City, b: City, names: Mapping[str, str]) -> list[Difference]:
    ma, mb = {p.id for p in a.college}, {p.id for p in b.college}
    joined = [Difference("college_joined", p.id, f"{p.name} joins the college as "
                         f"{p.role.value.replace('_', ' ')}.") for p in b.college if p.id not in ma]
    left = [Difference("college_left", p.id, f"{p.name} leaves the college.")
            for p in a.college if p.id not in mb]
    return joined + left


def _ownership(a: Facts, b: Facts, names: Mapping[str, str]) -> list[Difference]:
    """Per college member in both cities: the services gained and lost."""
    oa, ob = a.owned, b.owned
    sa, sb = a.services, b.services
    result = []
    college_a = {q.id for q in a.city.college}
    nobody: set[str] = set()
    for member in [p for p in b.city.college if p.id in college_a]:
        before, after = oa.get(member.id, nobody), ob.get(member.id, nobody)
        gained = sorted(s for s in after - before if s in sa and s in sb)
        lost = sorted(s for s in before - after if s in sa and s in sb)
        if not gained and not lost:
            continue
        parts = []
        if gained:
            parts.append(f"gains {_join([names[s] for s in gained])}")
        if lost:
            parts.append(f"loses {_join([names[s] for s in lost])}")
        result.append(Difference("alderman_services", member.id,
                                 f"{member.name} " + "; ".join(parts) + ".",
                                 {"gained": gained, "lost": lost}))
    return result


def _programmes(a: Facts, b: Facts, names: Mapping[str, str]) -> list[Difference]:
    """Programmes in both whose sponsor, lead or contributors changed."""
    before = a.programmes
    result = []
    for programme in b.city.programmes:
        old = before.get(programme.id)
        if old is None or old is programme:  # a scenario shares what it did not change
            continue
        parts = []
        if old.sponsor != programme.sponsor:
            parts.append(f"is now sponsored by {names.get(programme.sponsor or '', 'nobody')} "
                         f"(was {names.get(old.sponsor or '', 'nobody')})")
        if old.lead != programme.lead:
            parts.append(f"is now led by {names.get(programme.lead or '', 'no unit')} "
                         f"(was {names.get(old.lead or '', 'no unit')})")
        units, old_units = programme.units, old.units
        joined = [u for u in units if u not in old_units]
        left = [u for u in old_units if u not in units]
        if joined:
            parts.append(f"gains {_join([names.get(u, u) for u in joined])}")
        if left:
            parts.append(f"loses {_join([names.get(u, u) for u in left])}")
        if parts:
            result.append(Difference(
                "programme_changed", programme.id, f"{programme.name} " + "; ".join(parts) + ".",
                {"sponsor": [old.sponsor, programme.sponsor], "lead": [old.lead, programme.lead],
                 "units_joined": joined, "units_left": left}))
    return result


def _presence(fa: Facts, fb: Facts) -> list[Difference]:
    a, b = fa.city, fb.city
    result = []
    for section in SECTIONS:
        ids_a, ids_b = fa.section_names[section], fb.section_names[section]
        if ids_a.keys() == ids_b.keys():
            continue
        noun = NOUNS[section]
        result += [Difference("appeared", e.id, f"New {noun}: {e.name}.", {"section": section})
                   for e in getattr(b, section) if e.id not in ids_a]
        result += [Difference("disappeared", e.id, f"The {noun} {e.name} is gone.",
                              {"section": section})
                   for e in getattr(a, section) if e.id not in ids_b]
    return result


def _renamed(fa: Facts, fb: Facts) -> list[Difference]:
    result = []
    for section in SECTIONS:
        before = fa.section_names[section]
        if not fb.section_names[section].items() - before.items():
            continue  # no name changed (or only new entities, which are not renamed)
        result += [Difference("renamed", e.id, f"{before[e.id]} is renamed {e.name}.",
                              {"section": section, "from": before[e.id], "to": e.name})
                   for e in getattr(fb.city, section) if before.get(e.id, e.name) != e.name]
    return result
