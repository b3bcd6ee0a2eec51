"""Every analyst query of the library on a small city whose answers are worked out by hand below.

The fixture is the example city ``tiny`` (its shape is drawn at the top of examples/tiny.yaml)
with four additions that exercise the edges:

- ``agb-sport``, an agency under the root steered by Bram Claes (its own cluster, owner Claes);
- ``dienst-archief``, a service in cluster Mens with no domain: nobody owns it;
- ``stadsvisie``, a programme led by the root (which has no cluster) with Dienst Zorg (cluster
  Mens) and Dienst Wonen (cluster Ruimte): transversal, as Python counts it;
- ``fietsplan``, a programme of one unit (Dienst Mobiliteit), sponsored by the mayor.

owners(s), by DESIGN's definition (steering, or a portfolio domain equal to or above one of s):
strategische-cel {Peeters: strategy}, dienst-mobiliteit {Peeters: mobility}, dienst-wonen
{Claes: housing}, staf-ruimte {Peeters, Claes: mobility, housing}, dienst-zorg {Maes},
dienst-jeugd {Maes}, agb-sport {Claes: steers}, dienst-archief {}.
Clusters of the services: strategische-cel and agb-sport are their own; Ruimte holds mobiliteit
(10 fte), wonen (8), staf (3); Mens holds zorg (20), jeugd (9), archief (2).
"""

from __future__ import annotations

import uuid

import pytest
from ruamel.yaml import YAML

from orggraph.engines import push
from orggraph.engines.falkordb import FalkorDBEngine
from orggraph.examples import example_path
from orggraph.loaders import load
from orggraph.queries.library import library

pytestmark = pytest.mark.falkordb

RUIMTE, MENS = "Cluster Ruimte", "Cluster Mens en Samenleving"
PEETERS, CLAES, MAES = "An Peeters", "Bram Claes", "Chris Maes"


@pytest.fixture(scope="module")
def city_file(tmp_path_factory):
    yaml = YAML()
    doc = yaml.load(example_path("tiny").read_text(encoding="utf-8"))
    doc["units"].append({"id": "agb-sport", "name": "AGB Sport", "kind": "agency",
                         "parent": "stad", "fte": 5, "legal_form": "AGB"})
    doc["units"].append({"id": "dienst-archief", "name": "Archief", "kind": "service",
                         "parent": "cluster-mens", "fte": 2})
    claes = next(p for p in doc["people"] if p["id"] == "bram-claes")
    claes["steers"] = ["agb-sport"]
    doc["programmes"].append({"id": "stadsvisie", "name": "Stadsvisie 2030", "kind": "programme",
                              "lead": "stad", "contributors": ["dienst-zorg", "dienst-wonen"],
                              "challenges": ["klimaat"]})
    doc["programmes"].append({"id": "fietsplan", "name": "Fietsplan", "kind": "project",
                              "lead": "dienst-mobiliteit", "sponsor": "an-peeters",
                              "challenges": ["klimaat"]})
    path = tmp_path_factory.mktemp("answers") / "tiny-plus.yaml"
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(doc, handle)
    return path


@pytest.fixture(scope="module")
def engine(falkordb_server, city_file):
    engine = FalkorDBEngine("127.0.0.1", falkordb_server.port,
                            graph=f"answers_{uuid.uuid4().hex[:8]}")
    push(engine, load(city_file))
    yield engine
    engine._redis.execute_command("DEL", engine.graph)
    engine.close()


def rows(engine, name: str, **params) -> list[list]:
    return engine.run(library()[name].text, {"city": "tiny", **params}).rows


def test_agencies(engine):
    assert rows(engine, "agencies") == [["AGB Sport", "AGB", 5, [CLAES]]]


def test_alderman_portfolios(engine):
    # items: Peeters 3 (governance, strategy, mobility), Claes 2, Maes 2; top domains: Peeters
    # governance + space = 2, Claes space + economy = 2, Maes care = 1; services owned (above):
    # Peeters 3, Claes 3 (wonen, staf, agb-sport), Maes 2.
    assert rows(engine, "alderman_portfolios") == [
        [PEETERS, "mayor", "Lijst A", 3, 2, 3],
        [CLAES, "alderman", "Lijst B", 2, 2, 3],
        [MAES, "alderman", "Lijst A", 2, 1, 2]]


