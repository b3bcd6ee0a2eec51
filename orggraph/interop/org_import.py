"""Read a city back from W3C ORG / OSLO RDF written by :func:`~orggraph.interop.city_graph`.

Every fact the export wrote (standard terms and ``orggraph:`` terms) comes back, so that an
export re-imports into the same dataset; only the order of ids inside a list (a unit's domains,
a programme's contributors) is not kept by RDF: they come back in dataset order.

ORG data from elsewhere, without ``orggraph:unitKind``, still gives an organisation tree: units are
the ``org:Organization`` / ``org:OrganizationalUnit`` nodes, the one without a parent is the root,
units with children are departments and the others services.

Examples
--------
>>> from orggraph.examples import load_example
>>> from orggraph.interop.org_rdf import city_graph
>>> doc = read_org_graph(city_graph(load_example("tiny")), None, Path("tiny.ttl")).doc
>>> doc["city"]["id"], doc["units"][0]["kind"]
('tiny', 'organisation')
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef
from rdflib.term import Node

from orggraph.interop.rdf_files import choose_eenheid, label, typed
from orggraph.interop.result import ImportFailed, ImportResult, slug
from orggraph.interop.vocab import BESLUIT, DCTERMS, FOAF, MANDAAT, OG, ORG, PERSON, SKOS, camel
from orggraph.loaders.taxonomy import taxonomy_domains
from orggraph.schemas.dataset import FORMAT, Relation

__all__ = ["read_org_graph"]


class _Reader:
    """Look up ids, values and links of one city's nodes."""

    def __init__(self, graph: Graph, prefix: str):
        self.g = graph
        self.prefix = prefix

    def mine(self, nodes) -> list[URIRef]:
        nodes = [n for n in nodes if isinstance(n, URIRef) and str(n).startswith(self.prefix)]
        return sorted(set(nodes), key=self.order)

    def order(self, node: Node) -> tuple[int, str]:
        position = self.value(node, OG.position)
        return (int(position) if position is not None else 1 << 30, self.id(node))

    def id(self, node: Node) -> str:
        ident = self.g.value(node, DCTERMS.identifier)
        if ident is not None:
            return str(ident)
        return slug(label(self.g, node) or str(node).rstrip("/").rsplit("/", 1)[-1])

    def value(self, node: Node, pred: URIRef) -> Any:
        found = self.g.value(node, pred)
        if found is None:
            return None
        value = found.toPython()
        return float(value) if isinstance(value, Decimal) else value

    def refs(self, node: Node, pred: URIRef) -> list[str]:
        return [self.id(n) for n in sorted(self.g.objects(node, pred), key=self.order)]

    def ref(self, node: Node, pred: URIRef) -> str | None:
        found = self.g.value(node, pred)
        return None if found is None else self.id(found)


def _put(doc: dict[str, Any], **fields: Any) -> dict[str, Any]:
    doc.update({k: v for k, v in fields.items() if v not in (None, [], "")})
    return doc


def read_org_graph(graph: Graph, bestuurseenheid: str | None, path: Path) -> ImportResult:
    """Return the dataset of one municipality in ``graph`` (chosen by name when several)."""
    if typed(graph, BESLUIT.Bestuurseenheid) or bestuurseenheid:
        eenheid: URIRef | None = choose_eenheid(graph, bestuurseenheid, path)
        r = _Reader(graph, str(eenheid) + "/")
        city = _city(r, eenheid)
    else:  # plain ORG data: the organisation tree is the whole file
        eenheid, r = None, _Reader(graph, "")
        city = _city_of_tree(r, graph, path)
    doc: dict[str, Any] = {"format": FORMAT, "city": city}
    taxonomy = r.value(eenheid, OG.taxonomy) if eenheid is not None else None
    if taxonomy:
        doc["taxonomy"] = taxonomy
    bundled = {d["id"] for d in taxonomy_domains(taxonomy)} if taxonomy else set()
    units = r.mine(graph.subjects(OG.unitKind, None))
    sections = {
        "domains": [_domain(r, n) for n in r.mine(typed(graph, OG.Domain))
                    if r.id(n) not in bundled],
        "units": [_unit(r, n) for n in units] or _plain_org_units(r, graph),
        "bodies": [_put({"id": r.id(n), "name": label(graph, n)},
                        kind=r.value(n, OG.bodyKind)) for n in r.mine(graph.subjects(OG.bodyKind,
                                                                                      None))],
        "people": [_person(r, n) for n in r.mine(typed(graph, PERSON.Person))],
        "challenges": [{"id": r.id(n), "name": label(graph, n)}
                       for n in r.mine(typed(graph, OG.Challenge))],
        "programmes": [_programme(r, n) for n in r.mine(typed(graph, OG.Programme))],
        "partners": [_partner(r, n) for n in r.mine(typed(graph, OG.Partner))],
    }
    doc.update({name: items for name, items in sections.items() if items})
    missing = [name for name in ("units", "programmes", "partners") if not sections[name]]
    return ImportResult(doc, missing=missing)


