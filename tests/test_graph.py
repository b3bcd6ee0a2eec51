"""The NetworkX graph of docs/design.md §2: counts per label and type, and round-trips."""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from pathlib import Path

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import orggraph
from orggraph.loaders.graph import label_of_kind, to_networkx

UNIT_KINDS = ["cluster", "department", "service", "team", "staff", "strategic_cell", "cabinet",
              "agency"]
SECTORS = ["civil_society", "citizen_initiative", "business", "knowledge", "government"]
MODES = ["co_creation", "funding", "service_delivery", "advice", "other"]
ROLES = ["mayor", "alderman", "ocmw_chair", "councillor", "general_director", "manager"]


@st.composite
def datasets(draw):
    """Draw a valid orggraph/1 document as plain data (ids unique, references valid)."""
    n_domains = draw(st.integers(1, 6))
    domains = []
    for i in range(n_domains):
        parent = draw(st.none() | st.integers(0, i - 1)) if i else None
        domains.append({"id": f"d{i}", "name": f"Domein {i}"}
                       | ({"parent": f"d{parent}"} if parent is not None else {}))
    d_ids = [d["id"] for d in domains]
    units = [{"id": "u0", "name": "Stad", "kind": "organisation"}]
    for i in range(1, draw(st.integers(1, 12)) + 1):
        unit = {"id": f"u{i}", "name": f"Eenheid {i}", "kind": draw(st.sampled_from(UNIT_KINDS)),
                "parent": f"u{draw(st.integers(0, i - 1))}",
                "domains": draw(st.lists(st.sampled_from(d_ids), unique=True, max_size=2))}
        if draw(st.booleans()):
            unit["fte"] = draw(st.floats(0, 100, allow_nan=False))
        units.append(unit)
    u_ids = [u["id"] for u in units]
    bodies = [{"id": "college", "name": "College", "kind": "college"}]
    people = []
    for i in range(draw(st.integers(0, 5))):
        items = draw(st.lists(st.sampled_from(d_ids), max_size=3))
        people.append({
            "id": f"p{i}", "name": f"Persoon {i}", "role": draw(st.sampled_from(ROLES)),
            "portfolio": [{"title": f"Bevoegdheid {i}.{j}", "domain": d}
                          for j, d in enumerate(items)],
            "steers": draw(st.lists(st.sampled_from(u_ids), unique=True, max_size=2)),
            "heads": draw(st.lists(st.sampled_from(u_ids), unique=True, max_size=1)),
            "member_of": draw(st.lists(st.just("college"), unique=True, max_size=1)),
        })
    challenges = [{"id": f"c{i}", "name": f"Opgave {i}"} for i in range(draw(st.integers(0, 2)))]
    partners = []
    for i in range(draw(st.integers(0, 3))):
        partner = {"id": f"x{i}", "name": f"Partner {i}", "sector": draw(st.sampled_from(SECTORS))}
        if draw(st.booleans()):
            partner["relation"] = {"funding_share": 0.5, "autonomous": True}
        partners.append(partner)
    programmes = []
    for i in range(draw(st.integers(0, 3))):
        members = draw(st.lists(st.sampled_from(u_ids[1:]), unique=True, min_size=1, max_size=4))
        programmes.append({
            "id": f"g{i}", "name": f"Programma {i}", "lead": members[0],
            "contributors": members[1:],
            "sponsor": draw(st.sampled_from([None] + [p["id"] for p in people])),
            "domains": draw(st.lists(st.sampled_from(d_ids), unique=True, max_size=2)),
            "challenges": draw(st.lists(st.sampled_from([c["id"] for c in challenges] or ["-"]),
                                        unique=True, max_size=1)) if challenges else [],
            "partners": [{"partner": p["id"], "mode": draw(st.sampled_from(MODES))}
                         for p in draw(st.lists(st.sampled_from(partners), unique_by=lambda p:
                                                p["id"], max_size=2))] if partners else [],
        })
    for p in programmes:
        if p["sponsor"] is None:
            del p["sponsor"]
    return {"format": "orggraph/1", "city": {"id": "syn", "name": "Synthetica"},
            "domains": domains, "units": units, "bodies": bodies, "people": people,
            "challenges": challenges, "programmes": programmes, "partners": partners}


