"""The City → dataset document dumper and the all-or-nothing file writer."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import orggraph
from orggraph.errors import ExportError
from orggraph.loaders.dump import dump_city, write_city, write_document
from orggraph.loaders.taxonomy import taxonomy_domains
from orggraph.schemas import (
    Body,
    Challenge,
    City,
    CityInfo,
    Domain,
    Partner,
    PartnerRole,
    Person,
    PortfolioItem,
    Programme,
    Relation,
    Unit,
)


def hand_made_city() -> City:
    """A small city using every section and the fields whose dumping needs care.

    Care points: an enum left at its default (programme kind, partner mode), a relation with
    ``False`` flags (must be written; only ``None`` is dropped), a legislature that looks like a
    date and a name with a colon (YAML must quote them), a non-ASCII name.
    """
    return City(
        city=CityInfo(id="kleinstad", name="Kleinstad: één", legislature="2019-2024",
                      population=5000, sources=["https://example.org/organogram"]),
        domains=[Domain(id="ruimte", name="Ruimte"),
                 Domain(id="mobiliteit", name="Mobiliteit", parent="ruimte", bbc=["0200"])],
        units=[Unit(id="stad", name="Stad", kind="organisation", fte=1.5),
               Unit(id="cluster-ruimte", name="Cluster Ruimte", kind="cluster", parent="stad",
                    support=False),
               Unit(id="dienst-mob", name="Dienst Mobiliteit", kind="dienst",
                    parent="cluster-ruimte", fte=12.25, budget=1e6, domains=["mobiliteit"]),
               Unit(id="agb", name="AGB Parkeren", kind="agency", parent="stad",
                    legal_form="AGB")],
        bodies=[Body(id="college", name="College", kind="college")],
        people=[Person(id="burgemeester", name="An", role="burgemeester", party="yes",
                       portfolio=[PortfolioItem(title="Mobiliteit", domain="mobiliteit")],
                       steers=["agb"], member_of=["college"])],
        challenges=[Challenge(id="lucht", name="Gezonde lucht")],
        programmes=[Programme(id="p1", name="Parkeerplan", lead="dienst-mob",
                              contributors=["agb"], sponsor="burgemeester",
                              domains=["mobiliteit"], challenges=["lucht"],
                              partners=[PartnerRole(partner="fietsersbond")])],
        partners=[Partner(id="fietsersbond", name="Fietsersbond", sector="middenveld",
                          relation=Relation(funding_share=0.25, autonomous=False))],
    )


def test_dump_writes_plain_values_without_nones_or_defaults():
    doc = dump_city(hand_made_city())
    assert list(doc) == ["format", "city", "domains", "units", "bodies", "people", "challenges",
                         "programmes", "partners"]
    # Enums become their values, Dutch synonyms their English names.
    assert doc["units"][2] == {"id": "dienst-mob", "name": "Dienst Mobiliteit",
                               "kind": "service", "parent": "cluster-ruimte", "fte": 12.25,
                               "budget": 1e6, "domains": ["mobiliteit"]}
    # `support: false` is a value, not a default (the default is None), so it stays.
    assert doc["units"][1]["support"] is False
    # kind `programme` and mode `other` are the defaults: left out, filled in again on load.
    assert "kind" not in doc["programmes"][0]
    assert doc["programmes"][0]["partners"] == [{"partner": "fietsersbond"}]
    assert doc["partners"][0]["relation"] == {"funding_share": 0.25, "autonomous": False}
    assert "taxonomy" not in doc
    json.dumps(doc)  # plain JSON values only


def test_empty_sections_are_left_out():
    city = City(city=CityInfo(id="x", name="X"),
                units=[Unit(id="stad", name="Stad", kind="organisation")])
    assert set(dump_city(city)) == {"format", "city", "units"}


@pytest.mark.parametrize("suffix", [".json", ".yaml", ".yml"])
def test_write_then_load_gives_the_same_city(tmp_path, suffix):
    city = hand_made_city()
    path = write_city(city, tmp_path / f"kleinstad{suffix}")
    assert orggraph.load(path) == city


def test_taxonomy_city_writes_the_taxonomy_name_and_only_its_own_domains(tmp_path, write):
    path = write("t.yaml", """\
