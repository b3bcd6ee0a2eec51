"""Synthetic cities: valid, deterministic, the promised shape, and `orggraph synth`."""

from __future__ import annotations

import json
from collections import Counter

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import orggraph
from orggraph.cli import app
from orggraph.loaders import graph
from orggraph.loaders.dump import dump_city, write_city
from orggraph.loaders.taxonomy import taxonomy_domains
from orggraph.synth import MIN_UNITS, synthetic_city, synthetic_document

runner = CliRunner()


def cluster_of(city):
    """Return unit id → cluster(u) (docs/design.md §5), restated so these tests stand alone."""
    units = {u.id: u for u in city.units}
    result = {}
    for unit in city.units:
        if unit.parent is None:
            continue
        node = unit
        while node.kind.value != "cluster" and units[node.parent].parent is not None:
            node = units[node.parent]
        result[unit.id] = node.id
    return result
SIZES = [MIN_UNITS, 61, 1000]


@pytest.fixture(scope="module", params=SIZES)
def sized(request):
    return request.param, synthetic_city(request.param, seed=7)


def test_same_seed_same_city_other_seed_other_city():
    assert synthetic_city(300, seed=1) == synthetic_city(300, seed=1)
    assert synthetic_city(300, seed=1) != synthetic_city(300, seed=2)


def test_counts_are_as_promised(sized):
    n, city = sized
    kinds = Counter(u.kind.value for u in city.units)
    assert len(city.units) == n
    assert kinds["organisation"] == 1
    assert kinds["cluster"] == max(2, round(n / 60))
    assert len(city.programmes) == max(1, round(n / 20))
    assert len(city.partners) == max(5, round(n / 30))
    assert 9 <= len(city.college) <= 11
    assert len(city.challenges) == 10
    # Services are most of the units; every other kind the design names is present at least once
    # (teams excepted: the generator makes none).
    assert kinds["service"] > n / 2
    for kind in ("department", "staff", "strategic_cell", "cabinet", "agency"):
        assert kinds[kind] >= 1, kind


def test_college_and_management(sized):
    _, city = sized
    roles = Counter(p.role.value for p in city.college)
    assert roles["mayor"] == 1 and roles["ocmw_chair"] == 1
    assert all(p.portfolio for p in city.college), "every college member holds something"
    clusters = {u.id for u in city.units if u.kind.value == "cluster"}
    headed = {h for p in city.people if p.role.value == "director" for h in p.heads}
    assert headed == clusters
    mat = {p.id for p in city.people if "mat" in p.member_of}
    assert {b.kind.value for b in city.bodies} == {"college", "management_team"}
    assert all(prog.sponsor in mat for prog in city.programmes)


def test_domains_form_ten_trees_of_about_six():
    city = synthetic_city(100)
    tops = [d for d in city.domains if d.parent is None]
    assert len(tops) == 10
    children = Counter(d.parent for d in city.domains if d.parent)
    assert all(4 <= children[t.id] <= 7 for t in tops)


def test_support_clusters_and_every_partner_sector():
    city = synthetic_city(1000)
    support = [u for u in city.units if u.support]
    assert support and all(u.kind.value == "cluster" for u in support)
    assert {p.sector.value for p in city.partners} == {
        "civil_society", "citizen_initiative", "business", "knowledge", "government"}


def test_programmes_mix_inside_and_across_clusters():
    city = synthetic_city(1000)
    cluster = cluster_of(city)
    spans = Counter(len({cluster[u] for u in p.units}) >= 2 for p in city.programmes)
    assert spans[True] > 0 and spans[False] > 0


def test_fte_is_right_skewed():
    # A lognormal-like size: the mean service is larger than the median service.
    fte = sorted(u.fte for u in synthetic_city(1000).units if u.kind.value == "service")
    assert all(f is not None and f >= 0 for f in fte)
    assert sum(fte) / len(fte) > fte[len(fte) // 2]


def test_taxonomy_city_uses_bbc_and_dumps_no_domains():
    city = synthetic_city(200, taxonomy=True)
    assert city.taxonomy == "bbc"
    assert {d.id for d in city.domains} == {d["id"] for d in taxonomy_domains("bbc")}
    doc = dump_city(city)
    assert doc["taxonomy"] == "bbc" and "domains" not in doc


@pytest.mark.parametrize(("n", "suffix", "taxonomy"),
                         [(1000, ".json", False), (300, ".yaml", True)])
def test_dumped_city_loads_back_equal(tmp_path, n, suffix, taxonomy):
    city = synthetic_city(n, seed=3, taxonomy=taxonomy)
    assert orggraph.load(write_city(city, tmp_path / f"synth{suffix}")) == city


def test_document_is_what_the_city_dumps_to():
    # The generated document already has the written form: nothing left to default.
    assert dump_city(synthetic_city(150, seed=4)) == synthetic_document(150, seed=4)


@pytest.mark.parametrize("bad", [MIN_UNITS - 1, 0, -5])
def test_too_small_is_refused(bad):
    with pytest.raises(ValueError, match=f"at least {MIN_UNITS} units"):
        synthetic_city(bad)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(n=st.integers(MIN_UNITS, 400), seed=st.integers(0, 2**32), taxonomy=st.booleans())
def test_any_size_and_seed_is_valid_and_exact(n, seed, taxonomy):
    # synthetic_city runs the real validator, so reaching the asserts means the city is valid.
    city = synthetic_city(n, seed, taxonomy=taxonomy)
    assert len(city.units) == n
    assert sum(1 for u in city.units if u.parent is None) == 1
    assert set(cluster_of(city)) == {u.id for u in city.units if u.parent is not None}


def test_cli_writes_a_valid_dataset(tmp_path):
    target = tmp_path / "synthstad.json"
    result = runner.invoke(app, ["synth", "500", "--out", str(target), "--seed", "5"])
    assert result.exit_code == 0, result.output
    assert "500 units" in result.output
    assert orggraph.load(target) == synthetic_city(500, 5)


def test_cli_too_few_units_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["synth", "3", "--out", str(tmp_path / "x.json")])
    assert result.exit_code == 2
    assert not (tmp_path / "x.json").exists()


