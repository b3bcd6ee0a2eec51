"""The proposal search finds the true optimum, and keeps every constraint it is given."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from propose_cities import small_city

from orggraph import apply, metrics
from orggraph.propose import Constraints, Infeasible, propose
from orggraph.schemas.scenario import Scenario
from orggraph.synth import synthetic_city


def _items(city):
    return [(p.id, i.title, i.domain) for p in city.college for i in p.portfolio]


def coherence(m: dict) -> float:
    return m["coherence_index"]


def brute_force(city, moves: bool = False, value_of=coherence) -> dict[int, float]:
    """Return upheaval u → the best exact coherence index over every assignment with upheaval u.

    Every item goes to every member in turn (3^n assignments) and, with ``moves``, every service
    to either cluster; each assignment is applied as a scenario and measured by orggraph.metrics,
    the same way a user would compare it.
    """
    items = _items(city)
    members = [p.id for p in city.college]
    services = [(u.id, u.parent) for u in city.units if u.kind == "service"] if moves else []
    best: dict[int, float] = {}
    for holders in itertools.product(members, repeat=len(items)):
        changes = [{"reassign": {"title": t, "from": h, "to": to, "domain": d}}
                   for (h, t, d), to in zip(items, holders, strict=True) if to != h]
        for places in itertools.product(["c1", "c2"], repeat=len(services)):
            moved = [{"move": {"unit": s, "to": to}}
                     for (s, parent), to in zip(services, places, strict=True) if to != parent]
            after = apply(city, Scenario(name="x", changes=changes + moved))
            value = value_of(metrics(after, spanners=False).metrics)
            u = len(changes) + len(moved)
            best[u] = max(best.get(u, value), value)
    return best


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_best_per_upheaval_equals_brute_force(seed):
    city = small_city(seed)
    exact = brute_force(city)
    result = propose(city, Constraints(max_upheaval=len(_items(city)), mayor_keeps_police=False),
                     time_limit=30)
    base = result.comparison.base.metrics["coherence_index"]
    for budget in range(1, len(_items(city)) + 1):
        optimum = max(v for u, v in exact.items() if u <= budget)
        found = [p.result.value("coherence_index") for p in result.proposals
                 if p.upheaval <= budget]
        assert max([base, *found]) == pytest.approx(optimum, abs=1e-9), budget
    assert all(p.proposal.optimal for p in result.proposals)


@pytest.mark.parametrize("seed", [5, 6])
def test_with_moves_the_best_per_upheaval_equals_brute_force(seed):
    city = small_city(seed, n_items=3, n_services=4)
    exact = brute_force(city, moves=True)
    result = propose(city, Constraints(max_upheaval=4, allow_moves=True,
                                       mayor_keeps_police=False), time_limit=30)
    base = result.comparison.base.metrics["coherence_index"]
    for budget in range(1, 5):
        optimum = max(v for u, v in exact.items() if u <= budget)
        found = [p.result.value("coherence_index") for p in result.proposals
                 if p.upheaval <= budget]
        assert max([base, *found]) == pytest.approx(optimum, abs=1e-9), budget
    assert all(p.proposal.optimal for p in result.proposals)


def weighted(m: dict) -> float:
    """The objective of WEIGHTS below, from the exact metrics (every part is non-null here)."""
    return (2 * m["portfolio_cluster_alignment"] + m["cluster_portfolio_alignment"]
            - 0.5 * m["domains_split"] - 3 * m["workload_gini"])


WEIGHTS = {"portfolio_cluster_alignment": 2, "cluster_portfolio_alignment": 1,
           "domain_cohesion": 0, "domains_split": 0.5, "workload_gini": 3}


@pytest.mark.parametrize("seed", [1, 3])
def test_a_weighted_objective_equals_brute_force(seed):
    city = small_city(seed, n_items=4)
    exact = brute_force(city, value_of=weighted)
    result = propose(city, Constraints(max_upheaval=4, mayor_keeps_police=False,
                                       weights=WEIGHTS), time_limit=30)
    base = weighted(result.comparison.base.metrics)
    for budget in range(1, 5):
        optimum = max(v for u, v in exact.items() if u <= budget)
        found = [weighted(p.result.metrics.metrics) for p in result.proposals
                 if p.upheaval <= budget]
        assert max([base, *found]) == pytest.approx(optimum, abs=1e-6), budget
    for p in result.proposals:  # the solver's value is the exact objective, up to its floors
        assert p.proposal.objective == pytest.approx(weighted(p.result.metrics.metrics),
                                                     abs=1e-6)


def test_solver_objective_is_the_exact_coherence_index(tiny):
    result = propose(tiny, time_limit=5)
    for p in result.proposals:
        assert p.proposal.objective == pytest.approx(p.result.value("coherence_index"), abs=1e-6)


def test_the_tiny_city_gets_mobility_back_with_one_change(tiny):
    """In tiny, Mobiliteit (domain mobility, under space) is held by An Peeters while Bram Claes
    holds the rest of space: giving it to him leaves every top-level domain with one member and
    every cluster with one owner, so all three parts of the coherence index are 1: 100."""
    result = propose(tiny, time_limit=5)
    (only,) = result.proposals
    assert only.upheaval == 1 and only.result.value("coherence_index") == 100.0
    assert only.proposal.optimal
    assert "Gives 'Mobiliteit' (from An Peeters) to Bram Claes" in only.sentences[0]


def test_conflicting_constraints_are_named(tiny):
    """An Peeters and Bram Claes keep every item, yet space must sit with one member: both hold
    space items (Mobiliteit is An Peeters's), so no assignment exists at any upheaval. The
    message names exactly these three constraints; the upheaval budget plays no part."""
    c = Constraints(keep={"members": ["an-peeters", "bram-claes"]}, together=[["space"]],
                    max_upheaval=2)
    with pytest.raises(Infeasible) as caught:
        propose(tiny, c, time_limit=5)
    assert sorted(caught.value.conflicts) == sorted([
        "An Peeters keeps every item", "Bram Claes keeps every item",
        "all items of Ruimte sit with one member (together)"])


# --- constraints hold in every proposal (property test) ------------------------------------

CITIES = {seed: synthetic_city(60, seed=seed) for seed in (1, 2)}


def _tops(city):
    parent = {d.id: d.parent for d in city.domains}

    def root(d):
        while parent.get(d):
            d = parent[d]
        return d

    return {p.id: {root(i.domain) for i in p.portfolio} for p in city.college}, root


@st.composite
def constraint_sets(draw):
    seed = draw(st.sampled_from(sorted(CITIES)))
    city = CITIES[seed]
    members = [p.id for p in city.college]
    tops = sorted({d.id for d in city.domains if d.parent is None})
    low = draw(st.none() | st.integers(0, 4))
    high = draw(st.none() | st.integers(4, 12))
    return seed, Constraints(
        keep={"members": draw(st.lists(st.sampled_from(members), max_size=2, unique=True)),
              "domains": draw(st.lists(st.sampled_from(tops), max_size=2, unique=True))},
        items_per_member={"min": low, "max": high},
        domains_per_member={"max": draw(st.none() | st.integers(3, 6))},
        no_new_domains=draw(st.lists(st.sampled_from(members), max_size=3, unique=True)),
        together=[[t] for t in draw(st.lists(st.sampled_from(tops), max_size=1, unique=True))],
        balance=draw(st.none() | st.builds(dict, band=st.sampled_from([60.0, 90.0]),
                                           measure=st.sampled_from(["services", "fte"]))),
        allow_moves=draw(st.booleans()), max_units_moved=draw(st.none() | st.integers(0, 1)),
        max_upheaval=2)


def _check(base, after, c: Constraints) -> None:
    """Check every constraint on the applied city, from its portfolio lists alone."""
    before = {(p.id, i.title, i.domain) for p in base.college for i in p.portfolio}
    now = {(p.id, i.title, i.domain) for p in after.college for i in p.portfolio}
    tops_before, root = _tops(base)
    tops_after, _ = _tops(after)
    for member, _title, domain in before - now:  # items that left their holder
        assert member not in c.keep.members
        assert not any(root(domain) == d or domain == d for d in c.keep.domains)
    for p in after.college:
        n = len(p.portfolio)
        assert c.items_per_member.min is None or n >= c.items_per_member.min
        assert c.items_per_member.max is None or n <= c.items_per_member.max
        assert c.domains_per_member.max is None or \
            len(tops_after[p.id]) <= c.domains_per_member.max
        if p.id in c.no_new_domains:
            assert tops_after[p.id] <= tops_before[p.id]
    for group in c.together:
        holders = {p.id for p in after.college for i in p.portfolio
                   if root(i.domain) in group or i.domain in group}
        assert len(holders) <= 1
    if c.balance is not None:
        _check_balance(after, c)


def _check_balance(after, c: Constraints) -> None:
    from orggraph.scenarios.diff import owners

    fte = {u.id: u.fte or 0 for u in after.units}
    load = {p.id: 0.0 for p in after.college}
    for service, who in owners(after).items():
        for a in who:
            if a in load:
                load[a] += 1 if c.balance.measure == "services" else fte[service]
    mean = sum(load.values()) / len(load)
    for value in load.values():
        assert abs(value - mean) <= c.balance.band / 100 * mean + 1e-6


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(constraint_sets())
def test_every_proposal_keeps_every_constraint(case):
    seed, c = case
    base = CITIES[seed]
    try:
        result = propose(base, c, time_limit=1.5)
    except Infeasible as error:
        assert error.conflicts
        return
    for p in result.proposals:
        assert p.upheaval <= c.max_upheaval
        if c.allow_moves and c.max_units_moved is not None:
            assert p.result.diff.units_moved <= c.max_units_moved
        if not c.allow_moves:
            assert p.result.diff.units_moved == 0
        _check(base, p.result.city, c)


def test_the_same_seed_gives_the_same_proposals():
    """Roeselare's search ends well before its time limit, so the seed alone decides it."""
    from orggraph.examples import load_example

    city = load_example("roeselare")
    runs = [propose(city, time_limit=20, seed=7) for _ in range(2)]
    first, second = ([p.scenario.model_dump() for p in r.proposals] for r in runs)
    assert first == second and first


def test_moves_are_counted_and_applied_exactly():
    """With --allow-moves, a proposal's moves apply as `move` changes and the comparison counts
    exactly as many units moved; the solver's objective is the exact coherence index."""
    city = small_city(5)
    result = propose(city, Constraints(allow_moves=True, max_upheaval=3,
                                       mayor_keeps_police=False), time_limit=20)
    assert result.proposals
    for p in result.proposals:
        assert p.result.diff.units_moved == len(p.proposal.moves)
        assert p.result.diff.items_reassigned == len(p.proposal.holders)
        assert p.proposal.objective == pytest.approx(p.result.value("coherence_index"), abs=1e-6)
