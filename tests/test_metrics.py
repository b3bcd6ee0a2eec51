"""The metrics of docs/design.md §5 on small cities whose values are computed by hand."""

from __future__ import annotations

import math

import networkx as nx
import pytest
from plugin_metrics import make_city

from orggraph.core import Core
from orggraph.examples import example_names, load_example
from orggraph.loaders.graph import to_networkx
from orggraph.queries import DIRECTION, HEADLINE_KEYS, METRIC_KEYS, CityMetrics, metrics
from orggraph.queries.spanners import betweenness


def test_keys_are_exactly_the_design_keys_in_order(tiny):
    result = metrics(tiny)
    assert tuple(result.metrics) == METRIC_KEYS
    assert len(METRIC_KEYS) == 25 and set(HEADLINE_KEYS) <= set(METRIC_KEYS)
    assert set(DIRECTION) == set(METRIC_KEYS) and set(DIRECTION.values()) <= {-1, 0, 1}


def test_json_shape_is_design_section_7(tiny):
    data = metrics(tiny).to_json_dict()
    assert list(data) == ["city", "metrics", "aldermen", "clusters", "domains", "programmes",
                          "strategic_cells", "boundary_spanners"]
    assert CityMetrics.model_validate(data).metrics == data["metrics"]


# Tinystad (examples/tiny.yaml), by hand. S = {strategische-cel, dienst-mobiliteit, dienst-wonen,
# staf-ruimte, dienst-zorg, dienst-jeugd}; clusters: strategische-cel and kabinet (children of the
# root without a cluster above), cluster-ruimte, cluster-mens.
# owners: strategische-cel {P} (strategy), mobiliteit {P}, wonen {C}, staf-ruimte {P, C},
# zorg {M}, jeugd {M}  (P = An Peeters, C = Bram Claes, M = Chris Maes).
# M[a][c]: P {strat: 1, ruimte: 2}, C {ruimte: 2}, M {mens: 2}; Σ M = 7.
TINY = {
    "n_units": 10, "n_services": 6, "n_clusters": 4, "n_aldermen": 3, "n_programmes": 3,
    "n_partners": 4,
    "depth": 2,                                   # stad → cluster → dienst
    "mean_span_of_control": 3.0,                  # (4 + 3 + 2) / 3 parents
    "mean_alderman_cluster_span": 4 / 3,          # P 2, C 1, M 1
    "mean_cluster_alderman_span": 4 / 3,          # strat 1, ruimte 2, mens 1 (kabinet: no service)
    "portfolio_cluster_alignment": 6 / 7,         # (2 + 2 + 2) / 7
    "cluster_portfolio_alignment": 5 / 7,         # (1 + 2 + 2) / 7
    "domains_split": 1,                           # space: P (mobility) and C (housing)
    "mean_domain_fragmentation": 5 / 4,           # governance 1, space 2, care 1, economy 1
    "share_transversal_programmes": 2 / 3,        # klimaatplan, kindvriendelijke-buurt
    "transversal_coverage": 5 / 6,                # all but dienst-zorg
    # pairs: jeugdzorg I; klimaat (sc,mob) E (sc,won) E (mob,won) I; buurt (j,mob) E (j,staf) E
    # (mob,staf) I → E 4, I 3.
    "ei_index": 1 / 7,
    "strategic_fte_share": 4 / 60, "cabinet_fte_share": 2 / 60,
    "quadruple_helix_share": 1 / 3,               # only kindvriendelijke-buurt
    # singly owned: (P,strat) (P,ruimte) (C,ruimte) (M,mens)×2; H(A) = H(C) = −(2·0.4 ln 0.4 +
    # 0.2 ln 0.2); I = 0.2 ln 2.5 + 0.2 ln 1.25 + 0.2 ln 2.5 + 0.4 ln 2.5.
    "portfolio_cluster_nmi": 2 * (0.8 * math.log(2.5) + 0.2 * math.log(1.25))
    / (2 * -(0.8 * math.log(0.4) + 0.2 * math.log(0.2))),
    # 7 edges, intra 1 + 0 + 2, degree sums 4, 2, 8 of 14: 3/7 − (16 + 4 + 64)/196 = 0.
    "cluster_modularity": 0.0,
    "workload_gini": 4 / 42,                      # owned 3, 2, 2: Σ|xi − xj| = 4; 2·9·7/3 = 42
    "transversality_index": 100 * (2 / 3 + 5 / 6 + (1 / 7 + 1) / 2 + 1 / 3) / 4,
    "coherence_index": 100 * (6 / 7 + 5 / 7 + 1 / (5 / 4)) / 3,
}


@pytest.mark.parametrize("key", METRIC_KEYS)
def test_tiny_by_hand(tiny, key):
    assert metrics(tiny).metrics[key] == pytest.approx(TINY[key], abs=1e-9)