def test_cli_unknown_suffix_says_what_to_use(tmp_path):
    result = runner.invoke(app, ["synth", "100", "--out", str(tmp_path / "x.txt")])
    assert result.exit_code == 1
    assert ".json, .yaml, .yml" in result.output
    assert list(tmp_path.iterdir()) == []


# --- the fast paths of the loader, checked on synthetic cities -------------------------------


def _public_api_finish(builder):
    """Finish a graph the plain way: add_nodes_from, then add_edges_from with counted keys."""
    h = nx.MultiDiGraph()
    h.add_nodes_from((key, dict(data)) for key, data in builder.nodes.items())
    seen = Counter()
    for u, v, rel, data in builder._edges:
        seen[u, v, rel] += 1
        n = seen[u, v, rel]
        h.add_edges_from([(u, v, rel if n == 1 else f"{rel}#{n}", dict(data))])
    return h


@pytest.mark.parametrize("seed", [0, 1])
def test_graph_equals_the_one_networkx_builds_itself(monkeypatch, seed):
    """The builder fills networkx's adjacency dicts directly; its graph must be the one
    ``add_nodes_from`` / ``add_edges_from`` build, in the same order, with shared key dicts."""
    city = synthetic_city(400, seed)
    city.people[0].portfolio.append(city.people[0].portfolio[0])  # a second HOLDS: key HOLDS#2
    g = orggraph.to_networkx(city, scenario="s")
    monkeypatch.setattr(graph._Builder, "finish", _public_api_finish)
    h = orggraph.to_networkx(city, scenario="s")
    assert nx.utils.graphs_equal(g, h)
    assert list(g.nodes) == list(h.nodes)
    assert list(g.edges(keys=True)) == list(h.edges(keys=True))
    assert list(g.in_edges(keys=True)) == list(h.in_edges(keys=True))
    assert all(g._succ[u][v] is g._pred[v][u] for u, v in g.edges())  # one key dict, as nx
    person, domain = city.people[0].id, city.people[0].portfolio[0].domain
    assert "HOLDS#2" in g.succ[f"synthstad@s:{person}"][f"synthstad@s:{domain}"]


def test_graph_of_an_unvalidated_city_adds_bare_ends_like_networkx():
    city = synthetic_city(MIN_UNITS)
    city.units[-1].parent = "nowhere"  # built in code, never validated
    g = orggraph.to_networkx(city)
    assert g.nodes["synthstad:nowhere"] == {}
    assert g.has_edge(f"synthstad:{city.units[-1].id}", "synthstad:nowhere", "PART_OF")
    assert list(g.nodes)[-1] == "synthstad:nowhere"


def _break(doc, how):
    units, people, programmes = doc["units"], doc["people"], doc["programmes"]
    if how == "duplicate":
        units[5]["id"] = units[4]["id"]
    elif how == "city id":
        units[5]["id"] = doc["city"]["id"]
    elif how == "reference":
        units[5]["parent"] = "cluster-9999"
    elif how == "wrong section":
        programmes[0]["lead"] = people[0]["id"]
    elif how == "own parent":
        units[5]["parent"] = units[5]["id"]
    elif how == "portfolio":
        people[0]["portfolio"][0]["domain"] = "nergens"
    elif how == "partner":
        programmes[0]["partners"] = [{"partner": "partner-99999"}]
    elif how == "sponsor":
        programmes[0]["sponsor"] = "niemand"
    elif how == "member_of":
        people[0]["member_of"] = ["raad"]
    return doc


@pytest.mark.parametrize("how", ["duplicate", "city id", "reference", "wrong section",
                                 "own parent", "portfolio", "partner", "sponsor", "member_of"])
def test_one_broken_reference_in_a_large_city_is_still_found(tmp_path, how):
    """A valid city skips the entry-by-entry reference checks; one mistake must bring them back."""
    doc = _break(synthetic_document(2000, seed=9), how)
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(orggraph.InvalidDataError) as caught:
        orggraph.load(path)
    assert len(caught.value.problems) >= 1
    assert all(p.file == path and p.line for p in caught.value.problems)
