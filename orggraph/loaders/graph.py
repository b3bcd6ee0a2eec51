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
#: The attributes of a city node, in the order they are written.
_CITY_FIELDS = ("name", "population", "legislature", "region", "taxonomy", "sources")

Node = tuple[str, dict[str, Any]]
Edge = tuple[str, str, str, dict[str, Any]]


def to_networkx(city: model.City, scenario: str | None = None) -> nx.MultiDiGraph:
    """Return the graph of ``city`` as a ``MultiDiGraph`` (see the module docstring)."""
    with gc_paused():
        return _Builder(city, scenario).collect().finish()


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
        b = _Builder(city, scenario).collect()
        return b.nodes, [(u, v, data) for u, v, _, data in b._edges]


class _Builder:
    """Collect the nodes and edges of a city, in the order ``add_node`` and ``add_edges_from``
    calls would add them (the city, then each section's entities, each followed by its
    relationships), then hand them to networkx in one go.

    Each section has its own loop with the attributes written out, rather than one generic
    helper: on a 100k-unit city the calls and keyword dicts of a generic helper cost more than
    the dicts it builds.
    """

    def __init__(self, city: model.City, scenario: str | None):
        self.city = city
        self.prefix = uid(city.id, "", scenario)
        # city (and scenario) follow labels, uid and id in every node's attributes
        self.head = {"city": city.id, "scenario": scenario} if scenario else {"city": city.id}
        self._nodes: list[Node] = []
        self._edges: list[Edge] = []

    def collect(self) -> _Builder:
        self._city()
        for section in ("domains", "units", "bodies", "people", "challenges", "programmes",
                        "partners"):
            getattr(self, "_" + section)(getattr(self.city, section))
        return self

    @property
    def nodes(self) -> dict[str, dict[str, Any]]:
        """Node key → attributes; an id given twice (in a city that was not validated) has the
        attributes of both, as ``add_node`` on an existing node updates them."""
        nodes = dict(self._nodes)
        if len(nodes) < len(self._nodes):
            nodes.clear()
            for key, attrs in self._nodes:
                if key in nodes:
                    nodes[key].update(attrs)
                else:
                    nodes[key] = attrs
        return nodes

    def finish(self) -> nx.MultiDiGraph:
        """Return the ``MultiDiGraph`` of the collected nodes and edges.

        ``add_edges_from`` looks every edge up through adjacency views and costs several
        microseconds an edge, most of the time of building a 100k-unit city. This fills the
        graph's adjacency dicts directly instead, in the layout networkx documents for a
        MultiDiGraph (``succ[u][v][key] = attrs``, ``pred[v][u]`` the same key dict).
        """
        import networkx as nx

        g = nx.MultiDiGraph()
        node, succ, pred = g._node, g._succ, g._pred
        node.update(self.nodes)
        succ.update({key: {} for key in node})
        pred.update({key: {} for key in node})
        for u, v, rel, data in self._edges:
            out = succ.get(u)
            if out is None or v not in node:
                # An edge to an id that has no node (a city that was not validated):
                # add_edges_from creates such an end as a bare node, and so do we.
                for end in (u, v):
                    if end not in node:
                        node[end], succ[end], pred[end] = {}, {}, {}
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

    def _node(self, entity: str, labels: set[str], props: dict[str, Any]) -> None:
        key = self.prefix + entity
        attrs = {"labels": labels, "uid": key, "id": entity, **self.head}
        attrs.update((k, v) for k, v in props.items() if v is not None)
        self._nodes.append((key, attrs))

    def _city(self) -> None:
        info = self.city.city
        values = (info.name, info.population, info.legislature, info.region,
                  self.city.taxonomy, list(info.sources) or None)
        self._node(info.id, {"City"}, dict(zip(_CITY_FIELDS, values, strict=True)))

    def _domains(self, domains: list[model.Domain]) -> None:
        p, head, nodes, edges = self.prefix, self.head, self._nodes, self._edges
        for d in domains:
            key = p + d.id
            attrs = {"labels": {"Domain"}, "uid": key, "id": d.id, **head, "name": d.name}
            if d.bbc:
                attrs["bbc"] = list(d.bbc)
            nodes.append((key, attrs))
            if d.parent:
                edges.append((key, p + d.parent, "PART_OF", {"type": "PART_OF"}))

    def _units(self, units: list[model.Unit]) -> None:
        p, head, nodes, edges = self.prefix, self.head, self._nodes, self._edges
        root = p + self.city.id
        for u in units:
            key = p + u.id
            kind, label = _KINDS[u.kind]
            attrs = {"labels": {"Unit", label}, "uid": key, "id": u.id, **head, "name": u.name,
                     "kind": kind}
            if u.fte is not None:
                attrs["fte"] = u.fte
            if u.budget is not None:
                attrs["budget"] = u.budget
            if u.support is not None:
                attrs["support"] = u.support
            if u.legal_form is not None:
                attrs["legal_form"] = u.legal_form
            nodes.append((key, attrs))
            if u.parent:
                edges.append((key, p + u.parent, "PART_OF", {"type": "PART_OF"}))
            else:
                edges.append((key, root, "OF", {"type": "OF"}))
            if u.domains:
                edges += [(key, p + d, "WORKS_ON", {"type": "WORKS_ON"}) for d in u.domains]

    def _bodies(self, bodies: list[model.Body]) -> None:
        for body in bodies:
            self._node(body.id, {"Body"}, {"name": body.name, "kind": body.kind.value})

    def _people(self, people: list[model.Person]) -> None:
        p, edges = self.prefix, self._edges
        for person in people:
            self._node(person.id, {"Person"}, {"name": person.name, "role": person.role.value,
                                               "party": person.party})
            key = p + person.id
            edges += [(key, p + item.domain, "HOLDS", {"type": "HOLDS", "title": item.title})
                      for item in person.portfolio]
            for rel, targets in (("STEERS", person.steers), ("HEADS", person.heads),
                                 ("MEMBER_OF", person.member_of)):
                edges += [(key, p + t, rel, {"type": rel}) for t in targets]

    def _challenges(self, challenges: list[model.Challenge]) -> None:
        for c in challenges:
            self._node(c.id, {"Challenge"}, {"name": c.name})

    def _programmes(self, programmes: list[model.Programme]) -> None:
        p, edges = self.prefix, self._edges
        for prog in programmes:
            self._node(prog.id, {"Programme"}, {"name": prog.name, "kind": prog.kind.value})
            key = p + prog.id
            if prog.lead:
                edges.append((p + prog.lead, key, "LEADS", {"type": "LEADS"}))
            edges += [(p + u, key, "CONTRIBUTES_TO", {"type": "CONTRIBUTES_TO"})
                      for u in prog.contributors]
            if prog.sponsor:
                edges.append((p + prog.sponsor, key, "SPONSORS", {"type": "SPONSORS"}))
            edges += [(key, p + d, "COVERS", {"type": "COVERS"}) for d in prog.domains]
            edges += [(key, p + c, "ADDRESSES", {"type": "ADDRESSES"}) for c in prog.challenges]
            edges += [(p + r.partner, key, "PARTNERS_IN",
                       {"type": "PARTNERS_IN", "mode": r.mode.value}) for r in prog.partners]

    def _partners(self, partners: list[model.Partner]) -> None:
        p, edges = self.prefix, self._edges
        root = p + self.city.id
        for partner in partners:
            self._node(partner.id, {"Partner"}, {
                "name": partner.name, "sector": partner.sector.value,
                "scope": partner.scope.value if partner.scope else None})
            if partner.relation is not None:
                edges.append((root, p + partner.id, "RELATES_TO", {
                    "type": "RELATES_TO", **partner.relation.model_dump(exclude_none=True)}))


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
