"""The organisation's rules, each written once: cluster(u), owners(s), root(d) and the programme
co-membership pairs.

Every part of orggraph that needs one of these rules (the metrics, the maps, the scenario diff,
the properties pushed to a database) asks a :class:`Core` built from the :class:`City`, so a
number, a colour and a difference can never disagree about them. The definitions:

- S, the services: the units of kind ``service``, ``staff``, ``strategic_cell`` or ``agency``;
  A, the college: the people whose role is mayor, alderman or OCMW chair.
- cluster(u): the nearest ancestor-or-self of unit u of kind ``cluster``, else the
  ancestor-or-self whose parent is the ``organisation`` root. The root has no cluster.
- owners(s) = {a ∈ A : s ∈ a.steers} ∪ {a ∈ A : some portfolio item of a has a domain that
  equals, or is an ancestor of, a domain of s}. A portfolio item on ``space`` thus owns every
  service working on ``mobility`` when ``mobility`` is part of ``space``.
- root(d): the top-level ancestor of domain d (d itself at the top).
- units(p) = {lead} ∪ contributors of programme p (:attr:`Programme.units`, lead first). Two
  units are co-members when some programme has both; the root, having no cluster, takes no
  part in the pairs.

Each rule is worked out when first asked for and kept; the city must not change while its core
is in use. Computing never reads or writes files.

>>> from orggraph.examples import load_example
>>> core = Core(load_example("tiny"))
>>> core.root, core.cluster["staf-ruimte"], core.cluster["kabinet"]
('stad', 'cluster-ruimte', 'kabinet')
>>> core.owners["staf-ruimte"], core.top_domain["mobility"]
(['an-peeters', 'bram-claes'], 'space')
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from itertools import combinations

from orggraph.schemas.dataset import City, Person, Unit
from orggraph.schemas.enums import SERVICE_KINDS, UnitKind

__all__ = ["Core"]


class Core:
    """The rules of the organisation model, read from one city.

    Parameters
    ----------
    city : the dataset. References between entities are expected to hold (as validation
        ensures); a reference to an unknown id is passed over, and a cycle ends a walk up the
        tree instead of looping.

    Examples
    --------
    >>> from orggraph.examples import load_example
    >>> core = Core(load_example("tiny"))
    >>> core.services[:2], core.owned["chris-maes"]
    (['strategische-cel', 'dienst-mobiliteit'], ['dienst-zorg', 'dienst-jeugd'])
    """

    def __init__(self, city: City):
        self.city = city

    @cached_property
    def units(self) -> dict[str, Unit]:
        """Unit id → unit, in dataset order."""
        return {u.id: u for u in self.city.units}

    @cached_property
    def root(self) -> str | None:
        """The id of the first unit of kind ``organisation``, or None when there is none."""
        return next((u.id for u in self.city.units if u.kind == UnitKind.organisation), None)

    @cached_property
    def services(self) -> list[str]:
        """The ids of S, in dataset order."""
        return [u.id for u in self.city.units if u.kind in SERVICE_KINDS]

    @cached_property
    def college(self) -> list[Person]:
        """A, the college members, in dataset order."""
        return self.city.college

    @cached_property
    def cluster(self) -> dict[str, str]:
        """Unit id → cluster(u), for every unit but the root.

        >>> from orggraph.examples import load_example
        >>> clusters = Core(load_example("tiny")).cluster
        >>> clusters["dienst-jeugd"], clusters["cluster-mens"], "stad" in clusters
        ('cluster-mens', 'cluster-mens', False)
        """
        units, root = self.units, self.root
        result: dict[str, str] = {}
        for start in units:
            if start == root:
                continue
            path: list[str] = []
            on_path: set[str] = set()
            node = start
            found: str | None = None
            # Walk up until a unit whose cluster is known, a cluster, or a child of the root;
            # remembering every unit passed makes the whole pass linear in the number of units.
            while True:
                if node in result:
                    found = result[node]
                    break
                path.append(node)
                on_path.add(node)
                unit = units[node]
                if unit.kind == UnitKind.cluster:
                    found = node
                    break
                parent = unit.parent
                if parent is None or parent == root or parent not in units or parent in on_path:
                    break
                node = parent
            # No cluster above: the top-level ancestor (the child of the root) stands for one.
            found = path[-1] if found is None else found
            for n in path:
                result[n] = found
        return result

    @cached_property
    def top_domain(self) -> dict[str, str]:
        """Domain id → root(d), for every domain of the dataset.

        >>> from orggraph.examples import load_example
        >>> top = Core(load_example("tiny")).top_domain
        >>> top["youth"], top["care"]
        ('care', 'care')
        """
        parent = {d.id: d.parent for d in self.city.domains}
        result: dict[str, str] = {}
        for start in parent:
            node, seen = start, {start}
            while parent.get(node) is not None and parent[node] not in seen:
                node = parent[node]  # type: ignore[assignment]
                if node in result:  # the rest of the way up is known
                    node = result[node]
                    break
                seen.add(node)
            result[start] = node
        return result

    @cached_property
    def owners(self) -> dict[str, list[str]]:
        """Service id → owners(s) in college order, for every service (empty when unowned).

        >>> from orggraph.examples import load_example
        >>> owners = Core(load_example("tiny")).owners
        >>> owners["dienst-wonen"], owners["dienst-jeugd"]
        (['bram-claes'], ['chris-maes'])
        """
        return self.owners_of(self.services)

    def owners_of(self, services: Iterable[str]) -> dict[str, list[str]]:
        """Return service id → owners(s) in college order for the given ``services`` only.

        :attr:`owners` is this for every service; a scenario that changes a few portfolios asks
        it for the services whose owners can have changed.

        >>> from orggraph.examples import load_example
        >>> Core(load_example("tiny")).owners_of(["dienst-jeugd"])
        {'dienst-jeugd': ['chris-maes']}
        """
        parent = {d.id: d.parent for d in self.city.domains}
        holders: dict[str, set[str]] = {}
        steered: dict[str, set[str]] = {}
        for member in self.college:
            for item in member.portfolio:
                holders.setdefault(item.domain, set()).add(member.id)
            for unit in member.steers:
                steered.setdefault(unit, set()).add(member.id)
        # above[d]: the members holding d or one of its ancestors, filled walking up each chain
        # once (a loop, not a recursive closure, which would leave a reference cycle per call).
        above: dict[str, frozenset[str]] = {}
        for start in parent:
            chain, seen, node = [], set(), start
            while node is not None and node not in above and node not in seen:
                chain.append(node)
                seen.add(node)
                node = parent.get(node)
            held = above.get(node, frozenset()) if node is not None else frozenset()
            for domain in reversed(chain):  # a cycle (invalid data) stops the walk instead
                held = held | holders.get(domain, frozenset())
                above[domain] = held

        rank = {p.id: i for i, p in enumerate(self.college)}
        result: dict[str, list[str]] = {}
        for s in services:
            found = set(steered.get(s, ())).union(
                *(above.get(d, holders.get(d, ())) for d in self.units[s].domains))
            result[s] = sorted(found, key=rank.__getitem__)
        return result

    @cached_property
    def owned(self) -> dict[str, list[str]]:
        """College member → the services they own, in dataset order (every member listed).

        >>> from orggraph.examples import load_example
        >>> Core(load_example("tiny")).owned["bram-claes"]
        ['dienst-wonen', 'staf-ruimte']
        """
        result: dict[str, list[str]] = {p.id: [] for p in self.college}
        for s, members in self.owners.items():
            for a in members:
                result[a].append(s)
        return result

    @cached_property
    def ownership(self) -> dict[str, dict[str, int]]:
        """M[a][c] = |{s ∈ S in cluster c : a ∈ owners(s)}|, the non-zero cells, members in the
        order of their first owned service (a service without a cluster, only possible for a
        root of kind service, which validation refuses, is left out).

        >>> from orggraph.examples import load_example
        >>> Core(load_example("tiny")).ownership["an-peeters"]
        {'strategische-cel': 1, 'cluster-ruimte': 2}
        """
        cluster = self.cluster
        matrix: dict[str, dict[str, int]] = {}
        for s, members in self.owners.items():
            c = cluster.get(s)
            if c is None:
                continue
            for a in members:
                row = matrix.setdefault(a, {})
                row[c] = row.get(c, 0) + 1
        return matrix

    @cached_property
    def cluster_owners(self) -> dict[str, set[str]]:
        """Cluster → the college members owning any of its services, for every cluster with a
        service (an empty set when none of them is owned).

        >>> from orggraph.examples import load_example
        >>> sorted(Core(load_example("tiny")).cluster_owners["cluster-ruimte"])
        ['an-peeters', 'bram-claes']
        """
        cluster = self.cluster
        result: dict[str, set[str]] = {}
        for s, members in self.owners.items():
            c = cluster.get(s)
            if c is not None:
                result.setdefault(c, set()).update(members)
        return result

    @cached_property
    def programme_clusters(self) -> dict[str, set[str]]:
        """Programme id → {cluster(u) : u ∈ units(p)} (the root adds none).

        >>> from orggraph.examples import load_example
        >>> sorted(Core(load_example("tiny")).programme_clusters["klimaatplan"])
        ['cluster-ruimte', 'strategische-cel']
        """
        cluster = self.cluster
        return {p.id: {cluster[u] for u in p.units if u in cluster}
                for p in self.city.programmes}

    @cached_property
    def pairs(self) -> set[tuple[str, str]]:
        """The co-membership pairs: every unordered pair {u, v} ⊂ units(p) of some programme,
        u ≠ v, as a sorted tuple, each once; units without a cluster (the root) left out.

        >>> from orggraph.examples import load_example
        >>> sorted(Core(load_example("tiny")).pairs)[:2]
        [('dienst-jeugd', 'dienst-mobiliteit'), ('dienst-jeugd', 'dienst-zorg')]
        """
        cluster = self.cluster
        pairs: set[tuple[str, str]] = set()
        for p in self.city.programmes:
            pairs.update(combinations(sorted(u for u in p.units if u in cluster), 2))
        return pairs

    @classmethod
    def known(cls, city: City, **rules: object) -> Core:
        """Return the core of ``city`` with some rules given instead of worked out.

        For a city derived from another (a scenario from its base) when the changes cannot
        have altered those rules: pass the other core's, e.g. ``cluster=base.cluster`` when no
        unit moved. Every rule not given is worked out from ``city`` when first asked for, by the
        definitions above, which stay the reference.

        >>> from orggraph.examples import load_example
        >>> city = load_example("tiny")
        >>> base = Core(city)
        >>> Core.known(city, cluster=base.cluster).cluster is base.cluster
        True
        """
        unknown = [name for name in rules if not isinstance(
            getattr(cls, name, None), cached_property)]
        if unknown:
            raise TypeError(f"Core has no rule named {', '.join(unknown)}")
        core = cls(city)
        core.__dict__.update(rules)  # what a cached_property stores once worked out
        return core

