"""The graph form of a city (docs/design.md §2) in NetworkX, and back.

Nodes are keyed by ``uid`` (``<city id>:<entity id>``; ``<city id>@<scenario>:<entity id>`` in a
scenario) and carry ``labels`` (a set such as ``{"Unit", "Service"}``), ``uid``, ``id``, ``city``,
``scenario`` when there is one, and the entity's scalar properties. Relationships are edges whose
key is the relationship type; a second relationship of the same type between the same two nodes
(two portfolio items of one person in one domain) gets the key ``HOLDS#2``, and every edge has its
type in the ``type`` attribute.

>>> from orggraph.examples import load_example
>>> import networkx as nx
>>> g = to_networkx(load_example("tiny"))
>>> city = from_networkx(g)
>>> nx.utils.graphs_equal(to_networkx(city), g)
True
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from orggraph.loaders.gcpause import gc_paused
from orggraph.schemas import dataset as model
from orggraph.schemas.enums import UnitKind

if TYPE_CHECKING:  # networkx is imported when a graph is built: it is slow to import
    import networkx as nx

__all__ = ["from_networkx", "graph_parts", "label_of_kind", "to_networkx", "uid"]

_CSI_FIELDS = tuple(model.Relation.model_fields)


def uid(city: str, entity: str, scenario: str | None = None) -> str:
    """Return the graph uid of an entity.

    >>> uid("gent", "dienst-economie"), uid("gent", "x", scenario="bundles")
    ('gent:dienst-economie', 'gent@bundles:x')
    """
    return f"{city}@{scenario}:{entity}" if scenario else f"{city}:{entity}"


def label_of_kind(kind: str) -> str:
    """Return the CamelCase label of a unit kind.

    >>> label_of_kind("strategic_cell")
    'StrategicCell'
    """
    return "".join(part.capitalize() for part in kind.split("_"))


# Unit kind → (value, label), looked up once per unit instead of computed.
_KINDS = {kind: (kind.value, label_of_kind(kind.value)) for kind in UnitKind}


class _Builder:
    """Collect nodes and edges in plain dicts, then hand them to networkx in one go.

    ``MultiDiGraph.add_edges_from`` looks every edge up through adjacency views and costs several
    microseconds an edge, most of the time of building a 100k-unit city. The builder instead fills
    the graph's adjacency dicts directly, in the layout networkx documents for a MultiDiGraph
    (``succ[u][v][key] = attrs``, ``pred[v][u]`` the same key dict), with the nodes and edges in the
    order ``add_node`` and ``add_edges_from`` would have given them.
    """

    def __init__(self, city: model.City, scenario: str | None):
        self.city_id = city.id
        self.scenario = scenario
        self.prefix = uid(city.id, "", scenario)
        self.nodes: dict[str, dict[str, Any]] = {}
        self._edges: list[tuple[str, str, str, dict[str, Any]]] = []

    def uid(self, entity: str) -> str:
        return self.prefix + entity

    def node(self, entity: str, labels: set[str], props: dict[str, Any]) -> None:
        key = self.prefix + entity
        base = {"labels": labels, "uid": key, "id": entity, "city": self.city_id}
        if self.scenario:
            base["scenario"] = self.scenario
        for k, v in props.items():
            if v is not None:
                base[k] = v
        if key in self.nodes:  # add_node on an existing node updates its attributes
            self.nodes[key].update(base)
        else:
            self.nodes[key] = base

    def edge(self, source: str, target: str, rel: str, **props: Any) -> None:
        data = {"type": rel}
        for k, v in props.items():
            if v is not None:
                data[k] = v
        self._edges.append((self.prefix + source, self.prefix + target, rel, data))

    def plain_edges(self, source: str, targets: list[str], rel: str) -> None:
        """Add edges without properties from one source to each of ``targets``."""
        prefix = self.prefix
        u = prefix + source
        self._edges.extend((u, prefix + t, rel, {"type": rel}) for t in targets)

    def finish(self) -> nx.MultiDiGraph:
        import networkx as nx

        g = nx.MultiDiGraph()
        nodes, succ, pred = g._node, g._succ, g._pred
        nodes.update(self.nodes)
        succ.update({key: {} for key in self.nodes})
        pred.update({key: {} for key in self.nodes})
        for u, v, rel, data in self._edges:
            out = succ.get(u)
            if out is None or v not in nodes:
                # An edge to an id that has no node (a city that was not validated):
                # add_edges_from creates such an end as a bare node, and so do we.
                for end in (u, v):
                    if end not in nodes:
                        nodes[end], succ[end], pred[end] = {}, {}, {}
                out = succ[u]
            keydict = out.get(v)
            if keydict is None:
                out[v] = pred[v][u] = {rel: data}
                continue
            key, n = rel, 1
            while key in keydict:  # a second HOLDS between the same two nodes is HOLDS#2
                n += 1
                key = f"{rel}#{n}"
            keydict[key] = data
        return g


def to_networkx(city: model.City, scenario: str | None = None) -> nx.MultiDiGraph:
    """Return the graph of ``city`` as a ``MultiDiGraph`` (see the module docstring)."""
    with gc_paused():
        return _build(city, scenario)


def graph_parts(city: model.City, scenario: str | None = None) -> tuple[
        dict[str, dict[str, Any]], list[tuple[str, str, dict[str, Any]]]]:
    """Return the nodes and edges of :func:`to_networkx` without building a graph (no networkx).

    The nodes map each uid to its attributes, in ``g.nodes`` order; the edges are
    ``(source, target, attributes)`` in dataset order: the order in which the edges of each
    source were added, so ``g.edges`` gives each source's edges in this order too. An edge to an
    id without a node (a city that was not validated) is kept as it is, with no node added.

    >>> from orggraph.examples import load_example
    >>> tiny = load_example("tiny")
    >>> nodes, edges = graph_parts(tiny)
    >>> g = to_networkx(tiny)
    >>> list(nodes.items()) == list(g.nodes(data=True))
    True
    >>> sorted(edges, key=lambda e: list(nodes).index(e[0])) == list(g.edges(data=True))
    True
    """
    with gc_paused():
        b = _builder(city, scenario)
        return b.nodes, [(u, v, data) for u, v, _, data in b._edges]


def _build(city: model.City, scenario: str | None) -> nx.MultiDiGraph:
    return _builder(city, scenario).finish()


def _builder(city: model.City, scenario: str | None) -> _Builder:
    b = _Builder(city, scenario)
    info = city.city
    b.node(info.id, {"City"}, {"name": info.name, "population": info.population,
                                "legislature": info.legislature, "region": info.region,
                                "taxonomy": city.taxonomy,
                                "sources": list(info.sources) or None})
    for d in city.domains:
        b.node(d.id, {"Domain"}, {"name": d.name, "bbc": list(d.bbc) or None})
        if d.parent:
            b.edge(d.id, d.parent, "PART_OF")
    for u in city.units:
        kind, label = _KINDS[u.kind]
        b.node(u.id, {"Unit", label},
               {"name": u.name, "kind": kind, "fte": u.fte, "budget": u.budget,
                "support": u.support, "legal_form": u.legal_form})
        if u.parent:
            b.plain_edges(u.id, [u.parent], "PART_OF")
        else:
            b.plain_edges(u.id, [info.id], "OF")
        if u.domains:
            b.plain_edges(u.id, u.domains, "WORKS_ON")
    for body in city.bodies:
        b.node(body.id, {"Body"}, {"name": body.name, "kind": body.kind.value})
    for p in city.people:
        b.node(p.id, {"Person"}, {"name": p.name, "role": p.role.value, "party": p.party})
        for item in p.portfolio:
            b.edge(p.id, item.domain, "HOLDS", title=item.title)
        b.plain_edges(p.id, p.steers, "STEERS")
        b.plain_edges(p.id, p.heads, "HEADS")
        b.plain_edges(p.id, p.member_of, "MEMBER_OF")
    for c in city.challenges:
        b.node(c.id, {"Challenge"}, {"name": c.name})
    for prog in city.programmes:
        b.node(prog.id, {"Programme"}, {"name": prog.name, "kind": prog.kind.value})
        if prog.lead:
            b.edge(prog.lead, prog.id, "LEADS")
        for unit in prog.contributors:
            b.edge(unit, prog.id, "CONTRIBUTES_TO")
        if prog.sponsor:
            b.edge(prog.sponsor, prog.id, "SPONSORS")
        for d in prog.domains:
            b.edge(prog.id, d, "COVERS")
        for c in prog.challenges:
            b.edge(prog.id, c, "ADDRESSES")
        for role in prog.partners:
            b.edge(role.partner, prog.id, "PARTNERS_IN", mode=role.mode.value)
    for partner in city.partners:
        b.node(partner.id, {"Partner"}, {"name": partner.name, "sector": partner.sector.value,
                                         "scope": partner.scope.value if partner.scope else None})
        if partner.relation is not None:
            b.edge(info.id, partner.id, "RELATES_TO",
                   **partner.relation.model_dump(exclude_none=True))
    return b


def from_networkx(g: nx.MultiDiGraph) -> model.City:
    """Rebuild the :class:`City` a graph made by :func:`to_networkx` came from.

    Other backends use this to round-trip: read nodes and relationships into a ``MultiDiGraph``
    of the same form, then call this.
    """
    by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for _, data in g.nodes(data=True):
        for label in ("City", "Domain", "Unit", "Body", "Person", "Challenge", "Programme",
                      "Partner"):
            if label in data["labels"]:
                by_label[label].append(data)
    out: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for u, v, data in g.edges(data=True):
        out[u][data["type"]].append((g.nodes[v]["id"], data))
    into: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for u, v, data in g.edges(data=True):
        into[v][data["type"]].append((g.nodes[u]["id"], data))

    def ids(node: dict, rel: str) -> list[str]:
        return [target for target, _ in out[node["uid"]][rel]]

    def one(node: dict, rel: str) -> str | None:
        found = ids(node, rel)
        return found[0] if found else None

    (city_node,) = by_label["City"]
    info = model.CityInfo(id=city_node["id"], name=city_node["name"],
                          **{k: city_node[k] for k in ("population", "legislature", "region",
                                                       "sources") if k in city_node})
    domains = [model.Domain(id=n["id"], name=n["name"], parent=one(n, "PART_OF"),
                            bbc=n.get("bbc", []))
               for n in by_label["Domain"]]
    units = [model.Unit(id=n["id"], name=n["name"], kind=n["kind"], parent=one(n, "PART_OF"),
                        domains=ids(n, "WORKS_ON"),
                        **{k: n[k] for k in ("fte", "budget", "support", "legal_form") if k in n})
             for n in by_label["Unit"]]
    bodies = [model.Body(id=n["id"], name=n["name"], kind=n["kind"]) for n in by_label["Body"]]
    people = [model.Person(id=n["id"], name=n["name"], role=n["role"], party=n.get("party"),
                           portfolio=[model.PortfolioItem(title=d["title"], domain=t)
                                      for t, d in out[n["uid"]]["HOLDS"]],
                           steers=ids(n, "STEERS"), heads=ids(n, "HEADS"),
                           member_of=ids(n, "MEMBER_OF"))
              for n in by_label["Person"]]
    challenges = [model.Challenge(id=n["id"], name=n["name"]) for n in by_label["Challenge"]]
    programmes = []
    for n in by_label["Programme"]:
        incoming = into[n["uid"]]
        leads = [s for s, _ in incoming["LEADS"]]
        sponsors = [s for s, _ in incoming["SPONSORS"]]
        programmes.append(model.Programme(
            id=n["id"], name=n["name"], kind=n["kind"], lead=leads[0] if leads else None,
            contributors=[s for s, _ in incoming["CONTRIBUTES_TO"]],
            sponsor=sponsors[0] if sponsors else None, domains=ids(n, "COVERS"),
            challenges=ids(n, "ADDRESSES"),
            partners=[model.PartnerRole(partner=s, mode=d["mode"]) for s, d in
                      incoming["PARTNERS_IN"]]))
    relations = dict(out[city_node["uid"]]["RELATES_TO"])
    partners = []
    for n in by_label["Partner"]:
        rel = relations.get(n["id"])
        relation = model.Relation(**{k: rel[k] for k in _CSI_FIELDS if k in rel}) if rel else None
        partners.append(model.Partner(id=n["id"], name=n["name"], sector=n["sector"],
                                      scope=n.get("scope"), relation=relation))
    return model.City(city=info, taxonomy=city_node.get("taxonomy"), domains=domains,
                      units=units, bodies=bodies, people=people, challenges=challenges,
                      programmes=programmes, partners=partners)