def test_tiny_tables_by_hand(tiny):
    r = metrics(tiny)
    assert [(a.id, a.cluster_span, a.services) for a in r.aldermen] == [
        ("an-peeters", 2, 3), ("bram-claes", 1, 2), ("chris-maes", 1, 2)]
    assert {c.id: (c.aldermen, c.services, c.fte) for c in r.clusters} == {
        "strategische-cel": (1, 1, 4), "kabinet": (0, 0, 2), "cluster-ruimte": (2, 3, 22),
        "cluster-mens": (1, 2, 30)}
    assert [(d.id, d.holders) for d in r.domains] == [
        ("governance", 1), ("space", 2), ("care", 1), ("economy", 1)]
    assert [(p.id, p.clusters, p.transversal) for p in r.programmes] == [
        ("jeugdzorgtraject", 1, False), ("klimaatplan", 2, True),
        ("kindvriendelijke-buurt", 2, True)]
    assert [(s.id, s.embedding) for s in r.strategic_cells] == [("strategische-cel", "top")]
    assert not r.betweenness_approximate


def test_boundary_spanners_by_hand(tiny):
    """The spanners are the top five of betweenness on the units' graph, ties by id.

    The graph is written here by hand from examples/tiny.yaml: the PART_OF tree, and one edge
    per pair of units in a programme (jeugdzorgtraject: jeugd, zorg; klimaatplan: the cell,
    mobiliteit, wonen; kindvriendelijke-buurt: jeugd, mobiliteit, staf-ruimte). networkx
    computes the betweenness independently of orggraph's igraph code.
    """
    tree = [("stad", u) for u in ("strategische-cel", "kabinet", "cluster-ruimte",
                                  "cluster-mens")]
    tree += [("cluster-ruimte", u) for u in ("dienst-mobiliteit", "dienst-wonen", "staf-ruimte")]
    tree += [("cluster-mens", u) for u in ("dienst-zorg", "dienst-jeugd")]
    pairs = [("dienst-jeugd", "dienst-zorg"), ("strategische-cel", "dienst-mobiliteit"),
             ("strategische-cel", "dienst-wonen"), ("dienst-mobiliteit", "dienst-wonen"),
             ("dienst-jeugd", "dienst-mobiliteit"), ("dienst-jeugd", "staf-ruimte"),
             ("dienst-mobiliteit", "staf-ruimte")]
    scores = nx.betweenness_centrality(nx.Graph(tree + pairs))
    expected = sorted(scores, key=lambda u: (-round(scores[u], 12), u))[:5]
    spanners = metrics(tiny).boundary_spanners
    assert [b.id for b in spanners] == expected
    assert [b.betweenness for b in spanners] == pytest.approx([scores[u] for u in expected])
    # jeugd and mobiliteit are symmetric in this graph (each links its cluster to the other's
    # services through kindvriendelijke-buurt): a tie, which the id breaks.
    assert scores["dienst-jeugd"] == pytest.approx(scores["dienst-mobiliteit"])
    assert expected.index("dienst-jeugd") < expected.index("dienst-mobiliteit")


def _two_clusters(programmes, **kw):
    units = [("root", "organisation", None, []), ("A", "cluster", "root", []),
             ("B", "cluster", "root", []), ("a1", "service", "A", []), ("a2", "service", "A", []),
             ("b1", "service", "B", []), ("b2", "service", "B", [])]
    return make_city(units=units, programmes=programmes, **kw)


def test_programme_measures_by_hand():
    city = _two_clusters([{"id": "p1", "name": "p1", "lead": "a1", "contributors": ["a2"]},
                          {"id": "p2", "name": "p2", "lead": "b1", "contributors": ["b2"]},
                          {"id": "p3", "name": "p3", "lead": "a2", "contributors": ["b1"]}])
    m = metrics(city).metrics
    assert m["share_transversal_programmes"] == pytest.approx(1 / 3)
    assert m["transversal_coverage"] == pytest.approx(2 / 4)      # a2, b1
    assert m["ei_index"] == pytest.approx((1 - 2) / 3)            # E 1 (p3), I 2
    # Edges a1-a2, b1-b2, a2-b1 (m = 3); degrees 1, 2, 2, 1: 2/3 − 2·(3/6)² = 1/6.
    assert m["cluster_modularity"] == pytest.approx(1 / 6)
    assert m["cluster_modularity"] == pytest.approx(nx.community.modularity(
        nx.Graph([("a1", "a2"), ("b1", "b2"), ("a2", "b1")]), [{"a1", "a2"}, {"b1", "b2"}]))