def test_aldermen_cluster_span(engine):
    # Peeters: strategische-cel (own) + Ruimte = 2 clusters, 3 services; Claes: Ruimte + AGB
    # Sport = 2 clusters, 3 services; Maes: Mens only, 2 services.
    assert rows(engine, "aldermen_cluster_span") == [
        [PEETERS, "mayor", 2, 3], [CLAES, "alderman", 2, 3], [MAES, "alderman", 1, 2]]


def test_boundary_units_counts_the_root_led_programme(engine):
    # Transversal: klimaatplan (strategische-cel, Ruimte), kindvriendelijke-buurt (Mens,
    # Ruimte) and the root-led stadsvisie (Mens, Ruimte; the root has no cluster). Not:
    # jeugdzorgtraject (Mens only) and the single-unit fietsplan. Mobiliteit sits in klimaatplan
    # and kindvriendelijke-buurt, Wonen in klimaatplan and stadsvisie; the others in one each.
    assert rows(engine, "boundary_units") == [
        ["Dienst Mobiliteit", "service", RUIMTE, 2],
        ["Dienst Wonen", "service", RUIMTE, 2],
        ["Dienst Zorg", "service", MENS, 1],
        ["Jeugddienst", "service", MENS, 1],
        ["Stadsbestuur Tinystad", "organisation", None, 1],
        ["Staf Ruimte", "staff", RUIMTE, 1],
        ["Strategische cel", "strategic_cell", "Strategische cel", 1]]


def test_cluster_overview(engine):
    # Ruimte: 3 services, 10 + 8 + 3 fte, owners {Peeters, Claes}; Mens: 3 services,
    # 20 + 9 + 2 fte, owners {Maes}; AGB Sport and the strategic cell: one service each.
    assert rows(engine, "cluster_overview") == [
        [RUIMTE, 3, 21, 2], ["AGB Sport", 1, 5, 1], [MENS, 3, 31, 1],
        ["Strategische cel", 1, 4, 1]]


def test_domains_split_titles(engine):
    # Only "Ruimte" (space) has two holders: Peeters through mobility, Claes through housing.
    assert rows(engine, "domains_split_titles") == [
        ["Ruimte", 2, PEETERS, ["Mobiliteit"]], ["Ruimte", 2, CLAES, ["Wonen"]]]


def test_management_team(engine):
    assert rows(engine, "management_team") == [
        ["Managementteam", "Dana Wouters", "general_director", ["Stadsbestuur Tinystad"]]]


def test_partner_relations(engine):
    # Two partners have a relation; sector order: citizen_initiative < civil_society.
    assert rows(engine, "partner_relations") == [
        ["Buurtcomité Zonnewijk", "citizen_initiative", 0.1, None, True, None],
        ["Jeugdhuis De Schakel vzw", "civil_society", 0.6, None, True, True]]


def test_partners_by_sector_mode(engine):
    # Hogeschool advises in klimaatplan and kindvriendelijke-buurt (2 programmes); Jeugdhuis
    # delivers in jeugdzorgtraject and co-creates in kindvriendelijke-buurt.
    assert rows(engine, "partners_by_sector_mode") == [
        ["business", "funding", 1, 1, ["Handelaarsvereniging Tinystad"]],
        ["citizen_initiative", "co_creation", 1, 1, ["Buurtcomité Zonnewijk"]],
        ["civil_society", "co_creation", 1, 1, ["Jeugdhuis De Schakel vzw"]],
        ["civil_society", "service_delivery", 1, 1, ["Jeugdhuis De Schakel vzw"]],
        ["knowledge", "advice", 1, 2, ["Hogeschool Tinystad"]]]


