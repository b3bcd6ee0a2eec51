"""Evaluate a scenario from its base's computed state plus its changes (docs/design.md §4).

Comparing many scenarios with one base repeats the same work: a scenario changes a handful of
entities of a city of thousands. :class:`BaseState` computes the base once (its
:class:`~orggraph.core.Core`, every metric family and table, the facts a diff reads);
:func:`evaluate` then applies a scenario as a view over the base
(:func:`~orggraph.scenarios.apply.apply_view`), finds what its changes touched (:func:`touched`)
and works out again only what depends on that, reusing the base's results for the rest:

====================  =========================================================================
changed               worked out again
====================  =========================================================================
a unit's ``parent``   cluster(u), the organisation counts, alignment, the programme measures
                      (when a programme's unit changed cluster), every table but the domains',
                      the boundary spanners (the graph's edges changed)
a portfolio or        owners(s), alignment, the domain measures, the alderman, cluster, domain
``steers``            and programme tables
a name                the tables that show it
anything else         everything (from scratch, as :func:`~orggraph.queries.metrics` does)
====================  =========================================================================

The from-scratch evaluation, ``metrics(apply(base, scenario))`` and ``diff(base, ...)``, stays the
reference: the tests check that both give the same results.

>>> from orggraph.examples import load_example
>>> from orggraph.queries import metrics
>>> from orggraph.scenarios.apply import apply
>>> base = load_example("tiny")
>>> s = Scenario(name="Space under Claes", changes=[{"give": {"domain": "space",
...                                                           "to": "bram-claes"}}])
>>> state = BaseState(base)
>>> city, result, _ = evaluate(state, s)
>>> result == metrics(apply(base, s)), sorted(touched(state, city).changed)
(True, ['owners'])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar

from orggraph.core import Core
from orggraph.queries import CityMetrics, metrics
from orggraph.queries.compute import FAMILIES, TABLES, city_metrics
from orggraph.queries.result import BoundarySpanner
from orggraph.queries.spanners import KERNEL_WORK, Method, boundary_spanners
from orggraph.scenarios.apply import apply_view
from orggraph.scenarios.checks import BaseIds
from orggraph.scenarios.diff import CityDiff, Facts, diff
from orggraph.schemas.dataset import SECTIONS, City, Entity, Person
from orggraph.schemas.scenario import Scenario

__all__ = ["FAMILY_READS", "TABLE_READS", "BaseState", "Touched", "evaluate", "touched"]

R = TypeVar("R")

#: The fields a change may alter, per section, with what each alters; any other changed field
#: (or an entity added, removed or merged) has the scenario evaluated from scratch.
_FIELDS = {"units": {"name": "names:units", "parent": "tree"},
           "people": {"name": "names:people", "portfolio": "owners", "steers": "owners",
                      "heads": None, "member_of": None}}

#: What each metric family and each table of :mod:`orggraph.queries.compute` reads (the keys
#: are theirs; a test checks that none is missing).
FAMILY_READS = {"organisation": {"tree"}, "alignment": {"tree", "owners"},
                "domains": {"owners"}, "programmes": {"programme clusters"}}
TABLE_READS = {"aldermen": {"tree", "owners", "names:people"},
               "clusters": {"tree", "owners", "names:units"},
               "domains": {"owners", "names:domains"},
               "programmes": {"tree", "owners", "names:programmes"},
               "strategic_cells": {"tree", "names:units"}}


@dataclass
class Touched:
    """What a scenario's changes touched: ``changed`` holds ``tree``, ``owners``,
    ``programme clusters`` and ``names:<section>``; ``anything`` says to start from scratch;
    ``people`` pairs each changed person with the base's."""

    anything: bool = False
    changed: set[str] = field(default_factory=set)
    people: list[tuple[Person, Person]] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)


class BaseState:
    """A base city computed once for many scenarios: its core, metrics, tables and facts.

    ``spanners`` says whether the scenarios' boundary spanners are wanted, ``tables`` whether
    their per-entity tables are (False leaves them empty); ``scenarios`` (how many will be
    evaluated) chooses the betweenness method once for all of them. The base's metrics are
    always complete.
    """

    def __init__(self, city: City, spanners: bool = True, scenarios: int = 1,
                 tables: bool = True):
        self.city = city
        self.spanners = spanners
        self.tables = tables
        self.ids = BaseIds(city)
        self.core = Core(city)
        self.facts = Facts(city, self.core)
        self.metrics = metrics(city, spanners=spanners)
        self.values = {name: family(self.core) for name, family in FAMILIES.items()}
        self.programme_units = [u for u in dict.fromkeys(
            u for p in city.programmes for u in p.units) if u in self.core.cluster]
        self.services_under = _services_under(self.core)
        # The reduced kernel costs a moment to load, then is the faster for every scenario.
        work = len(city.units) ** 2 * scenarios
        self.method: Method = "reduced" if spanners and work >= KERNEL_WORK else None


