"""A city as W3C ORG / OSLO RDF, and back.

Units are ``org:Organization`` (the root) or ``org:OrganizationalUnit`` linked by
``org:subOrganizationOf`` / ``org:hasSubOrganization``; people are ``persoon:Person`` with an
``org:Post`` and ``org:Membership`` for each body they sit in; a college member's portfolio is a
``mandaat:Mandataris`` (``org:holds`` the mandate, ``mandaat:isBestuurlijkeAliasVan`` the person,
``mandaat:beleidsdomein`` its items, ``mandaat:rangorde`` its rank); the college is a
``besluit:Bestuursorgaan`` that ``besluit:bestuurt`` the city (a ``besluit:Bestuurseenheid``).
Everything else goes into the ``orggraph:`` vocabulary (:mod:`orggraph.interop.vocab`), so that
:func:`read_city_graph` gives back the dataset that :func:`city_graph` was given.

IRIs are stable: ``<base><city>/<kind>/<id>``, e.g. ``https://example.org/orggraph/gent/unit/
dienst-milieu``.

Examples
--------
>>> from orggraph.examples import load_example
>>> g = city_graph(load_example("tiny"))
>>> (URIRef(DEFAULT_BASE + "tiny/unit/stad"), RDF.type, ORG.Organization) in g
True
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from rdflib import XSD, Graph, Literal, URIRef
from rdflib.term import Node

from orggraph.interop.vocab import (
    BESLUIT,
    DCTERMS,
    FOAF,
    MANDAAT,
    OG,
    ORG,
    PERSON,
    RDF,
    SKOS,
    STANDARD_NAMESPACES,
    camel,
)
from orggraph.schemas.dataset import City, Relation
from orggraph.schemas.enums import UnitKind

__all__ = ["BESTUURSFUNCTIE", "DEFAULT_BASE", "Minter", "city_graph", "new_graph"]

#: Base of the IRIs when the user gives none: a placeholder to replace with one's own domain.
DEFAULT_BASE = "https://example.org/orggraph/"

#: The OSLO Mandaten codes (BestuursfunctieCode) of the college roles, with their Dutch labels.
BESTUURSFUNCTIE: dict[str, tuple[str, str]] = {
    "mayor": ("http://data.vlaanderen.be/id/concept/BestuursfunctieCode/5ab0e9b8a3b2ca7c5e000013",
              "Burgemeester"),
    "alderman": ("http://data.vlaanderen.be/id/concept/BestuursfunctieCode/"
                 "5ab0e9b8a3b2ca7c5e000014", "Schepen"),
    "ocmw_chair": ("http://data.vlaanderen.be/id/concept/BestuursfunctieCode/"
                   "5ab0e9b8a3b2ca7c5e000016",
                   "Voorzitter van het bijzonder comité voor de sociale dienst"),
}
_POLITICAL_BODIES = {"college", "council"}


class Minter:
    """Mint the stable IRIs of one city under a base.

    >>> Minter("https://example.org/", "gent").iri("unit", "dienst milieu")
    rdflib.term.URIRef('https://example.org/gent/unit/dienst%20milieu')
    """

    def __init__(self, base: str, city_id: str):
        self.root = base if base.endswith(("/", "#")) else base + "/"
        self.city = URIRef(self.root + quote(city_id, safe=""))

    def iri(self, kind: str, *parts: str) -> URIRef:
        """Return ``<base><city>/<kind>/<part>/...``."""
        return URIRef(f"{self.city}/{kind}/" + "/".join(quote(str(p), safe="") for p in parts))


def new_graph() -> Graph:
    """Return an empty graph with the prefixes of the standards and ``orggraph:`` bound."""
    g = Graph(bind_namespaces="none")
    for prefix, ns in STANDARD_NAMESPACES.items():
        g.bind(prefix, ns)
    g.bind("orggraph", str(OG))
    return g


def _lit(value: Any) -> Literal:
    if isinstance(value, bool):
        return Literal(value)
    if isinstance(value, int):
        return Literal(value, datatype=XSD.integer)
    if isinstance(value, float):
        # xsd:decimal reads as 9.5 in Turtle; xsd:double would read 9.5e+00.
        return Literal(repr(value), datatype=XSD.decimal)
    return Literal(str(value))


def city_graph(city: City, base: str = DEFAULT_BASE) -> Graph:
    """Return the RDF graph of ``city`` (W3C ORG, OSLO and ``orggraph:`` terms)."""
    g = new_graph()
    mint = Minter(base, city.id)
    _city(g, mint, city)
    for section, writer in _WRITERS.items():
        for position, entity in enumerate(getattr(city, section)):
            node = writer(g, mint, entity, city)
            g.add((node, DCTERMS.identifier, Literal(entity.id)))
            g.add((node, OG.position, _lit(position)))
    return g


def _city(g: Graph, mint: Minter, city: City) -> None:
    info = city.city
    g.add((mint.city, RDF.type, BESLUIT.Bestuurseenheid))
    g.add((mint.city, SKOS.prefLabel, Literal(info.name)))
    g.add((mint.city, DCTERMS.identifier, Literal(info.id)))
    for field in ("population", "legislature", "region"):
        if getattr(info, field) is not None:
            g.add((mint.city, OG[field], _lit(getattr(info, field))))
    for position, source in enumerate(info.sources):
        # Sources keep their order: a citation list reads top-down.
        g.add((mint.city, OG.source, Literal(f"{position:04d} {source}")))
    if city.taxonomy:
        g.add((mint.city, OG.taxonomy, Literal(city.taxonomy)))


def _domain(g: Graph, mint: Minter, domain, city: City) -> Node:
    node = mint.iri("domain", domain.id)
    g.add((node, RDF.type, SKOS.Concept))
    g.add((node, RDF.type, OG.Domain))
    g.add((node, SKOS.prefLabel, Literal(domain.name)))
    if domain.parent:
        g.add((node, SKOS.broader, mint.iri("domain", domain.parent)))
    for code in domain.bbc:
        g.add((node, OG.bbcCode, Literal(code)))
    return node


def _unit(g: Graph, mint: Minter, unit, city: City) -> Node:
    node = mint.iri("unit", unit.id)
    root = unit.kind == UnitKind.organisation
    g.add((node, RDF.type, ORG.Organization if root else ORG.OrganizationalUnit))
    g.add((node, SKOS.prefLabel, Literal(unit.name)))
    g.add((node, OG.unitKind, Literal(unit.kind.value)))
    if root:
        g.add((node, OG.organisationOf, mint.city))
    if unit.parent:
        parent = mint.iri("unit", unit.parent)
        g.add((node, ORG.subOrganizationOf, parent))
        g.add((parent, ORG.hasSubOrganization, node))
    for field, term in (("fte", OG.fte), ("budget", OG.budget), ("support", OG.support),
                        ("legal_form", OG.legalForm)):
        if getattr(unit, field) is not None:
            g.add((node, term, _lit(getattr(unit, field))))
    for domain in unit.domains:
        g.add((node, OG.worksOn, mint.iri("domain", domain)))
    return node


def _body(g: Graph, mint: Minter, body, city: City) -> Node:
    node = mint.iri("body", body.id)
    if body.kind.value in _POLITICAL_BODIES:
        g.add((node, RDF.type, BESLUIT.Bestuursorgaan))
        g.add((node, BESLUIT.bestuurt, mint.city))
    else:
        g.add((node, RDF.type, ORG.Organization))
    g.add((node, SKOS.prefLabel, Literal(body.name)))
    g.add((node, OG.bodyKind, Literal(body.kind.value)))
    return node


def _role(g: Graph, mint: Minter, role: str) -> Node:
    node = mint.iri("role", role)
    g.add((node, RDF.type, ORG.Role))
    g.add((node, SKOS.prefLabel, Literal(role)))
    return node


def _person(g: Graph, mint: Minter, person, city: City) -> Node:
    node = mint.iri("person", person.id)
    g.add((node, RDF.type, PERSON.Person))
    g.add((node, FOAF.name, Literal(person.name)))
    g.add((node, OG.role, Literal(person.role.value)))
    if person.party:
        g.add((node, OG.party, Literal(person.party)))
    for unit in person.heads:
        g.add((node, ORG.headOf, mint.iri("unit", unit)))
    for unit in person.steers:
        g.add((node, OG.steers, mint.iri("unit", unit)))
    role = _role(g, mint, person.role.value)
    for body in person.member_of:
        membership = mint.iri("membership", person.id, body)
        g.add((membership, RDF.type, ORG.Membership))
        g.add((membership, ORG.member, node))
        g.add((membership, ORG.organization, mint.iri("body", body)))
        g.add((membership, ORG.role, role))
    if person.in_college or person.portfolio:
        _mandataris(g, mint, person, city, node, role)
    return node


def _mandataris(g: Graph, mint: Minter, person, city: City, node: Node, role: Node) -> None:
    kinds = {b.id: b.kind.value for b in city.bodies}
    college = next((b for b in person.member_of if kinds.get(b) == "college"), None)
    mandataris = mint.iri("mandataris", person.id)
    g.add((mandataris, RDF.type, MANDAAT.Mandataris))
    g.add((mandataris, MANDAAT.isBestuurlijkeAliasVan, node))
    if person.in_college:
        post = mint.iri("post", person.id)
        g.add((post, RDF.type, ORG.Post))
        g.add((post, ORG.role, role))
        g.add((post, ORG.heldBy, node))
        g.add((node, ORG.holds, post))
        mandate = mint.iri("mandaat", college or "college", person.role.value)
        g.add((mandate, RDF.type, MANDAAT.Mandaat))
        code, label = BESTUURSFUNCTIE[person.role.value]
        g.add((mandate, ORG.role, URIRef(code)))
        g.add((URIRef(code), SKOS.prefLabel, Literal(label, lang="nl")))
        g.add((mandataris, ORG.holds, mandate))
        rank = [p.id for p in city.people if p.in_college].index(person.id) + 1
        g.add((mandataris, MANDAAT.rangorde, Literal(str(rank))))
        if college:
            g.add((post, ORG.postIn, mint.iri("body", college)))
            g.add((mint.iri("body", college), ORG.hasPost, mandate))
    for position, item in enumerate(person.portfolio):
        concept = mint.iri("beleidsdomein", person.id, str(position))
        g.add((concept, RDF.type, SKOS.Concept))
        g.add((concept, RDF.type, OG.PortfolioItem))
        g.add((concept, SKOS.prefLabel, Literal(item.title)))
        g.add((concept, OG.domain, mint.iri("domain", item.domain)))
        g.add((concept, OG.position, _lit(position)))
        g.add((mandataris, MANDAAT.beleidsdomein, concept))


def _challenge(g: Graph, mint: Minter, challenge, city: City) -> Node:
    node = mint.iri("challenge", challenge.id)
    g.add((node, RDF.type, OG.Challenge))
    g.add((node, SKOS.prefLabel, Literal(challenge.name)))
    return node


def _programme(g: Graph, mint: Minter, programme, city: City) -> Node:
    node = mint.iri("programme", programme.id)
    g.add((node, RDF.type, OG.Programme))
    g.add((node, SKOS.prefLabel, Literal(programme.name)))
    g.add((node, OG.programmeKind, Literal(programme.kind.value)))
    if programme.lead:
        g.add((node, OG.lead, mint.iri("unit", programme.lead)))
    if programme.sponsor:
        g.add((node, OG.sponsor, mint.iri("person", programme.sponsor)))
    for term, kind, ids in ((OG.contributor, "unit", programme.contributors),
                            (OG.covers, "domain", programme.domains),
                            (OG.addresses, "challenge", programme.challenges)):
        for ident in ids:
            g.add((node, term, mint.iri(kind, ident)))
    for position, role in enumerate(programme.partners):
        part = mint.iri("programme", programme.id, "partner", role.partner)
        g.add((part, RDF.type, OG.PartnerRole))
        g.add((part, OG.partner, mint.iri("partner", role.partner)))
        g.add((part, OG.mode, Literal(role.mode.value)))
        g.add((part, OG.position, _lit(position)))
        g.add((node, OG.partnerRole, part))
    return node


def _partner(g: Graph, mint: Minter, partner, city: City) -> Node:
    node = mint.iri("partner", partner.id)
    g.add((node, RDF.type, ORG.Organization))
    g.add((node, RDF.type, OG.Partner))
    g.add((node, SKOS.prefLabel, Literal(partner.name)))
    g.add((node, OG.sector, Literal(partner.sector.value)))
    if partner.scope:
        g.add((node, OG.scope, Literal(partner.scope.value)))
    if partner.relation is not None:
        relation = mint.iri("partner", partner.id, "relation")
        g.add((relation, RDF.type, OG.Relation))
        g.add((node, OG.relation, relation))
        for field in Relation.model_fields:
            value = getattr(partner.relation, field)
            if value is not None:
                g.add((relation, OG[camel(field)], _lit(value)))
    return node


_WRITERS = {"domains": _domain, "units": _unit, "bodies": _body, "people": _person,
            "challenges": _challenge, "programmes": _programme, "partners": _partner}