def test_programme_overview_with_a_root_led_and_a_single_unit_programme(engine):
    found = [[*row[:7], sorted(row[7])] for row in rows(engine, "programme_overview")]
    assert found == [
        ["Kindvriendelijke buurt Zonnewijk", "programme", "Jeugddienst", 3, 2, MAES, "alderman",
         ["business", "citizen_initiative", "civil_society", "knowledge"]],
        ["Klimaatplan Tinystad", "action_plan", "Strategische cel", 3, 2, "Dana Wouters",
         "general_director", ["knowledge"]],
        # the root counts as a unit but brings no cluster
        ["Stadsvisie 2030", "programme", "Stadsbestuur Tinystad", 3, 2, None, None, []],
        ["Fietsplan", "project", "Dienst Mobiliteit", 1, 1, PEETERS, "mayor", []],
        ["Jeugdzorgtraject", "project", "Jeugddienst", 2, 1, MAES, "alderman",
         ["civil_society"]]]


def test_programme_sponsors(engine):
    # college: jeugdzorgtraject, kindvriendelijke-buurt (Maes), fietsplan (Peeters);
    # management: klimaatplan (Wouters); none: stadsvisie.
    found = {kind: (n, sorted(names)) for kind, n, names in rows(engine, "programme_sponsors")}
    assert found == {
        "college": (3, ["Fietsplan", "Jeugdzorgtraject", "Kindvriendelijke buurt Zonnewijk"]),
        "management": (1, ["Klimaatplan Tinystad"]), "none": (1, ["Stadsvisie 2030"])}
    assert rows(engine, "programme_sponsors")[0][0] == "college"


def test_programmes_by_challenge(engine):
    found = [[c, p, n, sorted(x)] for c, p, n, x in rows(engine, "programmes_by_challenge")]
    four = sorted(["Hogeschool Tinystad", "Handelaarsvereniging Tinystad",
                   "Jeugdhuis De Schakel vzw", "Buurtcomité Zonnewijk"])
    assert found == [
        ["Kindvriendelijke stad", "Kindvriendelijke buurt Zonnewijk", 2, four],
        ["Kindvriendelijke stad", "Jeugdzorgtraject", 1, ["Jeugdhuis De Schakel vzw"]],
        ["Klimaat", "Kindvriendelijke buurt Zonnewijk", 2, four],
        ["Klimaat", "Klimaatplan Tinystad", 2, ["Hogeschool Tinystad"]],
        ["Klimaat", "Stadsvisie 2030", 2, []],
        ["Klimaat", "Fietsplan", 1, []]]


def test_services_many_owners(engine):
    ((service, n, names),) = rows(engine, "services_many_owners")
    assert (service, n, sorted(names)) == ("Staf Ruimte", 2, [PEETERS, CLAES])


def test_services_without_alderman(engine):
    assert rows(engine, "services_without_alderman") == [["Archief", "service", MENS]]


def test_strategic_cells(engine):
    assert rows(engine, "strategic_cells") == [
        ["Strategische cel", "Stadsbestuur Tinystad", "top", 4]]


def test_units_connected(engine):
    # Zorg and Mobiliteit share no programme; two chains of two programmes join them:
    # via Stadsvisie and Wonen (in Klimaatplan), and via Jeugdzorgtraject and Jeugddienst
    # (in Kindvriendelijke buurt).
    found = sorted(route for _, route in rows(engine, "units_connected", **{
        "from": "dienst-zorg", "to": "dienst-mobiliteit"}))
    assert [n for n, _ in rows(engine, "units_connected", **{
        "from": "dienst-zorg", "to": "dienst-mobiliteit"})] == [2, 2]
    assert found == [
        ["Dienst Zorg", "Jeugdzorgtraject", "Jeugddienst", "Kindvriendelijke buurt Zonnewijk",
         "Dienst Mobiliteit"],
        ["Dienst Zorg", "Stadsvisie 2030", "Dienst Wonen", "Klimaatplan Tinystad",
         "Dienst Mobiliteit"]]


def test_every_analyst_query_has_a_test_here():
    from orggraph.queries import METRIC_KEYS

    analyst = {name for name in library() if name not in METRIC_KEYS}
    tested = {name.removeprefix("test_").split("_with_")[0].split("_counts_")[0]
              for name in globals() if name.startswith("test_")}
    assert analyst <= tested, sorted(analyst - tested)