def test_quadruple_helix_needs_all_three_sectors():
    partners = [("bz", "business"), ("kn", "knowledge"), ("ci", "citizen_initiative")]
    city = _two_clusters([
        {"id": "p1", "name": "p1", "lead": "a1",
         "partners": [{"partner": "bz"}, {"partner": "kn"}, {"partner": "ci"}]},
        {"id": "p2", "name": "p2", "lead": "a1", "partners": [{"partner": "bz"},
                                                               {"partner": "kn"}]}],
        partners=partners)
    assert metrics(city).metrics["quadruple_helix_share"] == pytest.approx(1 / 2)


def test_ownership_through_ancestor_domains_and_steering():
    # X holds "space" (parent of mobility): owns m1. Y steers s2, which has no domain.
    units = [("root", "organisation", None, []), ("A", "cluster", "root", []),
             ("B", "cluster", "root", []), ("m1", "service", "A", ["mobility"]),
             ("s2", "service", "B", [])]
    people = [{"id": "X", "name": "X", "role": "alderman",
               "portfolio": [{"title": "Ruimte", "domain": "space"}]},
              {"id": "Y", "name": "Y", "role": "alderman", "steers": ["s2"]},
              {"id": "Z", "name": "Z", "role": "mayor"}]
    city = make_city(units=units, people=people, domains=[("space", None), ("mobility", "space")])
    r = metrics(city)
    assert [(a.id, a.services, a.cluster_span) for a in r.aldermen] == [
        ("X", 1, 1), ("Y", 1, 1), ("Z", 0, 0)]
    assert r.metrics["portfolio_cluster_alignment"] == 1.0
    assert r.metrics["portfolio_cluster_nmi"] == 1.0
    # owned 1, 1, 0: Σ|xi − xj| = 4, 2·9·(2/3) = 12.
    assert r.metrics["workload_gini"] == pytest.approx(4 / 12)
    assert r.metrics["domains_split"] == 0 and r.metrics["mean_domain_fragmentation"] == 1.0


def test_strategic_cell_embeddings():
    units = [("root", "organisation", None, []), ("top", "strategic_cell", "root", []),
             ("S", "cluster", "root", []), ("P", "cluster", "root", []),
             ("in-support", "strategic_cell", "S", []), ("in-sector", "strategic_cell", "P", [])]
    r = metrics(make_city(units=units, support={"S"}))
    assert [(s.id, s.embedding) for s in r.strategic_cells] == [
        ("top", "top"), ("in-support", "support_cluster"), ("in-sector", "sector_cluster")]


def test_nulls_without_programmes_fte_or_college():
    # No programmes, no fte, no college: every metric with an empty denominator is null.
    city = _two_clusters([])
    m = metrics(city).metrics
    for key in ("share_transversal_programmes", "ei_index", "quadruple_helix_share",
                "cluster_modularity", "strategic_fte_share", "cabinet_fte_share",
                "mean_alderman_cluster_span", "portfolio_cluster_alignment",
                "cluster_portfolio_alignment", "mean_domain_fragmentation",
                "portfolio_cluster_nmi", "workload_gini", "coherence_index"):
        assert m[key] is None, key
    # Denominators that are not empty: 4 services, 2 clusters with services (0 aldermen each).
    assert m["transversal_coverage"] == 0.0
    assert m["mean_cluster_alderman_span"] == 0.0
    assert m["transversality_index"] == 0.0      # only transversal_coverage is not null
    assert m["domains_split"] == 0 and m["n_aldermen"] == 0 and m["n_programmes"] == 0


def test_root_only_city():
    m = metrics(make_city()).metrics
    assert (m["n_units"], m["n_services"], m["n_clusters"], m["depth"]) == (1, 0, 0, 0)
    assert m["mean_span_of_control"] is None and m["transversal_coverage"] is None
    assert m["transversality_index"] is None


def test_metrics_accepts_the_graph(tiny):
    assert metrics(to_networkx(tiny)).metrics == metrics(tiny).metrics


@pytest.mark.parametrize("seed", range(5))
def test_betweenness_equals_networkx(seed):
    graph = nx.gnm_random_graph(40, 70, seed=seed)
    graph = nx.relabel_nodes(graph, {n: f"u{n}" for n in graph})
    expected = nx.betweenness_centrality(graph)
    assert betweenness(graph) == pytest.approx(expected, abs=1e-12)
    assert betweenness(graph, "reduced") == pytest.approx(expected, abs=1e-12)
    assert betweenness(graph, "igraph") == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("name", example_names())
def test_cluster_modularity_equals_networkx_on_examples(name):
    core = Core(load_example(name))
    if not core.pairs:  # networkx divides by zero; the metric is null
        assert metrics(core.city, spanners=False).metrics["cluster_modularity"] is None
        return
    graph = nx.Graph()
    graph.add_edges_from(core.pairs)
    communities = {}
    for node in graph:
        communities.setdefault(core.cluster[node], set()).add(node)
    expected = nx.community.modularity(graph, communities.values())
    assert metrics(core.city, spanners=False).metrics["cluster_modularity"] == pytest.approx(
        expected, abs=1e-12)