format: orggraph/1
city: {id: t, name: T}
taxonomy: bbc
domains:
  - {id: haven, name: Haven, parent: economy}
units:
  - {id: stad, name: Stad, kind: organisation, domains: [mobility]}
""")
    city = orggraph.load(path)
    bundled = taxonomy_domains("bbc")
    assert len(city.domains) == len(bundled) + 1  # the loader added the taxonomy
    doc = dump_city(city)
    assert doc["taxonomy"] == "bbc"
    assert doc["domains"] == [{"id": "haven", "name": "Haven", "parent": "economy"}]
    assert orggraph.load(write_city(city, tmp_path / "again.json")) == city


def test_taxonomy_city_without_own_domains_has_no_domains_section():
    city = City(city=CityInfo(id="t", name="T"), taxonomy="bbc",
                domains=[Domain.model_validate(d) for d in taxonomy_domains("bbc")],
                units=[Unit(id="stad", name="Stad", kind="organisation")])
    assert "domains" not in dump_city(city)


class Unserialisable:
    """A value json cannot write: the writer fails after it has written part of the file."""


def test_failed_write_leaves_no_file_and_no_temporary(tmp_path):
    # Enough entries before the bad value that json has flushed text to the file already.
    doc = {"units": [{"id": f"u{i}", "name": "x" * 50} for i in range(5000)],
           "z": Unserialisable()}
    target = tmp_path / "out.json"
    with pytest.raises(TypeError):
        write_document(doc, target)
    assert list(tmp_path.iterdir()) == []


def test_failed_write_keeps_the_previous_file(tmp_path):
    target = tmp_path / "out.yaml"
    target.write_text("format: orggraph/1\n", encoding="utf-8")
    with pytest.raises(Exception):  # noqa: B017 - whichever error the YAML writer raises
        write_document({"a": list(range(3000)), "z": Unserialisable()}, target)
    assert target.read_text(encoding="utf-8") == "format: orggraph/1\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.yaml"]


def test_unknown_suffix_is_refused_before_writing(tmp_path):
    with pytest.raises(ExportError, match=r"\.json, \.yaml, \.yml"):
        write_city(hand_made_city(), tmp_path / "city.txt")
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_is_a_clear_export_error(tmp_path):
    with pytest.raises(ExportError, match="folder .* does not exist"):
        write_city(hand_made_city(), tmp_path / "nowhere" / "city.json")


# Names that YAML would read as something else if written unquoted.
tricky_text = st.one_of(
    st.sampled_from(["yes", "no", "null", "~", "true", "1e3", "0x1F", "2019-2024", "- a",
                     "a: b", "#x", "'q'", '"q"', "  lead", "trail ", "é", "12:30", "[x]",
                     "\u2028", "a\u2029b", "\t", "a\nb"]),
    # Control characters other than tab and newline are refused by validation (see
    # test_input_limits.py), so they are not generated here.
    st.text(st.characters(exclude_categories=("Cc", "Cs"), include_characters="\t\n"),
            min_size=1, max_size=20),
)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=tricky_text, title=tricky_text, fte=st.none() | st.floats(0, 1e6),
       suffix=st.sampled_from([".json", ".yaml"]))
def test_any_text_and_number_round_trip(tmp_path, name, title, fte, suffix):
    city = City(city=CityInfo(id="x", name=name),
                domains=[Domain(id="d", name=title)],
                units=[Unit(id="stad", name=name, kind="organisation", fte=fte)],
                people=[Person(id="p", name=name, role="alderman",
                               portfolio=[PortfolioItem(title=title, domain="d")])])
    assert orggraph.load(write_city(city, tmp_path / f"c{suffix}")) == city
