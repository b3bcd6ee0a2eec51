"""The RDF vocabularies orggraph speaks: W3C ORG, OSLO (Mandaten, Besluit, Persoon) and its own.

Published data mixes ``http://`` and ``https://`` forms of the same namespace; :func:`canonical`
rewrites a term to the form used here, so that readers only look for one.

The ``orggraph:`` vocabulary (:data:`ORGGRAPH_TERMS`) carries what the standards have no term for
(unit kinds and fte, programmes, partners, domains and their BBC codes), so that an export
re-imports without loss. Its namespace is :data:`OG`.

Examples
--------
>>> canonical(URIRef("https://www.w3.org/ns/org#Organization")) == ORG.Organization
True
>>> str(OG.unitKind)
'https://w3id.org/orggraph/ns#unitKind'
"""

from __future__ import annotations

from rdflib import DCTERMS, FOAF, RDF, RDFS, SKOS, XSD, Namespace, URIRef
from rdflib.term import Node

__all__ = [
    "BESLUIT", "DCTERMS", "FOAF", "MANDAAT", "OG", "ORG", "ORGGRAPH_TERMS", "PERSON", "PERSOON",
    "REGORG", "camel",
    "RDF", "SKOS", "STANDARD_NAMESPACES", "canonical",
]

ORG = Namespace("http://www.w3.org/ns/org#")
MANDAAT = Namespace("http://data.vlaanderen.be/ns/mandaat#")
BESLUIT = Namespace("http://data.vlaanderen.be/ns/besluit#")
PERSOON = Namespace("http://data.vlaanderen.be/ns/persoon#")
PERSON = Namespace("http://www.w3.org/ns/person#")
REGORG = Namespace("http://www.w3.org/ns/regorg#")
OG = Namespace("https://w3id.org/orggraph/ns#")

#: Namespaces of the standards (W3C ORG, the OSLO profiles and the W3C/DCMI vocabularies they
#: reuse) whose terms an export may use, by prefix.
STANDARD_NAMESPACES: dict[str, str] = {
    "org": str(ORG), "mandaat": str(MANDAAT), "besluit": str(BESLUIT), "persoon": str(PERSOON),
    "person": str(PERSON),
    "regorg": str(REGORG), "foaf": str(FOAF), "skos": str(SKOS), "dcterms": str(DCTERMS),
    "rdf": str(RDF), "rdfs": str(RDFS), "xsd": str(XSD),
}

#: Every term of the ``orggraph:`` vocabulary and what it means (the docs list this table).
ORGGRAPH_TERMS: dict[str, str] = {
    "Domain": "class: a policy domain of the dataset (also a skos:Concept)",
    "Programme": "class: a programme, strategic project, project or action plan",
    "Challenge": "class: a societal challenge (maatschappelijke opgave)",
    "Partner": "class: an external partner (also an org:Organization)",
    "PartnerRole": "class: a partner's part in one programme",
    "Relation": "class: the city's relation to a partner (CSI Flanders survey)",
    "PortfolioItem": "class: one portfolio item of a mandataris (also a skos:Concept)",
    "position": "integer: the place of an entity in its dataset section (keeps the order)",
    "population": "integer: inhabitants of the city",
    "legislature": "text: the legislature, e.g. 2019-2024",
    "region": "text: the province",
    "source": "text: a source the dataset cites",
    "taxonomy": "text: the bundled domain taxonomy the dataset uses (bbc)",
    "organisationOf": "the root unit -> the besluit:Bestuurseenheid it is the administration of",
    "unitKind": "text: the unit kind (organisation, cluster, department, service, ...)",
    "fte": "decimal: the unit's own staff",
    "budget": "decimal: the unit's budget",
    "support": "boolean: a support (bedrijfsvoering) cluster",
    "legalForm": "text: the legal form of an agency (AGB, EVA, vzw, ...)",
    "worksOn": "unit -> domain it works for",
    "bbcCode": "text: a BBC beleidsveld code of a domain",
    "bodyKind": "text: the body kind (college, council, management_team, ...)",
    "role": "text: the person's role (mayor, alderman, ocmw_chair, director, ...)",
    "party": "text: the person's party",
    "steers": "person -> unit: an explicit political line",
    "domain": "portfolio item -> the domain it belongs to",
    "programmeKind": "text: programme, strategic_project, project or action_plan",
    "lead": "programme -> the unit that leads it",
    "contributor": "programme -> a unit that contributes",
    "sponsor": "programme -> the person who sponsors it",
    "covers": "programme -> a domain it covers",
    "addresses": "programme -> a challenge it addresses",
    "partnerRole": "programme -> one of its orggraph:PartnerRole",
    "partner": "partner role -> the partner",
    "mode": "text: co_creation, funding, service_delivery, advice or other",
    "sector": "text: civil_society, citizen_initiative, business, knowledge or government",
    "scope": "text: local, regional, flemish, federal or international",
    "relation": "partner -> its orggraph:Relation",
    "fundingShare": "decimal 0..1: the city's share in the partner's funding",
    "controlsOperation": "boolean (CSI survey)",
    "controlsFinances": "boolean (CSI survey)",
    "controlsPerformance": "boolean (CSI survey)",
    "asksImpact": "boolean (CSI survey)",
    "contentPartner": "boolean (CSI survey)",
    "indispensableFunder": "boolean (CSI survey)",
    "noInterference": "boolean (CSI survey)",
    "autonomous": "boolean (CSI survey)",
    "allowsAdvocacy": "boolean (CSI survey)",
}

# Both forms of every namespace read here; the http form is the one the OSLO specifications use.
_VARIANTS: dict[str, str] = {}
for _ns in (*STANDARD_NAMESPACES.values(), str(OG), "http://data.vlaanderen.be/id/"):
    _other = (_ns.replace("http://", "https://", 1) if _ns.startswith("http://")
              else _ns.replace("https://", "http://", 1))
    _VARIANTS[_other] = _ns


def canonical(node: Node) -> Node:
    """Return ``node`` with an ``https://`` (or ``http://``) namespace variant rewritten."""
    if isinstance(node, URIRef):
        text = str(node)
        for variant, ns in _VARIANTS.items():
            if text.startswith(variant):
                return URIRef(ns + text[len(variant):])
    return node


def camel(name: str) -> str:
    """Return a field name as an ``orggraph:`` term: ``funding_share`` -> ``fundingShare``.

    >>> camel("controls_operation")
    'controlsOperation'
    """
    head, *rest = name.split("_")
    return head + "".join(word.title() for word in rest)