def _city(r: _Reader, eenheid: URIRef) -> dict[str, Any]:
    name = label(r.g, eenheid) or r.id(eenheid)
    sources = sorted(str(s) for s in r.g.objects(eenheid, OG.source))
    return _put({"id": r.id(eenheid), "name": name},
                population=r.value(eenheid, OG.population),
                legislature=r.value(eenheid, OG.legislature), region=r.value(eenheid, OG.region),
                sources=[s.split(" ", 1)[1] for s in sources])


def _city_of_tree(r: _Reader, graph: Graph, path: Path) -> dict[str, Any]:
    roots = [n for n in typed(graph, ORG.Organization)
             if graph.value(n, ORG.subOrganizationOf) is None
             and graph.value(None, ORG.hasSubOrganization) != n
             and not list(graph.subjects(ORG.hasSubOrganization, n))]
    if not roots:
        raise ImportFailed(f"{path}: no besluit:Bestuurseenheid and no org:Organization at the top "
                           "of a tree: nothing to import as a city.")
    name = label(graph, roots[0]) or r.id(roots[0])
    # 'Stad Velde' is the root unit; the city is Velde (and must not share the unit's id).
    city = re.sub(r"^(stad|gemeente|lokaal-bestuur)-", "", slug(name))
    if city == r.id(roots[0]):
        city += "-city"
    return {"id": city, "name": name}


def _domain(r: _Reader, node: URIRef) -> dict[str, Any]:
    return _put({"id": r.id(node), "name": label(r.g, node)}, parent=r.ref(node, SKOS.broader),
                bbc=sorted(str(c) for c in r.g.objects(node, OG.bbcCode)))


def _unit(r: _Reader, node: URIRef) -> dict[str, Any]:
    return _put({"id": r.id(node), "name": label(r.g, node), "kind": r.value(node, OG.unitKind)},
                parent=r.ref(node, ORG.subOrganizationOf), fte=r.value(node, OG.fte),
                budget=r.value(node, OG.budget), domains=r.refs(node, OG.worksOn),
                support=r.value(node, OG.support), legal_form=r.value(node, OG.legalForm))


def _plain_org_units(r: _Reader, graph: Graph) -> list[dict[str, Any]]:
    """Units of ORG data that orggraph did not write: kinds follow from the tree."""
    skip = set(graph.subjects(OG.bodyKind, None)) | set(typed(graph, OG.Partner))
    nodes = [n for n in typed(graph, ORG.Organization) + typed(graph, ORG.OrganizationalUnit)
             if n not in skip]
    nodes = sorted(set(nodes), key=r.order)
    parents = {n: graph.value(n, ORG.subOrganizationOf) for n in nodes}
    for parent, child in graph.subject_objects(ORG.hasSubOrganization):
        parents.setdefault(child, parent)
        if parents.get(child) is None:
            parents[child] = parent
    with_children = {p for p in parents.values() if p is not None}
    units = []
    for node in nodes:
        parent = parents.get(node)
        kind = ("organisation" if parent is None else
                "department" if node in with_children else "service")
        units.append(_put({"id": r.id(node), "name": label(graph, node) or r.id(node),
                           "kind": kind}, parent=None if parent is None else r.id(parent)))
    return units


def _person(r: _Reader, node: URIRef) -> dict[str, Any]:
    g = r.g
    portfolio = []
    for mandataris in g.subjects(MANDAAT.isBestuurlijkeAliasVan, node):
        for item in sorted(g.objects(mandataris, MANDAAT.beleidsdomein), key=r.order):
            portfolio.append({"title": label(g, item), "domain": r.ref(item, OG.domain)})
    memberships = sorted(g.subjects(ORG.member, node), key=lambda m: r.order(
        g.value(m, ORG.organization)))
    return _put({"id": r.id(node), "name": str(g.value(node, FOAF.name)),
                 "role": r.value(node, OG.role)},
                party=r.value(node, OG.party), portfolio=portfolio,
                steers=r.refs(node, OG.steers), heads=r.refs(node, ORG.headOf),
                member_of=[r.ref(m, ORG.organization) for m in memberships])


def _programme(r: _Reader, node: URIRef) -> dict[str, Any]:
    roles = sorted(r.g.objects(node, OG.partnerRole), key=r.order)
    return _put({"id": r.id(node), "name": label(r.g, node)},
                kind=r.value(node, OG.programmeKind), lead=r.ref(node, OG.lead),
                contributors=r.refs(node, OG.contributor), sponsor=r.ref(node, OG.sponsor),
                domains=r.refs(node, OG.covers), challenges=r.refs(node, OG.addresses),
                partners=[{"partner": r.ref(p, OG.partner), "mode": r.value(p, OG.mode)}
                          for p in roles])


def _partner(r: _Reader, node: URIRef) -> dict[str, Any]:
    doc = _put({"id": r.id(node), "name": label(r.g, node), "sector": r.value(node, OG.sector)},
               scope=r.value(node, OG.scope))
    relation = r.g.value(node, OG.relation)
    if relation is not None:
        doc["relation"] = {field: value for field in Relation.model_fields
                           if (value := r.value(relation, OG[camel(field)])) is not None}
    return doc