def expected_counts(doc: dict) -> tuple[Counter, Counter]:
    """Count nodes per label and relationships per type straight from the document."""
    labels = Counter({"City": 1, "Domain": len(doc["domains"]), "Unit": len(doc["units"]),
                      "Body": len(doc["bodies"]), "Person": len(doc["people"]),
                      "Challenge": len(doc["challenges"]), "Programme": len(doc["programmes"]),
                      "Partner": len(doc["partners"])})
    labels.update(label_of_kind(u["kind"]) for u in doc["units"])
    types = Counter()
    types["PART_OF"] = sum("parent" in x for x in doc["domains"] + doc["units"])
    types["OF"] = 1
    types["WORKS_ON"] = sum(len(u.get("domains", [])) for u in doc["units"])
    for p in doc["people"]:
        types["HOLDS"] += len(p["portfolio"])
        types["STEERS"] += len(p["steers"])
        types["HEADS"] += len(p["heads"])
        types["MEMBER_OF"] += len(p["member_of"])
    for g in doc["programmes"]:
        types["LEADS"] += 1
        types["CONTRIBUTES_TO"] += len(g["contributors"])
        types["SPONSORS"] += "sponsor" in g
        types["COVERS"] += len(g["domains"])
        types["ADDRESSES"] += len(g["challenges"])
        types["PARTNERS_IN"] += len(g["partners"])
    types["RELATES_TO"] = sum("relation" in p for p in doc["partners"])
    return labels, +types


def load_doc(doc: dict) -> orggraph.City:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "city.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        return orggraph.load(path)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets())
def test_any_valid_dataset_loads_to_the_expected_graph(doc):
    g = to_networkx(load_doc(doc))
    labels, types = expected_counts(doc)
    got_labels = Counter(label for _, data in g.nodes(data=True) for label in data["labels"])
    got_types = Counter(data["type"] for _, _, data in g.edges(data=True))
    assert got_labels == labels
    assert got_types == types


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets())
def test_graph_to_city_to_graph_round_trips(doc):
    g = to_networkx(load_doc(doc))
    again = to_networkx(orggraph.from_networkx(g))
    assert nx.utils.graphs_equal(g, again)
    assert dict(g.nodes(data=True)) == dict(again.nodes(data=True))


def test_nodes_carry_uid_id_city_and_labels(tiny):
    g = to_networkx(tiny)
    node = g.nodes["tiny:dienst-mobiliteit"]
    assert node["labels"] == {"Unit", "Service"}
    assert (node["uid"], node["id"], node["city"]) == ("tiny:dienst-mobiliteit",
                                                        "dienst-mobiliteit", "tiny")
    assert node["fte"] == 10 and node["kind"] == "service"
    assert g.has_edge("tiny:dienst-mobiliteit", "tiny:cluster-ruimte", key="PART_OF")
    assert g.has_edge("tiny:stad", "tiny:tiny", key="OF")
    assert g.nodes["tiny:tiny"]["labels"] == {"City"}


def test_a_scenario_prefixes_uids_and_marks_nodes(tiny):
    g = to_networkx(tiny, scenario="bundels")
    node = g.nodes["tiny@bundels:dienst-zorg"]
    assert node["scenario"] == "bundels" and node["city"] == "tiny"


def test_two_items_in_one_domain_get_distinct_keys(write):
    path = write("c.yaml", """\
format: orggraph/1
city: {id: t, name: T}
domains: [{id: eco, name: Economie}]
units: [{id: stad, name: Stad, kind: organisation}]
people:
  - {id: s, name: S, role: alderman, portfolio: [{title: Handel, domain: eco},
                                                  {title: Haven, domain: eco}]}
""")
    g = to_networkx(orggraph.load(path))
    edges = g.get_edge_data("t:s", "t:eco")
    assert sorted(edges) == ["HOLDS", "HOLDS#2"]
    assert sorted(e["title"] for e in edges.values()) == ["Handel", "Haven"]
    assert all(e["type"] == "HOLDS" for e in edges.values())
    back = orggraph.from_networkx(g)
    assert [i.title for i in back.people[0].portfolio] == ["Handel", "Haven"]
