"""Read a municipality's college from a Mandatendatabank export (OSLO Mandaten, lblod).

Terms read (``http`` and ``https`` forms alike):

- ``besluit:Bestuurseenheid`` with ``skos:prefLabel``: the municipality;
- ``besluit:Bestuursorgaan`` that ``besluit:bestuurt`` it, and its time versions
  (``mandaat:isTijdsspecialisatieVan``), with ``org:hasPost`` their mandates;
- ``mandaat:Mandaat`` with ``org:role`` a BestuursfunctieCode (known code, or its
  ``skos:prefLabel``: Burgemeester, Schepen, Toegevoegde schepen, Voorzitter van het bijzonder
  comité voor de sociale dienst);
- ``mandaat:Mandataris``: ``org:holds`` the mandate, ``mandaat:isBestuurlijkeAliasVan`` the
  person, ``mandaat:start`` / ``mandaat:einde``, ``mandaat:rangorde``, ``mandaat:beleidsdomein``
  (concepts with a ``skos:prefLabel``), ``org:hasMembership`` / ``org:organization`` a fractie
  (``regorg:legalName`` or ``skos:prefLabel``: the party);
- ``persoon:Person`` / ``foaf:Person``: ``persoon:gebruikteVoornaam`` + ``foaf:familyName``, or
  ``foaf:name``.

The college is taken as it stands on a day: a mandate counts when it started on or before it and
has not ended before it, so that a replaced mandataris is out and the replacement in.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from rdflib import Graph, Namespace, URIRef

from orggraph.interop.domain_match import DomainMatcher, fold
from orggraph.interop.org_rdf import BESTUURSFUNCTIE
from orggraph.interop.rdf_files import choose_eenheid, label
from orggraph.interop.result import ImportFailed, ImportResult, Unmatched, slug
from orggraph.interop.vocab import BESLUIT, FOAF, MANDAAT, ORG, PERSOON, REGORG
from orggraph.loaders.taxonomy import taxonomy_domains
from orggraph.schemas.dataset import FORMAT

__all__ = ["COLLEGE_ID", "read_mandaten", "role_of"]

#: Id of the college body in an imported dataset.
COLLEGE_ID = "college"
# A schepen who also chairs the BCSD is recorded as ocmw_chair, the more specific role.
_ROLE_ORDER = {"mayor": 0, "ocmw_chair": 1, "alderman": 2}
_CODES = {code: role for role, (code, _) in BESTUURSFUNCTIE.items()}
# org:organisation is how some lblod data spells ORG's org:organization.
_ORG_BRITISH = Namespace(str(ORG))["organisation"]
_ORDINALS = {"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "vijfde": 5, "zesde": 6,
             "zevende": 7, "achtste": 8, "negende": 9, "tiende": 10}


def role_of(code: URIRef, graph: Graph) -> str | None:
    """Return the college role of a BestuursfunctieCode, or None for any other function.

    >>> role_of(URIRef("http://x/c"), Graph()) is None
    True
    """
    if str(code) in _CODES:
        return _CODES[str(code)]
    text = fold(label(graph, code) or "")
    if text in ("burgemeester", "schepen", "toegevoegde schepen"):
        return "mayor" if text == "burgemeester" else "alderman"
    if text.startswith("voorzitter van het bijzonder comite"):
        return "ocmw_chair"
    return None


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    value = value.toPython()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _rank(value: Any) -> int:
    text = fold(str(value or ""))
    if digits := re.search(r"\d+", text):
        return int(digits.group())
    return next((n for word, n in _ORDINALS.items() if text.startswith(word)), 99)


def _person_name(graph: Graph, person: URIRef) -> str:
    first = graph.value(person, PERSOON.gebruikteVoornaam) or graph.value(person, FOAF.givenName)
    last = graph.value(person, FOAF.familyName)
    if first or last:
        return " ".join(str(part) for part in (first, last) if part)
    name = graph.value(person, FOAF.name)
    return str(name) if name else str(person).rsplit("/", 1)[-1]


def _party(graph: Graph, mandataris: URIRef) -> str | None:
    for membership in graph.objects(mandataris, ORG.hasMembership):
        group = graph.value(membership, ORG.organization) or graph.value(membership, _ORG_BRITISH)
        if group is not None:
            name = graph.value(group, REGORG.legalName) or label(graph, group)
            if name:
                return str(name)
    return None


def _college_mandates(graph: Graph, eenheid: URIRef) -> dict[URIRef, str]:
    organen = set(graph.subjects(BESLUIT.bestuurt, eenheid))
    organen |= {t for o in list(organen) for t in graph.subjects(MANDAAT.isTijdsspecialisatieVan,
                                                                  o)}
    mandates = {}
    for orgaan in organen:
        for mandate in graph.objects(orgaan, ORG.hasPost):
            code = graph.value(mandate, ORG.role)
            role = role_of(code, graph) if isinstance(code, URIRef) else None
            if role:
                mandates[mandate] = role
    return mandates


def read_mandaten(graph: Graph, bestuurseenheid: str | None, as_of: dt.date,
                  path: Path) -> ImportResult:
    """Return the college of one municipality on ``as_of`` as a dataset skeleton."""
    eenheid = choose_eenheid(graph, bestuurseenheid, path)
    name = label(graph, eenheid) or str(eenheid)
    mandates = _college_mandates(graph, eenheid)
    if not mandates:
        raise ImportFailed(f"{path}: no college mandates (burgemeester, schepen, voorzitter BCSD) "
                           f"for {name}: no besluit:Bestuursorgaan of it has such an org:hasPost.")
    people: dict[URIRef, dict[str, Any]] = {}
    ended = 0
    for mandataris in sorted(graph.subjects(ORG.holds, None)):
        held = [m for m in graph.objects(mandataris, ORG.holds) if m in mandates]
        person = graph.value(mandataris, MANDAAT.isBestuurlijkeAliasVan)
        if not held or person is None:
            continue
        start = _date(graph.value(mandataris, MANDAAT.start))
        end = _date(graph.value(mandataris, MANDAAT.einde))
        if (start and start > as_of) or (end and end < as_of):
            ended += 1
            continue
        role = min((mandates[m] for m in held), key=_ROLE_ORDER.get)
        entry = people.setdefault(person, {"role": role, "rank": 99, "labels": [],
                                           "party": None})
        if _ROLE_ORDER[role] < _ROLE_ORDER[entry["role"]]:
            entry["role"] = role
        entry["rank"] = min(entry["rank"], _rank(graph.value(mandataris, MANDAAT.rangorde)))
        entry["party"] = entry["party"] or _party(graph, mandataris)
        for concept in sorted(graph.objects(mandataris, MANDAAT.beleidsdomein)):
            text = label(graph, concept)
            if text and text not in entry["labels"]:
                entry["labels"].append(text)
    if not people:
        raise ImportFailed(f"{path}: no college of {name} on {as_of.isoformat()}: {ended} college "
                           "mandates exist but none runs on that day; choose another --as-of.")
    return _skeleton(graph, name, people, as_of, path)


def _skeleton(graph: Graph, name: str, people: dict[URIRef, dict[str, Any]], as_of: dt.date,
              path: Path) -> ImportResult:
    matcher = DomainMatcher(taxonomy_domains("bbc"))
    unmatched: list[Unmatched] = []
    root = f"bestuur-{slug(name)}"
    persons, taken = [], set()
    order = sorted(people.items(), key=lambda kv: (kv[1]["role"] != "mayor", kv[1]["rank"],
                                                   _person_name(graph, kv[0])))
    for node, entry in order:
        full = _person_name(graph, node)
        ident = slug(full)
        while ident in taken or ident in (root, COLLEGE_ID):
            ident += "-2"
        taken.add(ident)
        portfolio = []
        for text in entry["labels"]:
            hit = matcher.match(text)
            if hit.domain:
                portfolio.append({"title": text, "domain": hit.domain})
            else:
                unmatched.append(Unmatched(full, text, hit.candidates))
        person = {"id": ident, "name": full, "role": entry["role"]}
        if entry["party"]:
            person["party"] = entry["party"]
        if portfolio:
            person["portfolio"] = portfolio
        person["member_of"] = [COLLEGE_ID]
        persons.append(person)
    doc = {"format": FORMAT,
           "city": {"id": slug(name), "name": name,
                    "sources": [f"Mandatendatabank export {path.name}, college on "
                                f"{as_of.isoformat()}"]},
           "taxonomy": "bbc",
           "units": [{"id": root, "name": f"Lokaal bestuur {name}", "kind": "organisation"}],
           "bodies": [{"id": COLLEGE_ID, "name": "College van burgemeester en schepenen",
                       "kind": "college"}],
           "people": persons}
    missing = ["units (only the root: add clusters and services)", "programmes", "partners"]
    return ImportResult(doc, missing=missing, unmatched=unmatched)
