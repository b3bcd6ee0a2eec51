"""What the proposal search reads from a base city: items, members, services and clusters.

A portfolio *item* is a (title, domain) pair, the key by which a comparison counts
``items_reassigned``; a member who holds the same pair twice holds one item in two copies, which
move together. A pair held by two members at once cannot be given to one of them without
changing what the data says, so it stays where it is (``shared``).

Services (S of docs/design.md) are grouped in *classes* of services with the same cluster, the same
covering item domains and the same explicit political lines: such services always have the same
owners, so the solver counts them together. Services that may move between clusters are classes
of their own.

>>> from orggraph.examples import load_example
>>> inst = instance_of(load_example("tiny"))
>>> len(inst.members), len(inst.items) > 0, sum(c.count for c in inst.classes) == inst.n_services
(3, True, True)
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from orggraph.core import Core
from orggraph.schemas.dataset import City
from orggraph.schemas.enums import SERVICE_KINDS

__all__ = ["Instance", "Item", "ServiceClass", "instance_of"]


@dataclass(frozen=True)
class Item:
    """A portfolio item: its title, domain, top-level domain, base holder and copies."""

    title: str
    domain: str
    root: str
    holder: str
    copies: int = 1
    shared: bool = False

    @property
    def key(self) -> tuple[str, str]:
        """(title, domain): how a comparison recognises the item."""
        return (self.title, self.domain)


@dataclass(frozen=True)
class ServiceClass:
    """Services with the same cluster, covering item domains and political lines.

    ``cover`` holds the item domains equal to, or ancestors of, a domain of the services: whoever
    holds an item on one of them owns the services. ``unit`` is set for a single movable service.
    """

    cluster: str
    cover: frozenset[str]
    steered_by: frozenset[str]
    count: int
    fte: float
    unit: str | None = None


@dataclass
class Instance:
    """The search's view of a base city (see the module docstring)."""

    members: list[str]
    member_name: dict[str, str]
    member_role: dict[str, str]
    items: list[Item]
    classes: list[ServiceClass]
    clusters: list[str]
    targets: list[str]
    unit_name: dict[str, str]
    domain_name: dict[str, str]
    domain_parent: dict[str, str | None]
    n_services: int
    base_tops: dict[str, set[str]] = field(default_factory=dict)

    @property
    def tops(self) -> list[str]:
        """The top-level domains held by anyone, in order of first item."""
        return list(dict.fromkeys(i.root for i in self.items))

    def under(self, domain: str, ancestor: str) -> bool:
        """Whether ``domain`` equals ``ancestor`` or lies under it."""
        seen = set()
        node: str | None = domain
        while node is not None and node not in seen:
            if node == ancestor:
                return True
            seen.add(node)
            node = self.domain_parent.get(node)
        return False


def _items(city: City, top_domain: dict[str, str]) -> list[Item]:
    holders: dict[tuple[str, str], list[str]] = defaultdict(list)
    copies: Counter[tuple[str, str, str]] = Counter()
    for person in city.college:
        for item in person.portfolio:
            key = (item.title, item.domain)
            if person.id not in holders[key]:
                holders[key].append(person.id)
            copies[(*key, person.id)] += 1
    result = []
    for (title, domain), who in holders.items():
        for member in who:
            result.append(Item(title, domain, top_domain.get(domain, domain), member,
                               copies[(title, domain, member)], shared=len(who) > 1))
    return result


def _ancestors(parent: dict[str, str | None], domain: str) -> list[str]:
    chain, seen = [], set()
    node: str | None = domain
    while node is not None and node not in seen:
        chain.append(node)
        seen.add(node)
        node = parent.get(node)
    return chain


def instance_of(city: City, *, allow_moves: bool = False) -> Instance:
    """Return the search's view of ``city``; ``allow_moves`` lets leaf services change cluster.

    Only services without child units move, so that a move changes the cluster of exactly one
    unit (``units_moved`` counts every unit whose cluster changes).
    """
    parent = {d.id: d.parent for d in city.domains}
    core = Core(city)
    items = _items(city, core.top_domain)
    item_domains = {i.domain for i in items}
    cluster = core.cluster
    has_children = {u.parent for u in city.units if u.parent}
    steered: dict[str, set[str]] = defaultdict(set)
    for person in city.college:
        for unit in person.steers:
            steered[unit].add(person.id)
    groups: dict[tuple, list] = defaultdict(list)
    services = [u for u in city.units if u.kind in SERVICE_KINDS and u.id in cluster]
    for unit in services:
        cover = frozenset(d for own in unit.domains for d in _ancestors(parent, own)
                          if d in item_domains)
        movable = allow_moves and unit.id not in has_children
        key = (cluster[unit.id], cover, frozenset(steered.get(unit.id, ())),
               unit.id if movable else None)
        groups[key].append(unit)
    classes = [ServiceClass(c, cover, steers, len(units), sum(u.fte or 0 for u in units), unit)
               for (c, cover, steers, unit), units in groups.items()]
    clusters = list(dict.fromkeys(cluster[u.id] for u in services))
    service_ids = {u.id for u in services}
    targets = [c for c in dict.fromkeys(cluster.values()) if c not in service_ids]
    if allow_moves:
        clusters = list(dict.fromkeys(clusters + targets))
    base_tops: dict[str, set[str]] = defaultdict(set)
    for item in items:
        base_tops[item.holder].add(item.root)
    return Instance(
        members=[p.id for p in city.college],
        member_name={p.id: p.name for p in city.college},
        member_role={p.id: p.role.value for p in city.college},
        items=items, classes=classes, clusters=clusters,
        targets=targets if allow_moves else [],
        unit_name={u.id: u.name for u in city.units},
        domain_name={d.id: d.name for d in city.domains},
        domain_parent=parent, n_services=len(services), base_tops=dict(base_tops))
