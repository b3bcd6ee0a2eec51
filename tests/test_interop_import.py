"""orggraph import: a Mandatendatabank-shaped export (tests/data/interop/mandaten.ttl), the
beleidsdomein matcher, and clear failures on bad input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rdflib import Graph
from typer.testing import CliRunner

import orggraph
from orggraph.cli import app
from orggraph.interop import ImportFailed, import_file
from orggraph.interop.domain_match import DomainMatcher
from orggraph.loaders.taxonomy import taxonomy_domains

DATA = Path(__file__).parent / "data" / "interop"
MANDATEN = DATA / "mandaten.ttl"
runner = CliRunner()


def _college(day: str, name: str = "Zeedorp", path: Path = MANDATEN):
    return import_file(path, "mandaten", name, dt.date.fromisoformat(day))


def test_college_on_a_day_after_the_replacement():
    # In the fixture on 2022-01-01: mayor Anna Peeters; Jan Claes ended 2021-06-30 and Sara Maes
    # started 2021-07-01 (both 'Eerste schepen'); Tom Wouters 'Tweede'; Lies Janssens 'Derde'
    # schepen and BCSD chair; Karel Vos starts only in 2023; Piet Smet is a council member.
    people = _college("2022-01-01").doc["people"]
    assert [(p["name"], p["role"]) for p in people] == [
        ("Anna Peeters", "mayor"), ("Sara Maes", "alderman"), ("Tom Wouters", "alderman"),
        ("Lies Janssens", "ocmw_chair")]
    assert people[0]["party"] == "Lijst Zee" and people[1]["party"] == "Samen Zeedorp"


def test_college_before_the_replacement():
    names = [p["name"] for p in _college("2020-01-01").doc["people"]]
    assert "Jan Claes" in names and "Sara Maes" not in names and "Karel Vos" not in names


def test_college_after_the_term_of_one_schepen():
    # Tom Wouters' mandate ends 2024-12-31; Karel Vos started 2023-01-01.
    names = [p["name"] for p in _college("2025-03-01").doc["people"]]
    assert "Tom Wouters" not in names and "Karel Vos" in names


def test_beleidsdomeinen_map_onto_the_bbc_domains():
    people = {p["name"]: p for p in _college("2022-01-01").doc["people"]}
    domains = {p: {i["title"]: i["domain"] for i in d.get("portfolio", [])}
               for p, d in people.items()}
    # by the synonym table ('Veiligheid', 'Mobiliteit', 'Kinderopvang' -> childcare-family, not
    # BBC code 0945), by the domain name ('Toerisme'), fuzzily ('Sportt' -> sport); the BCSD
    # mandate's label 'Lokale economie' is added to the same person.
    assert domains["Anna Peeters"] == {"Veiligheid": "prevention", "Toerisme": "tourism",
                                       "Financiën en begroting": "finance-general"}
    assert domains["Sara Maes"] == {"Mobiliteit": "traffic", "Openbare Werken": "public-works"}
    assert domains["Tom Wouters"] == {"Cultuur": "culture", "Jeugd": "youth", "Sportt": "sport"}
    assert domains["Lies Janssens"] == {"Welzijn": "social-welfare",
                                        "Kinderopvang": "childcare-family",
                                        "Lokale economie": "economic-development"}


def test_an_unmatched_label_is_reported_with_candidates():
    result = _college("2022-01-01")
    assert [(u.person, u.label) for u in result.unmatched] == [
        ("Tom Wouters", "Digitale transformatie en smart city")]
    assert len(result.unmatched[0].candidates) == 3
    assert result.unmatched[0].candidates[0][0] == "ict"   # 'ICT, digitalisering en data'


def test_the_skeleton_validates_with_a_root_and_a_college(tmp_path):
    result = runner.invoke(app, ["import", str(MANDATEN), "--from", "mandaten",
                                 "--bestuurseenheid", "zeedorp", "--as-of", "2022-01-01",
                                 "--out", str(tmp_path / "z.yaml")])
    assert result.exit_code == 0, result.output
    city = orggraph.load(tmp_path / "z.yaml")
    assert [u.kind.value for u in city.units] == ["organisation"]
    assert len(city.college) == 4 and city.taxonomy == "bbc"
    assert "Digitale transformatie en smart city" in result.output and "warning" in result.output
    assert "programmes" in result.output  # says what is missing


@pytest.mark.parametrize("fmt", ["nt", "json-ld"])
def test_n_triples_and_json_ld_read_like_turtle(tmp_path, fmt):
    path = tmp_path / ("m.nt" if fmt == "nt" else "m.jsonld")
    Graph().parse(MANDATEN, format="turtle").serialize(path, format=fmt, encoding="utf-8")
    other, turtle = _college("2022-01-01", path=path).doc, _college("2022-01-01").doc
    assert other["people"] == turtle["people"] and other["city"]["name"] == "Zeedorp"


def test_another_municipality_in_the_same_file():
    people = _college("2022-01-01", "Kasteelgem").doc["people"]
    assert [(p["name"], p["role"]) for p in people] == [("Eva Dubois", "mayor"),
                                                        ("Ruben Aerts", "alderman")]


def test_strict_fails_and_writes_nothing(tmp_path):
    out = tmp_path / "z.yaml"
    result = runner.invoke(app, ["import", str(MANDATEN), "--from", "mandaten",
                                 "--bestuurseenheid", "Zeedorp", "--as-of", "2022-01-01",
                                 "--strict", "--out", str(out)])
    assert result.exit_code == 1 and not out.exists()
    assert "Digitale transformatie en smart city" in result.output


@pytest.mark.parametrize(("args", "message"), [
    (["--bestuurseenheid", "Zeedrop"], "Did you mean 'Zeedorp'"),
    ([], "choose one with --bestuurseenheid"),
    (["--bestuurseenheid", "Sint Velde"], "no college mandates"),
    (["--bestuurseenheid", "Zeedorp", "--as-of", "2010-01-01"], "none runs on that day"),
])
def test_bad_choices_exit_1_with_a_clear_message(tmp_path, args, message):
    result = runner.invoke(app, ["import", str(MANDATEN), "--from", "mandaten", *args,
                                 "--out", str(tmp_path / "z.yaml")])
    assert result.exit_code == 1 and message in result.output
    assert not (tmp_path / "z.yaml").exists()


def test_a_file_that_is_not_rdf_exits_1(tmp_path):
    result = runner.invoke(app, ["import", str(orggraph.example_path("tiny")), "--from",
                                 "mandaten", "--out", str(tmp_path / "z.yaml")])
    assert result.exit_code == 1 and "cannot be read as turtle RDF" in result.output


def test_rdf_without_a_municipality_exits_1(tmp_path):
    path = tmp_path / "x.ttl"
    path.write_text("<http://e.org/a> <http://e.org/b> <http://e.org/c> .\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match="no besluit:Bestuurseenheid"):
        import_file(path, "mandaten")


def test_popolo_that_is_not_popolo_exits_1(tmp_path):
    path = tmp_path / "x.json"
    path.write_text('{"people": []}', encoding="utf-8")
    result = runner.invoke(app, ["import", str(path), "--from", "popolo", "--out",
                                 str(tmp_path / "z.yaml")])
    assert result.exit_code == 1 and "is not Popolo JSON" in result.output


def test_a_bad_date_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["import", str(MANDATEN), "--from", "mandaten", "--as-of",
                                 "1/1/2022", "--out", str(tmp_path / "z.yaml")])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_export_and_import_on_the_command_line(tmp_path):
    ttl = tmp_path / "tiny.ttl"
    result = runner.invoke(app, ["export", str(orggraph.example_path("tiny")), "--to",
                                 "org-turtle", "--out", str(ttl), "--base", "https://x.be/"])
    assert result.exit_code == 0 and "https://x.be/tiny/unit/stad" in ttl.read_text()
    result = runner.invoke(app, ["import", str(ttl), "--from", "org", "--out",
                                 str(tmp_path / "tiny.yaml")])
    assert result.exit_code == 0, result.output


def test_matcher_prefers_curated_domains_and_never_guesses():
    matcher = DomainMatcher(taxonomy_domains("bbc"))
    assert matcher.match("Parkeren").domain == "parking"   # not its BBC code domain bbc-0220
    assert matcher.match("FINANCIËN").domain == "finance-general"
    assert matcher.match("Ruimtevaart").domain is None
    # a title as an example city publishes it (gent.yaml: 'veiligheidsbeleid' -> prevention)
    assert matcher.match("Veiligheidsbeleid").domain == "prevention"


def test_popolo_from_elsewhere_gives_a_skeleton(tmp_path):
    # Plain Popolo: a council with a sub-committee, one person with a membership; no orggraph.
    path = tmp_path / "p.json"
    path.write_text('{"organizations": [{"id": "raad", "name": "Gemeente Velde", '
                    '"classification": "organisation"}, {"id": "dienst", "name": "Dienst", '
                    '"parent_id": "raad"}], "persons": [{"id": "an", "name": "An"}], '
                    '"memberships": [{"person_id": "an", "organization_id": "dienst", '
                    '"role": "manager"}]}', encoding="utf-8")
    result = import_file(path, "popolo")
    assert result.doc["city"] == {"id": "gemeente-velde", "name": "Gemeente Velde"}
    assert [u["kind"] for u in result.doc["units"]] == ["organisation", "service"]
    assert result.doc["people"] == [{"id": "an", "name": "An", "role": "manager"}]
    assert result.missing == ["programmes", "partners"]


def test_plain_org_data_gives_an_organisation_tree(tmp_path):
    # tests/data/interop/plain-org.ttl: Stad Velde > Departement Ruimte > Dienst Wonen, linked
    # once by org:hasSubOrganization and once by org:subOrganizationOf (https namespace).
    doc = import_file(DATA / "plain-org.ttl", "org").doc
    assert doc["city"] == {"id": "velde", "name": "Stad Velde"}
    kinds = {u["id"]: (u["kind"], u.get("parent")) for u in doc["units"]}
    assert kinds == {"stad-velde": ("organisation", None),
                     "departement-ruimte": ("department", "stad-velde"),
                     "dienst-wonen": ("service", "departement-ruimte")}


def test_an_output_that_is_not_a_dataset_file_exits_1(tmp_path):
    result = runner.invoke(app, ["import", str(MANDATEN), "--from", "mandaten",
                                 "--bestuurseenheid", "Kasteelgem", "--out",
                                 str(tmp_path / "k.txt")])
    assert result.exit_code == 1 and "k.txt" in result.output and ".yaml" in result.output
    assert not (tmp_path / "k.txt").exists()
