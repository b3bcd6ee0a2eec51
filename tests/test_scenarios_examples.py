"""The example scenarios of examples/scenarios/: they apply, and their deltas are checked by hand.

The hand checks use the portfolios as the example datasets publish them. A portfolio change
moves no unit and touches no programme, so the transversality metrics cannot move; what moves is
who holds which top-level domain:

- domains_split changes by the number of domains that stop (or start) being split;
- mean_domain_fragmentation = (sum over held top-level domains of their holders) / (number of
  held top-level domains), so giving a domain held by k members to one of them takes k - 1 off
  the sum and leaves the count alone when every giver keeps another domain.
"""

from __future__ import annotations

import pytest

from orggraph import apply, load, load_scenario
from orggraph.examples import CITY_EXAMPLES, example_path
from orggraph.scenarios import compare

SCENARIOS = sorted((example_path("tiny").parent / "scenarios").glob("*.yaml"))
TRANSVERSAL = ("share_transversal_programmes", "transversal_coverage", "ei_index",
               "quadruple_helix_share", "transversality_index", "cluster_modularity")


def result_of(name: str):
    scenario = load_scenario(example_path("tiny").parent / "scenarios" / f"{name}.yaml")
    return compare(load(scenario.base_path), [scenario]).scenarios[0]


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_every_example_scenario_applies_and_cites_its_idea(path):
    scenario = load_scenario(path)
    assert scenario.base_path.exists()
    apply(load(scenario.base_path), scenario)
    header = path.read_text(encoding="utf-8").split("format:")[0]
    assert "# Idea from the reform notes (" in header


def test_every_city_example_has_a_scenario():
    # City names may hold hyphens (sint-niklaas-zorg.yaml): match on the prefix.
    missing = [c for c in CITY_EXAMPLES if not any(p.stem.startswith(f"{c}-") for p in SCENARIOS)]
    assert missing == []


@pytest.mark.parametrize(("name", "items", "fragmentation"), [
    # Aalst, economy: Economie and Landbouw (Beulens), Toerisme (De Brouwer): 1 item moves;
    # economy goes from 2 holders to 1; 10 held domains with 26 holders in all -> 25 / 10.
    ("aalst-economie", 1, (26 / 10, 25 / 10)),
    # Aalst, care: Inburgering (Van Overmeire), Gezin & Kinderopvang (Beulens), Senioren
    # (De Brouwer) join Smeyers' three: 3 items move; care from 4 holders to 1 -> 23 / 10.
    ("aalst-zorg", 3, (26 / 10, 23 / 10)),
    # Gent, economy: innovatiebeleid (De Clercq), Werk and Toerisme (Van Braeckevelt) join
    # Bracke's four: 3 items; economy from 3 holders to 1; 10 domains, 31 holders -> 29 / 10.
    ("gent-economie", 3, (31 / 10, 29 / 10)),
    # Antwerpen, care: kinderopvang (Ait Daoud), gelijke kansen and integratie (Bachar),
    # gezondheidszorg and seniorenzorg (Van Doesburg) go to Meeuws: 5 items; care from 4 holders
    # to 1; 9 domains, 28 holders -> 25 / 9.
    ("antwerpen-zorg", 5, (28 / 9, 25 / 9)),
    # Leuven, omgeving: woonbeleid (Corneillie) and Groen (Wadera) were their only items in
    # 'Wonen en ruimtelijke ordening'; both go to Dessers: 2 items; the domain from 2 holders
    # to 1 -> one holder less in the sum.
    ("leuven-omgeving", 2, None),
    # Roeselare, omgeving: 'openbaar domein en mobiliteit' (Coppé, who keeps care and
    # governance items) goes to Vanwalleghem: 1 item; 'Wonen en ruimtelijke ordening' from 2
    # holders to 1 -> one holder less in the sum.
    ("roeselare-omgeving", 1, None),
])
def test_portfolio_scenarios_by_hand(name, items, fragmentation):
    result = result_of(name)
    assert (result.diff.units_moved, result.diff.items_reassigned) == (0, items)
    assert result.delta("domains_split") == -1 and result.verdict("domains_split") == "better"
    if fragmentation is not None:
        before, after = fragmentation
        assert result.base.metrics["mean_domain_fragmentation"] == pytest.approx(before)
        assert result.value("mean_domain_fragmentation") == pytest.approx(after)
    else:
        held = result.base.metrics["mean_domain_fragmentation"]
        n_domains = sum(1 for d in result.base.domains if d.holders)
        assert result.value("mean_domain_fragmentation") == pytest.approx(held - 1 / n_domains)
    for key in TRANSVERSAL:
        assert result.delta(key) in (0, None)
    assert result.verdict("coherence_index") == "better"


def test_aalst_omgeving_bundle_by_hand():
    """Wonen (Smeyers), Stadsvernieuwing (De Gucht), Milieu and Natuur (Beulens) go to
    Verdoodt: 4 items. Smeyers held 'Wonen en ruimtelijke ordening' only through Wonen, so that
    domain loses her as a holder; De Gucht keeps it through Onderhoud openbaar domein; Beulens
    keeps environment through Klimaat and Energie, which gains Verdoodt as a holder. One holder
    less, one more: the sum of holders, the number of held domains and domains_split (7) stay."""
    result = result_of("aalst-omgeving")
    assert (result.diff.units_moved, result.diff.items_reassigned) == (0, 4)
    assert result.delta("domains_split") == 0
    assert result.delta("mean_domain_fragmentation") == 0


def test_aalst_mat_sponsors_changes_no_metric():
    """A sponsor is not part of any metric of docs/design.md §5: every value stays, and the report
    lists the three new sponsors and the two new MAT members."""
    result = result_of("aalst-mat-sponsors")
    assert result.metrics.metrics == result.base.metrics
    assert len(result.diff.of_kind("programme_changed")) == 3
    assert {d.subject for d in result.diff.of_kind("appeared")} == {
        "clustermanager-ruimte", "clustermanager-welzijn"}
