"""Comparing scenarios with their base: metric deltas computed by hand, disruption, invariants."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from plugin_scenarios import MINI_YAML

from orggraph import apply, load
from orggraph.queries import METRIC_KEYS, metrics
from orggraph.scenarios import Scenario, compare, diff

GIVE_B = {"give": {"domain": "B", "to": "m2"}}


def test_an_empty_scenario_gives_back_the_base_metrics_exactly(mini):
    result = compare(mini, [Scenario(name="nothing")])
    scenario = result.scenarios[0]
    assert scenario.metrics.metrics == result.base.metrics
    assert scenario.diff.units_moved == 0 and scenario.diff.items_reassigned == 0
    assert scenario.diff.differences == []
    assert {scenario.verdict(k) for k in METRIC_KEYS} <= {"same", None}


def test_applying_never_touches_the_base_file(mini_path):
    before = mini_path.read_bytes()
    city = load(mini_path)
    compare(city, [Scenario(name="x", changes=[GIVE_B, {"move": {"unit": "s2", "to": "c2"}}])])
    assert mini_path.read_bytes() == before
    assert city.model_dump() == load(mini_path).model_dump()


def test_give_a_split_domain_to_one_member(mini):
    """Give B (held by m1 through b1 and m2 through b2) wholly to m2.

    Base, computed by hand: owners s1 {m1}, s2 {m1}, s3 {m2}, s4 {m2}; M = m1: {c1: 2},
    m2: {c2: 2}; both alignments 4/4 = 1; B is held by two members, A and C by one:
    domains_split 1, mean_domain_fragmentation 4/3; coherence = 100 * (1 + 1 + 3/4) / 3 = 91.67.

    After: m1 holds A only, m2 holds b1, b2 and C. Owners s1 {m1}, s2 {m2}, s3 {m2}, s4 {m2};
    M = m1: {c1: 1}, m2: {c1: 1, c2: 2}; portfolio_cluster_alignment (1 + 2) / 4 = 0.75,
    cluster_portfolio_alignment (c1: max 1 + c2: 2) / 4 = 0.75; domains_split 0, fragmentation 1;
    coherence = 100 * (0.75 + 0.75 + 1) / 3 = 83.33. One item ('Wonen') changes hands, no unit
    changes cluster.
    """
    result = compare(mini, [Scenario(name="B to m2", changes=[GIVE_B])]).scenarios[0]
    assert result.base.metrics["coherence_index"] == pytest.approx(100 * 2.75 / 3)
    assert result.value("portfolio_cluster_alignment") == pytest.approx(0.75)
    assert result.value("cluster_portfolio_alignment") == pytest.approx(0.75)
    assert result.delta("domains_split") == -1 and result.verdict("domains_split") == "better"
    assert result.delta("mean_domain_fragmentation") == pytest.approx(1 - 4 / 3)
    assert result.delta("coherence_index") == pytest.approx(100 * 2.5 / 3 - 100 * 2.75 / 3)
    assert result.verdict("coherence_index") == "worse"
    assert (result.diff.units_moved, result.diff.items_reassigned) == (0, 1)


def test_give_then_regroup_restores_alignment(mini):
    """Then move s2 (Wonen, now m2's) to c2: M = m1: {c1: 1}, m2: {c2: 3}; both alignments
    (1 + 3) / 4 = 1, coherence 100 * (1 + 1 + 1) / 3 = 100. One unit changes cluster."""
    changes = [GIVE_B, {"move": {"unit": "s2", "to": "c2"}}]
    result = compare(mini, [Scenario(name="bundle", changes=changes)]).scenarios[0]
    assert result.value("coherence_index") == pytest.approx(100)
    assert (result.diff.units_moved, result.diff.items_reassigned) == (1, 1)


def test_moving_the_programme_lead_ends_its_transversality(mini):
    """p1 links s1 (c1) and s3 (c2). Base: share_transversal_programmes 1, coverage 2/4,
    ei_index (1 - 0) / 1 = 1, quadruple helix 0 (business only): transversality
    100 * (1 + 0.5 + 1 + 0) / 4 = 62.5. With s1 moved into c2 the programme stays inside c2:
    0, 0, -1 and 0, so the index falls to 100 * (0 + 0 + 0 + 0) / 4 = 0."""
    result = compare(mini, [Scenario(name="s1 to c2", changes=[
        {"move": {"unit": "s1", "to": "c2"}}])]).scenarios[0]
    assert result.base.metrics["transversality_index"] == pytest.approx(62.5)
    assert result.value("transversality_index") == pytest.approx(0)
    assert result.value("ei_index") == pytest.approx(-1)
    assert result.verdict("transversality_index") == "worse"


def test_merging_two_clusters_is_reported_as_such(mini):
    """Merging c1 and c2 puts all four services in one cluster: each one changes cluster."""
    result = compare(mini, [Scenario(name="one", changes=[
        {"merge": {"units": ["c1", "c2"], "into": {"id": "c12", "name": "Cluster Samen"}}}])])
    d = result.scenarios[0].diff
    assert d.units_moved == 4
    (merged,) = d.of_kind("clusters_merged")
    assert merged.text == "Cluster Een and Cluster Twee are merged into Cluster Samen."
    assert result.scenarios[0].value("n_clusters") == 1


def test_diff_lists_ownership_and_college_changes(mini):
    after = apply(mini, {"name": "x", "changes": [
        GIVE_B, {"add": {"people": [{"id": "m4", "name": "Nieuw Lid", "role": "schepen"}]}}]})
    d = diff(mini, after)
    texts = [x.text for x in d.differences]
    assert "Portfolio item 'Wonen' (Wonen) goes from Mia Een to Mo Twee." in texts
    assert "Mia Een loses Dienst Wonen." in texts and "Mo Twee gains Dienst Wonen." in texts
    assert "Nieuw Lid joins the college as alderman." in texts


def test_ranking_by_a_metric_puts_the_best_first(mini):
    scenarios = [Scenario(name="worse", changes=[{"move": {"unit": "s1", "to": "c2"}}]),
                 Scenario(name="same"),
                 Scenario(name="split", changes=[GIVE_B])]
    result = compare(mini, scenarios)
    assert [r.name for r in result.ranked("transversality_index")][0] in ("same", "split")
    assert [r.name for r in result.ranked("transversality_index")][-1] == "worse"
    assert [r.name for r in result.ranked("domains_split")][0] == "split"  # lower is better
    assert [r.name for r in result.ranked("units_moved")][-1] == "worse"


def test_json_shape(mini):
    data = compare(mini, [Scenario(name="B", changes=[GIVE_B])]).to_json_dict()
    assert set(data) == {"base", "scenarios"}
    assert list(data["base"]["metrics"]) == list(METRIC_KEYS)
    entry = data["scenarios"][0]
    assert entry["name"] == "B" and entry["items_reassigned"] == 1 and entry["units_moved"] == 0
    assert {"metrics", "aldermen", "clusters", "programmes", "changes"} <= set(entry)


# --- properties --------------------------------------------------------------------------

SERVICES = ["s1", "s2", "s3", "s4"]
moves = st.lists(st.tuples(st.sampled_from(SERVICES), st.sampled_from(["c1", "c2"])),
                 max_size=6)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(moves)
def test_moves_never_change_the_base_and_moving_back_undoes_them(sequence):
    base = _mini()
    before = base.model_dump()
    changes = [{"move": {"unit": u, "to": c}} for u, c in sequence]
    after = apply(base, {"name": "m", "changes": changes})
    assert base.model_dump() == before
    d = diff(base, after)
    assert 0 <= d.units_moved <= len({u for u, _ in sequence})
    home = {u.id: u.parent for u in base.units}
    back = apply(after, {"name": "b", "changes": [
        {"move": {"unit": u, "to": home[u]}} for u in SERVICES]})
    assert diff(base, back).units_moved == 0
    assert metrics(back).metrics == metrics(base).metrics


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(["A", "B", "C", "a1", "b1", "b2"]), max_size=4),
       st.lists(st.sampled_from(["m1", "m2", "m3"]), min_size=4, max_size=4))
def test_giving_keeps_every_portfolio_item(domains, members):
    base = _mini()
    before = base.model_dump()
    changes = [{"give": {"domain": d, "to": m}} for d, m in zip(domains, members, strict=False)]
    after = apply(base, {"name": "g", "changes": changes})
    assert base.model_dump() == before

    def items(city):
        return sorted((i.title, i.domain) for p in city.college for i in p.portfolio)

    assert items(after) == items(base)
    assert diff(base, after).items_reassigned <= len(items(base))


@settings(max_examples=25, deadline=None)
@given(st.lists(st.one_of(
    st.builds(lambda u, m: {"steer": {"unit": u, "to": m}},
              st.sampled_from(SERVICES), st.sampled_from(["m1", "m2", "m3"])),
    st.builds(lambda i, n: {"rename": {"id": i, "name": n}},
              st.sampled_from(["m1", "s1", "c1", "A"]), st.text("abcXYZ", min_size=1)),
    st.builds(lambda u, c: {"move": {"unit": u, "to": c}},
              st.sampled_from(SERVICES), st.sampled_from(["c1", "c2"]))), max_size=6))
def test_any_changes_leave_the_base_as_it_was(changes):
    base = _mini()
    before = base.model_dump()
    after = apply(base, {"name": "x", "changes": changes})
    assert base.model_dump() == before
    # the result shares no entity with the base
    ids = {id(e) for s in ("units", "people", "domains", "programmes") for e in getattr(base, s)}
    assert not ids & {id(e) for s in ("units", "people", "domains", "programmes")
                      for e in getattr(after, s)}


def _mini():
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mini.yaml"
        path.write_text(MINI_YAML, encoding="utf-8")
        return load(path)
