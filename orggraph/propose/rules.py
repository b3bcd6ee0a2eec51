"""Turn constraints into rules on one city's items and members, each with a name for messages.

Every id a constraint names is checked against the city first: an unknown member, domain or item
title is reported with the file and line it comes from and the closest existing names.

>>> from orggraph.examples import load_example
>>> from orggraph.propose.instance import instance_of
>>> from orggraph.propose.constraints import Constraints
>>> inst = instance_of(load_example("tiny"))
>>> rules = rules_of(inst, Constraints(items_per_member={"max": 4}))
>>> [r.label for r in rules.all()][-1]
'every member holds at most 4 items (items_per_member)'
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from orggraph.errors import InvalidDataError, Problem
from orggraph.loaders.suggest import did_you_mean
from orggraph.propose.constraints import Constraints
from orggraph.propose.instance import Instance

__all__ = ["POLICE_DOMAINS", "POLICE_WORDS", "Rule", "Rules", "rules_of"]

#: Domains (and domains under them) the mayor keeps by default: police and public order.
POLICE_DOMAINS = ("police", "public-order")
#: Item titles the mayor keeps by default (lowercase words; Dutch as published).
POLICE_WORDS = ("politie", "openbare orde", "police", "public order")

#: Locates a problem in the constraints file from the path to a value (None: from an option).
Locate = Callable[[tuple[Any, ...], str], Problem]


@dataclass(frozen=True)
class Rule:
    """One constraint, resolved: what it is called in messages and what it says.

    ``kind`` is one of ``keep``, ``items``, ``domains``, ``balance``, ``no_new``, ``together``,
    ``moves``; ``items`` are item indices (keep, together), ``member`` a member id (no_new),
    ``low``/``high`` bounds.
    """

    kind: str
    label: str
    items: tuple[int, ...] = ()
    member: str | None = None
    low: float | None = None
    high: float | None = None
    measure: str | None = None


@dataclass
class Rules:
    """The rules of one search, in the order they are reported."""

    keep: list[Rule] = field(default_factory=list)
    other: list[Rule] = field(default_factory=list)

    def all(self) -> list[Rule]:
        """Every rule, keep rules first."""
        return self.keep + self.other

    def kept(self) -> set[int]:
        """The indices of the items that must stay where they are."""
        return {i for r in self.keep for i in r.items}


def _plain(path: tuple[Any, ...], message: str) -> Problem:
    return Problem(None, None, message)


def _keep_rules(inst: Instance, c: Constraints, locate: Locate) -> Iterator[Rule | Problem]:
    titles = {i.title for i in inst.items}
    for n, title in enumerate(c.keep.items):
        if title not in titles:
            yield locate(("keep", "items", n), f"keep: no portfolio item is called '{title}'."
                         + did_you_mean(title, titles))
            continue
        yield Rule("keep", f"keep item '{title}' with its holder",
                   tuple(k for k, i in enumerate(inst.items) if i.title == title))
    for n, domain in enumerate(c.keep.domains):
        if domain not in inst.domain_parent:
            yield locate(("keep", "domains", n), f"keep: '{domain}' is not a domain of the city."
                         + did_you_mean(domain, inst.domain_parent))
            continue
        yield Rule("keep", f"keep the items on {inst.domain_name.get(domain, domain)} "
                   "with their holders",
                   tuple(k for k, i in enumerate(inst.items) if inst.under(i.domain, domain)))
    for n, member in enumerate(c.keep.members):
        if member not in inst.member_name:
            yield locate(("keep", "members", n), f"keep: '{member}' is not a college member."
                         + did_you_mean(member, inst.member_name))
            continue
        yield Rule("keep", f"{inst.member_name[member]} keeps every item",
                   tuple(k for k, i in enumerate(inst.items) if i.holder == member))
    if c.mayor_keeps_police:
        mayors = {m for m, role in inst.member_role.items() if role == "mayor"}
        police = tuple(k for k, i in enumerate(inst.items) if i.holder in mayors and (
            any(inst.under(i.domain, d) for d in POLICE_DOMAINS)
            or any(w in i.title.lower() for w in POLICE_WORDS)))
        if police:
            yield Rule("keep", "the mayor keeps police and public order (mayor_keeps_police)",
                       police)
    shared = tuple(k for k, i in enumerate(inst.items) if i.shared)
    if shared:
        yield Rule("keep", "items held by two members at once stay where they are", shared)


def _bounds(c: Constraints) -> Iterator[Rule]:
    for kind, bounds, noun in (("items", c.items_per_member, "items"),
                               ("domains", c.domains_per_member, "top-level domains")):
        name = f"{kind}_per_member"
        if bounds.min is not None:
            yield Rule(kind, f"every member holds at least {bounds.min} {noun} ({name})",
                       low=bounds.min)
        if bounds.max is not None:
            yield Rule(kind, f"every member holds at most {bounds.max} {noun} ({name})",
                       high=bounds.max)


def _other_rules(inst: Instance, c: Constraints, locate: Locate) -> Iterator[Rule | Problem]:
    yield from _bounds(c)
    if c.balance is not None:
        yield Rule("balance", f"each member's {c.balance.measure} within {c.balance.band:g}% of "
                   "the mean (balance)", low=c.balance.band, measure=c.balance.measure)
    for n, member in enumerate(c.no_new_domains):
        if member not in inst.member_name:
            yield locate(("no_new_domains", n), f"no_new_domains: '{member}' is not a college "
                         "member." + did_you_mean(member, inst.member_name))
            continue
        yield Rule("no_new", f"{inst.member_name[member]} receives no new top-level domain "
                   "(no_new_domains)", member=member)
    for n, group in enumerate(c.together):
        unknown = [d for d in group if d not in inst.domain_parent]
        for d in unknown:
            yield locate(("together", n, group.index(d)), f"together: '{d}' is not a domain of "
                         "the city." + did_you_mean(d, inst.domain_parent))
        if unknown:
            continue
        items = tuple(k for k, i in enumerate(inst.items)
                      if any(inst.under(i.domain, d) for d in group))
        names = ", ".join(inst.domain_name.get(d, d) for d in group)
        yield Rule("together", f"all items of {names} sit with one member (together)", items)
    if c.allow_moves and c.max_units_moved is not None:
        yield Rule("moves", f"at most {c.max_units_moved} units moved (max_units_moved)",
                   high=c.max_units_moved)


def rules_of(inst: Instance, c: Constraints, locate: Locate | None = None) -> Rules:
    """Resolve ``c`` on ``inst``; raise :class:`InvalidDataError` listing every unknown id."""
    locate = locate or _plain
    rules, problems = Rules(), []
    for found in _keep_rules(inst, c, locate):
        (problems if isinstance(found, Problem) else rules.keep).append(found)
    for found in _other_rules(inst, c, locate):
        (problems if isinstance(found, Problem) else rules.other).append(found)
    if problems:
        raise InvalidDataError(problems)
    return rules
