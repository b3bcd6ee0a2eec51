"""Every example city survives orggraph -> ORG Turtle / JSON-LD / Popolo -> orggraph.

The exported RDF uses only ORG, OSLO and orggraph: terms; the Popolo file validates against
schemas/popolo.schema.json.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, RDF, SKOS

import orggraph
from orggraph.examples import example_names, example_path
from orggraph.interop import export_city, import_file, validate_document
from orggraph.interop.vocab import OG, ORGGRAPH_TERMS
from orggraph.loaders.dump import dump_city

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


def _ids_as_sets(doc: dict) -> dict:
    """RDF keeps no order among the values of one predicate: compare id lists as sets."""
    def fix(value):
        if isinstance(value, dict):
            return {k: fix(v) for k, v in value.items()}
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return sorted(value)
        if isinstance(value, list):
            return [fix(v) for v in value]
        return value
    return {k: fix(v) if k != "city" else v for k, v in doc.items()}


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