def _services_under(core: Core) -> dict[str, set[str]]:
    """Return domain d → the services with a domain equal to d or below it."""
    parent = {d.id: d.parent for d in core.city.domains}
    under: dict[str, set[str]] = {}
    for s in core.services:
        for domain in core.units[s].domains:
            node, seen = domain, set()
            while node is not None and node not in seen:  # validation refuses cycles
                seen.add(node)
                under.setdefault(node, set()).add(s)
                node = parent.get(node)
    return under


def _owners_may_change(state: BaseState, people: list[tuple[Person, Person]]) -> set[str]:
    """Return the services whose owners(s) a change of these people's portfolios or political
    lines can alter: those steered by one of them before or after, and those under a domain
    one of them holds before or after but not both."""
    found: set[str] = set()
    for new, old in people:
        found |= set(new.steers) ^ set(old.steers)
        for domain in {i.domain for i in new.portfolio} ^ {i.domain for i in old.portfolio}:
            found |= state.services_under.get(domain, set())
    return found


def touched(state: BaseState, city: City) -> Touched:
    """Return what ``city``, a view of ``state.city`` (see :func:`apply_view`), changed."""
    base = state.city
    found = Touched()
    for section in SECTIONS:
        entities, before = getattr(city, section), getattr(base, section)
        if len(entities) != len(before):
            return Touched(anything=True)
        for new, old in zip(entities, before, strict=True):
            if new is old:
                continue
            if new.id != old.id:
                return Touched(anything=True)
            found.entities.append(new)
            allowed = _FIELDS.get(section, {"name": f"names:{section}"})
            for name, value in new.__dict__.items():
                if value == old.__dict__[name]:
                    continue
                if name not in allowed:
                    return Touched(anything=True)
                if allowed[name] is not None:
                    found.changed.add(allowed[name])
            if section == "people":
                found.people.append((new, old))
    return found


def _core(state: BaseState, city: City, change: Touched) -> Core:
    """Return the core of ``city``, given the base's rules that ``change`` left as they were."""
    base = state.core
    # The unit ids, the programmes and the domains are the base's: so are the pairs and root(d).
    rules: dict[str, object] = {"pairs": base.pairs, "top_domain": base.top_domain}
    if "tree" not in change.changed:
        rules |= {"cluster": base.cluster, "programme_clusters": base.programme_clusters}
    if "owners" not in change.changed:
        rules |= {"owners": base.owners, "owned": base.owned}
    core = Core.known(city, **rules)
    if "owners" in change.changed:
        owners = dict(base.owners)  # the same services, in the same order
        changing = _owners_may_change(state, change.people)
        owners.update(core.owners_of(s for s in base.services if s in changing))
        core = Core.known(city, **rules, units=core.units, owners=owners)
    if "tree" in change.changed and any(base.cluster[u] != core.cluster[u]
                                        for u in state.programme_units):
        change.changed.add("programme clusters")
    return core


def _spanners(state: BaseState, core: Core, change: Touched) -> list[BoundarySpanner]:
    """Return the boundary spanners: the base's when no edge of the graph changed."""
    if "tree" in change.changed:
        return boundary_spanners(core, method=state.method)[0]
    rows = state.metrics.boundary_spanners
    if "names:units" not in change.changed:
        return rows
    return [row if row.name == core.units[row.id].name
            else row.model_copy(update={"name": core.units[row.id].name}) for row in rows]


def _shared(rows: list[R], base: list[R]) -> list[R]:
    """Return ``rows`` with each row equal to the base's replaced by the base's own: a
    comparison then keeps, per scenario, only the rows its changes altered."""
    if len(rows) != len(base):
        return rows
    return [old if new == old else new for new, old in zip(rows, base, strict=True)]


def _metrics(state: BaseState, core: Core, change: Touched) -> CityMetrics:
    """Return the metrics of ``core``'s city, reusing the base's where ``change`` allows."""
    base = state.metrics
    values: dict[str, float | int | None] = {}
    for name, family in FAMILIES.items():
        values.update(family(core) if FAMILY_READS[name] & change.changed else state.values[name])
    tables = {name: [] if not state.tables
              else _shared(rows(core), getattr(base, name)) if TABLE_READS[name] & change.changed
              else getattr(base, name) for name, rows in TABLES.items()}
    spanner_rows = _spanners(state, core, change) if state.spanners else []
    return city_metrics(core, values, tables, spanner_rows, state.spanners)


def evaluate(state: BaseState, scenario: Scenario) -> tuple[City, CityMetrics, CityDiff]:
    """Apply ``scenario`` to the base of ``state``; return the city (a view over the base), its
    metrics and its differences from the base.

    Equal to ``apply``, ``metrics`` and ``diff`` run from scratch; raises as :func:`apply` does.
    """
    city = apply_view(state.city, scenario, state.ids)
    change = touched(state, city)
    if change.anything:
        result = metrics(city, spanners=state.spanners)
        if not state.tables:
            result = result.model_copy(update=dict.fromkeys(TABLES, []))
        return city, result, diff(state.facts, city)
    core = _core(state, city, change)
    result = _metrics(state, core, change)
    return city, result, diff(state.facts, Facts.of_view(state.facts, city, core,
                                                          change.entities))
