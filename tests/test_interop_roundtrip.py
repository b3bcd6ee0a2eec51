"""Every example city, and any synthetic one, survives orggraph -> ORG / Popolo -> orggraph.

The exported RDF uses only ORG, OSLO and orggraph: terms; the Popolo file validates against
schemas/popolo.schema.json.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, RDF, SKOS

import orggraph
from orggraph.examples import example_names, example_path
from orggraph.interop import export_city, import_file, validate_document
from orggraph.interop.org_import import read_org_graph
from orggraph.interop.org_rdf import city_graph
from orggraph.interop.popolo import city_popolo, read_popolo
from orggraph.interop.vocab import OG, ORGGRAPH_TERMS
from orggraph.loaders.dump import dump_city
from orggraph.schemas.dataset import City
from orggraph.synth import MIN_UNITS, synthetic_city

ROOT = Path(__file__).resolve().parents[1]
POPOLO_SCHEMA = json.loads((ROOT / "schemas" / "popolo.schema.json").read_text(encoding="utf-8"))

# The OSLO terms an export may use, from the OSLO Mandaten, Besluit and Persoon application
# profiles (data.vlaanderen.be/ns/...), and the ISA person vocabulary OSLO takes Person from.
OSLO_TERMS = {
    "http://data.vlaanderen.be/ns/mandaat#": {
        "Mandataris", "Mandaat", "isBestuurlijkeAliasVan", "start", "einde", "beleidsdomein",
        "rangorde", "status", "isTijdsspecialisatieVan", "bindingStart", "bindingEinde"},
    "http://data.vlaanderen.be/ns/besluit#": {"Bestuurseenheid", "Bestuursorgaan", "bestuurt",
                                              "classificatie"},
    "http://www.w3.org/ns/person#": {"Person"},
}


def _ends_well(term: URIRef) -> bool:
    """Whether ``term`` is a term of ORG, OSLO, SKOS, FOAF, DCTERMS, RDF or orggraph:."""
    text = str(term)
    if text.startswith(str(OG)):
        return text[len(str(OG)):] in ORGGRAPH_TERMS
    for ns, terms in OSLO_TERMS.items():
        if text.startswith(ns):
            return text[len(ns):] in terms
    # rdflib's ORG, SKOS, FOAF, DCTERMS and RDF namespaces are closed: unknown names raise.
    for closed in (ORG, SKOS, FOAF, DCTERMS, RDF):
        if text.startswith(str(closed._NS)):
            try:
                closed[text[len(str(closed._NS)):]]
            except AttributeError:
                return False
            return True
    return False


def _round_trip(tmp_path: Path, name: str, to: str, source: str) -> tuple[dict, dict]:
    city = orggraph.load(example_path(name))
    suffix = {"org-turtle": ".ttl", "org-jsonld": ".jsonld", "popolo": ".json"}[to]
    exported = export_city(city, to, tmp_path / f"{name}{suffix}")
    back = validate_document(import_file(exported, source), tmp_path / f"{name}.yaml")
    return dump_city(city), dump_city(back)


def _ids_as_sets(doc):
    """RDF keeps no order among the values of one predicate: compare id lists as sets (the
    city's sources keep theirs: orggraph:source numbers them)."""
    if isinstance(doc, dict):
        return {k: v if k == "city" else _ids_as_sets(v) for k, v in doc.items()}
    if isinstance(doc, list) and all(isinstance(v, str) for v in doc):
        return sorted(doc)
    if isinstance(doc, list):
        return [_ids_as_sets(v) for v in doc]
    return doc


@pytest.mark.parametrize("name", example_names())
def test_org_turtle_round_trip_gives_the_same_dataset(tmp_path, name):
    before, after = _round_trip(tmp_path, name, "org-turtle", "org")
    assert _ids_as_sets(after) == _ids_as_sets(before)
    # entity order and portfolio order are kept (orggraph:position)
    assert [u["id"] for u in after.get("units", [])] == [u["id"] for u in before.get("units", [])]
    assert ([p.get("portfolio") for p in after.get("people", [])]
            == [p.get("portfolio") for p in before.get("people", [])])


@pytest.mark.parametrize("name", ["gent", "tiny"])
def test_org_jsonld_round_trip_gives_the_same_dataset(tmp_path, name):
    before, after = _round_trip(tmp_path, name, "org-jsonld", "org")
    assert _ids_as_sets(after) == _ids_as_sets(before)


@pytest.mark.parametrize("name", example_names())
def test_popolo_round_trip_gives_exactly_the_same_dataset(tmp_path, name):
    before, after = _round_trip(tmp_path, name, "popolo", "popolo")
    assert after == before


@pytest.mark.parametrize("name", example_names())
def test_popolo_export_validates_against_its_schema(tmp_path, name):
    out = export_city(orggraph.load(example_path(name)), "popolo", tmp_path / "p.json")
    doc = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(POPOLO_SCHEMA).validate(doc)
    organizations = {o["id"] for o in doc["organizations"]}
    for membership in doc["memberships"]:
        assert membership["organization_id"] in organizations


def test_popolo_schema_rejects_a_misspelt_field():
    bad = {"organizations": [{"id": "a", "name": "A", "parentId": "b"}], "persons": [],
           "posts": [], "memberships": [], "orggraph": {"format": "orggraph-popolo/1",
                                                         "city": {"id": "x", "name": "X"}}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, POPOLO_SCHEMA)


@pytest.mark.parametrize("name", example_names())
def test_exported_turtle_uses_only_org_oslo_and_orggraph_terms(tmp_path, name):
    out = export_city(orggraph.load(example_path(name)), "org-turtle", tmp_path / "x.ttl")
    graph = Graph().parse(out, format="turtle")
    used = set(graph.predicates()) | set(graph.objects(None, RDF.type))
    assert used, "the export is empty"
    assert sorted(str(t) for t in used if not _ends_well(t)) == []


def test_turtle_export_has_the_standard_shape(tmp_path):
    # tiny.yaml: root 'stad' with clusters under it; Chris Maes is an alderman in the college.
    out = export_city(orggraph.load_example("tiny"), "org-turtle", tmp_path / "t.ttl",
                      base="https://data.example.be/")
    g = Graph().parse(out, format="turtle")
    unit = URIRef("https://data.example.be/tiny/unit/")
    assert (URIRef(f"{unit}stad"), RDF.type, ORG.Organization) in g
    children = set(g.objects(URIRef(f"{unit}stad"), ORG.hasSubOrganization))
    assert children and all((c, ORG.subOrganizationOf, URIRef(f"{unit}stad")) in g
                            for c in children)
    assert len(list(g.subjects(RDF.type, ORG.Post))) == len(orggraph.load_example("tiny").college)


def test_the_vocabulary_is_documented():
    text = (ROOT / "docs" / "interop.md").read_text(encoding="utf-8")
    assert [t for t in ORGGRAPH_TERMS if f"`orggraph:{t}`" not in text] == []


CITIES = st.builds(synthetic_city, st.integers(MIN_UNITS, 120), st.integers(0, 2**16),
                   taxonomy=st.booleans())
SLOW = settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SLOW
@given(CITIES)
def test_popolo_round_trip_is_exact(city):
    doc = json.loads(json.dumps(city_popolo(city)))  # through JSON text, as a file would be
    assert read_popolo(doc).doc == dump_city(city)


@SLOW
@given(CITIES)
def test_org_round_trip_keeps_every_fact(city):
    text = city_graph(city).serialize(format="turtle")
    back = read_org_graph(Graph().parse(data=text, format="turtle"), None, None).doc
    # The reader writes defaults out (kind: programme, mode: other); the model makes them equal.
    assert _ids_as_sets(dump_city(City.model_validate(back))) == _ids_as_sets(dump_city(city))
