"""Read the sets of DESIGN §5's notation out of a city's NetworkX graph.

The metrics need a few plain mappings (units with their parent, kind and fte; college members with
their portfolio and political lines; programmes with their units and partner sectors). This module
walks the graph of :func:`orggraph.loaders.graph.to_networkx` once and builds them, keyed by
entity id, in the order the entities were written in the dataset.

>>> from orggraph.examples import load_example
>>> v = view_of(load_example("tiny").to_networkx())
>>> v.root, v.cluster["staf-ruimte"]
('stad', 'cluster-ruimte')
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx

from orggraph.schemas.enums import COLLEGE_ROLES, SERVICE_KINDS

__all__ = ["CityView", "Member", "ProgrammeView", "UnitView", "clusters_of", "view_of"]

_SERVICE_KINDS = frozenset(k.value for k in SERVICE_KINDS)
_COLLEGE_ROLES = frozenset(r.value for r in COLLEGE_ROLES)


@dataclass
class UnitView:
    """A unit: its kind, parent, own fte, domains and (clusters only) support flag."""

    id: str
    name: str
    kind: str
    parent: str | None = None
    fte: float | None = None
    support: bool = False
    domains: list[str] = field(default_factory=list)


@dataclass
class Member:
    """A college member with the domains of their portfolio items and the units they steer."""

    id: str
    name: str
    role: str
    party: str | None = None
    holds: list[str] = field(default_factory=list)
    steers: list[str] = field(default_factory=list)


@dataclass
class ProgrammeView:
    """A programme: units(p) (lead first, each once) and the sectors of its partners."""

    id: str
    name: str
    kind: str
    units: list[str] = field(default_factory=list)
    sectors: set[str] = field(default_factory=set)


@dataclass
class CityView:
    """The mappings the metrics are computed from; see the module docstring."""

    city: str
    name: str
    units: dict[str, UnitView]
    members: dict[str, Member]
    programmes: dict[str, ProgrammeView]
    domain_parent: dict[str, str | None]
    domain_name: dict[str, str]
    n_partners: int
    root: str | None
    cluster: dict[str, str] = field(default_factory=dict)

    @property
    def services(self) -> list[str]:
        """The set S of DESIGN §5 (service, staff, strategic_cell, agency), in dataset order."""
        return [u.id for u in self.units.values() if u.kind in _SERVICE_KINDS]


def view_of(g: nx.MultiDiGraph) -> CityView:
    """Return the :class:`CityView` of a graph made by ``to_networkx``."""
    nodes = g.nodes
    units: dict[str, UnitView] = {}
    members: dict[str, Member] = {}
    programmes: dict[str, ProgrammeView] = {}
    domain_parent: dict[str, str | None] = {}
    domain_name: dict[str, str] = {}
    city_id, city_name, n_partners = "", "", 0
    for data in nodes.values():
        labels = data["labels"]
        if "Unit" in labels:
            units[data["id"]] = UnitView(data["id"], data["name"], data["kind"],
                                         fte=data.get("fte"), support=bool(data.get("support")))
        elif "Person" in labels:
            if data["role"] in _COLLEGE_ROLES:
                members[data["id"]] = Member(data["id"], data["name"], data["role"],
                                             data.get("party"))
        elif "Programme" in labels:
            programmes[data["id"]] = ProgrammeView(data["id"], data["name"], data["kind"])
        elif "Domain" in labels:
            domain_parent[data["id"]] = None
            domain_name[data["id"]] = data["name"]
        elif "Partner" in labels:
            n_partners += 1
        elif "City" in labels:
            city_id, city_name = data["id"], data["name"]
    leads: dict[str, str] = {}
    contributors: dict[str, list[str]] = defaultdict(list)
    # A plain dict of uid → id: NodeView lookups cost more than the rest of this loop.
    ids = {uid: data["id"] for uid, data in nodes.items()}
    for u, v, rel in g.edges(data="type"):
        source, target = ids[u], ids[v]
        if rel == "PART_OF":
            if source in units:
                units[source].parent = target
            else:
                domain_parent[source] = target
        elif rel == "WORKS_ON":
            units[source].domains.append(target)
        elif rel == "HOLDS":
            if source in members:
                members[source].holds.append(target)
        elif rel == "STEERS":
            if source in members:
                members[source].steers.append(target)
        elif rel == "LEADS":
            leads[target] = source
        elif rel == "CONTRIBUTES_TO":
            contributors[target].append(source)
        elif rel == "PARTNERS_IN":
            programmes[target].sectors.add(nodes[u]["sector"])
    for pid, prog in programmes.items():
        lead = leads.get(pid)
        prog.units = ([lead] if lead else []) + [
            c for c in dict.fromkeys(contributors.get(pid, ())) if c != lead]
    root = next((u.id for u in units.values() if u.kind == "organisation"), None)
    view = CityView(city_id, city_name, units, members, programmes, domain_parent, domain_name,
                    n_partners, root)
    view.cluster = clusters_of(view)
    return view


def clusters_of(view: CityView) -> dict[str, str]:
    """Return unit id → cluster(u) for every unit but the root (DESIGN §5).

    cluster(u) is the nearest ancestor-or-self of kind ``cluster``, else the ancestor-or-self
    whose parent is the organisation root.
    """
    units, root = view.units, view.root
    result: dict[str, str] = {}
    for start in units:
        if start == root:
            continue
        path: list[str] = []
        node: str | None = start
        found: str | None = None
        # Walk up until a unit whose cluster is known, a cluster, or a child of the root;
        # memoising makes the whole pass linear in the number of units.
        while node is not None and node in units:
            if node in result:
                found = result[node]
                break
            path.append(node)
            unit = units[node]
            if unit.kind == "cluster":
                found = node
                break
            if unit.parent == root or unit.parent is None:
                break
            node = unit.parent
        if found is None:
            found = path[-1]
        for n in path:
            result[n] = found
    return result
