"""Scenarios evaluated from the base's state plus their changes equal a from-scratch evaluation.

The reference is ``apply`` (a city rebuilt and validated in full), ``metrics`` and ``diff`` on
it; the incremental path (``apply_view``, :func:`evaluate`) must give equal cities, metrics,
tables, boundary spanners and differences, and refuse the same changes with the same message.
Every kind of change is generated, on small and example cities, valid or not.
"""

from __future__ import annotations

import tracemalloc

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orggraph import load, load_scenario
from orggraph.core import Core
from orggraph.errors import ChangeError, InvalidDataError
from orggraph.examples import example_path, load_example
from orggraph.queries import metrics
from orggraph.scenarios import compare, diff
from orggraph.scenarios.apply import _revalidate, apply, apply_view
from orggraph.scenarios.checks import BaseIds, draft_holds
from orggraph.scenarios.draft import Draft, copy_model
from orggraph.scenarios.incremental import BaseState, evaluate, touched
from orggraph.schemas.scenario import Scenario
from orggraph.synth import synthetic_city

SCENARIOS = sorted((example_path("tiny").parent / "scenarios").glob("*.yaml"))
CITIES = {name: load_example(name) for name in ("tiny", "aalst", "leuven")}
STATES = {name: BaseState(city) for name, city in CITIES.items()}


def from_scratch(base, scenario):
    city = apply(base, scenario)
    return city, metrics(city), diff(base, city)


def assert_same(state: BaseState, scenario: Scenario) -> None:
    """Both paths give equal results, or both refuse the scenario with the same message."""
    try:
        expected = from_scratch(state.city, scenario)
    except (ChangeError, InvalidDataError) as error:
        with pytest.raises(type(error)) as raised:
            evaluate(state, scenario)
        assert str(raised.value) == str(error)
        return
    city, result, changes = evaluate(state, scenario)
    assert city == expected[0]
    assert result == expected[1]
    assert changes == expected[2]


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_every_example_scenario_equals_its_evaluation_from_scratch(path):
    scenario = load_scenario(path)
    base = load(scenario.base_path)
    assert_same(BaseState(base), scenario)


def test_the_comparison_equals_one_from_scratch_scenario_by_scenario():
    base = CITIES["aalst"]
    scenarios = [load_scenario(p) for p in SCENARIOS if p.stem.startswith("aalst")]
    comparison = compare(base, scenarios, cities=False)
    assert comparison.base == metrics(base)
    for scenario, result in zip(scenarios, comparison.scenarios, strict=True):
        city, expected, changes = from_scratch(base, scenario)
        assert result.city is None
        assert (result.metrics, result.diff) == (expected, changes)


# --- generated scenarios ----------------------------------------------------------------------

TEXT = st.text(st.characters(codec="utf-8", categories=("L", "N", "Zs")), min_size=1,
               max_size=12).filter(str.strip)


@st.composite
def changes(draw, city) -> dict:
    """One change of any kind; about one in eight names something wrong (an unknown id, a
    member outside the college, a unit under itself, ...) to check that both paths refuse it."""
    core = Core(city)
    units = [u.id for u in city.units]
    services = core.services
    clusters = sorted(set(core.cluster.values()))
    members = [p.id for p in city.college]
    domains = [d.id for d in city.domains]
    every = [e.id for s in ("units", "people", "domains", "programmes", "partners")
             for e in getattr(city, s)]
    wrong = draw(st.integers(0, 7)) == 0
    unit = st.sampled_from(units + ["no-such-unit"] if wrong else services)
    member = st.sampled_from([p.id for p in city.people] if wrong else members)
    items = [(p.id, i.title) for p in city.college for i in p.portfolio]
    # Merges, additions and removals are evaluated from scratch: drawn less often.
    kind = draw(st.sampled_from(["move", "move", "move", "give", "give", "reassign", "reassign",
                                 "steer", "steer", "rename", "rename", "merge", "add", "remove"]))
    if kind == "move":
        body = {"unit": draw(unit), "to": draw(st.sampled_from(units) if wrong
                                               else st.sampled_from(clusters))}
    elif kind == "give":
        body = {"domain": draw(st.sampled_from(domains)), "to": draw(member)}
    elif kind == "reassign":
        holder, title = draw(st.sampled_from(items))
        body = {"title": title, "from": draw(member) if wrong else holder, "to": draw(member)}
    elif kind == "steer":
        body = {"unit": draw(unit), "to": draw(member)}
    elif kind == "rename":
        body = {"id": draw(st.sampled_from(every)), "name": draw(TEXT)}
    elif kind == "merge":
        body = {"units": draw(st.lists(unit, min_size=2, max_size=3, unique=True)),
                "into": {"id": "merged", "name": draw(TEXT)}}
    elif kind == "add":
        body = {"units": [{"id": units[0] if wrong else "new-unit", "name": draw(TEXT),
                           "kind": "service", "parent": draw(st.sampled_from(clusters))}]}
    else:  # only an unreferenced leaf can go; anything else is refused
        body = {"id": draw(st.sampled_from(every)) if wrong else draw(st.sampled_from(
            [u for u in services if u not in {x for p in city.people for x in p.steers}
             and not any(u in p.units for p in city.programmes)] or every))}
    return {kind: body}


@st.composite
def scenarios(draw, name: str) -> Scenario:
    city = CITIES[name]
    return Scenario(name="generated", changes=draw(st.lists(changes(city), max_size=4)))


@pytest.mark.parametrize("name", sorted(CITIES))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_generated_scenarios_equal_their_evaluation_from_scratch(name, data):
    assert_same(STATES[name], data.draw(scenarios(name)))


def test_generation_reaches_the_incremental_path_for_every_kind_it_allows():
    # A guard on the test above: the kinds the incremental path handles are not all sent to the
    # from-scratch fallback (a rename, a move and a give each keep the view's entities).
    state = STATES["tiny"]
    for change, expected in (({"rename": {"id": "cluster-mens", "name": "Zorg"}}, {"names:units"}),
                             ({"move": {"unit": "dienst-jeugd", "to": "cluster-ruimte"}},
                              {"tree"}),
                             ({"give": {"domain": "space", "to": "bram-claes"}}, {"owners"}),
                             ({"steer": {"unit": "dienst-zorg", "to": "an-peeters"}},
                              {"owners"})):
        city = apply_view(state.city, Scenario(name="one", changes=[change]))
        found = touched(state, city)
        assert not found.anything and found.changed == expected


def test_a_merge_is_evaluated_from_scratch():
    state = STATES["tiny"]
    scenario = Scenario(name="m", changes=[{"merge": {"units": ["dienst-zorg", "dienst-jeugd"],
                                                      "into": {"id": "zorg", "name": "Zorg"}}}])
    assert touched(state, apply_view(state.city, scenario)).anything
    assert_same(state, scenario)


def test_a_view_shares_every_entity_the_changes_left_alone():
    base = CITIES["tiny"]
    view = apply_view(base, Scenario(name="m", changes=[
        {"move": {"unit": "dienst-jeugd", "to": "cluster-ruimte"}}]))
    shared = [a is b for a, b in zip(view.units, base.units, strict=True)]
    # Exactly one unit changed (its parent), so exactly one is a copy.
    assert shared.count(False) == 1
    assert [u.parent for u in base.units if u.id == "dienst-jeugd"] == ["cluster-mens"]


# --- memory -----------------------------------------------------------------------------------


def _peak(city, scenarios) -> int:
    tracemalloc.start()
    try:
        compare(city, scenarios, spanners=False, cities=False)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_per_scenario_is_a_small_fraction_of_a_city():
    # What a comparison keeps per scenario is its metrics and differences, not a city: four
    # times as many scenarios may add, per extra scenario, at most a tenth of what one copy
    # of the city takes (measured the same way, as the peak while a copy is made).
    city = synthetic_city(300, seed=1)
    moves = [Scenario(name=f"s{i}", changes=[
        {"rename": {"id": city.units[1 + i % 50].id, "name": f"Unit {i}"}},
        {"move": {"unit": city.units[-1 - i % 50].id, "to": city.units[1].id}}])
        for i in range(40)]
    tracemalloc.start()
    try:
        copy = city.model_copy(deep=True)
        city_size = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    del copy
    _peak(city, moves[:2])  # warm up: imports and caches are not the scenarios' memory
    growth = (_peak(city, moves) - _peak(city, moves[:10])) / 30
    assert growth < city_size / 10


# --- the checks of a view -----------------------------------------------------------------


def _draft_with(base, section: str, ident: str, **fields):
    """A draft of ``base`` whose entity ``ident`` is a copy with ``fields`` changed."""
    draft = Draft(base)
    city = draft.city(base)
    entities = getattr(city, section)
    position = next(i for i, e in enumerate(entities) if e.id == ident)
    copy = draft.copies[id(entities[position])] = copy_model(entities[position])
    entities[position] = copy
    for name, value in fields.items():
        setattr(copy, name, value)
    return city, draft


@pytest.mark.parametrize(("section", "ident", "fields", "valid"), [
    ("units", "dienst-jeugd", {"parent": "cluster-ruimte"}, True),
    ("units", "dienst-jeugd", {"parent": "dienst-jeugd"}, False),  # under itself
    ("units", "cluster-mens", {"parent": "dienst-jeugd"}, False),  # under its own child
    ("units", "dienst-jeugd", {"parent": "no-such-unit"}, False),
    ("units", "dienst-jeugd", {"parent": None}, False),  # only the root hangs under nothing
    ("units", "stad", {"parent": "cluster-mens"}, False),  # the root under a cluster
    ("units", "dienst-jeugd", {"support": True}, False),  # support is for clusters
    ("units", "cluster-mens", {"support": True}, True),
    ("units", "dienst-jeugd", {"name": ""}, False),  # the models refuse an empty name
    ("people", "an-peeters", {"steers": ["no-such-unit"]}, False),
    ("domains", "youth", {"parent": "youth"}, False),
])
def test_a_view_is_valid_exactly_when_the_full_validation_says_so(section, ident, fields, valid):
    base = CITIES["tiny"]
    city, draft = _draft_with(base, section, ident, **fields)
    assert draft_holds(BaseIds(base), city, draft) is valid
    # The reference: the full validation agrees (it raises on the invalid ones).
    scenario = Scenario(name="hand-made")
    if valid:
        _revalidate(city, scenario, {})
    else:
        with pytest.raises(InvalidDataError):
            _revalidate(city, scenario, {})


def test_without_tables_the_city_level_metrics_are_the_same_and_the_tables_empty():
    base = CITIES["tiny"]
    scenarios = [Scenario(name="move", changes=[
        {"move": {"unit": "dienst-jeugd", "to": "cluster-ruimte"}}]),
        Scenario(name="merge", changes=[{"merge": {"units": ["dienst-zorg", "dienst-jeugd"],
                                                   "into": {"id": "zorg", "name": "Zorg"}}}])]
    full = compare(base, scenarios, spanners=False)
    lean = compare(base, scenarios, spanners=False, tables=False)
    assert lean.base == full.base and lean.base.clusters  # the base keeps its tables
    for a, b in zip(full.scenarios, lean.scenarios, strict=True):
        assert (a.metrics.metrics, a.diff) == (b.metrics.metrics, b.diff)
        assert a.metrics.clusters and b.metrics.clusters == []
        assert b.metrics.aldermen == b.metrics.programmes == b.metrics.domains == []


def test_every_metric_family_and_table_says_what_it_reads():
    # A family or table added to metrics() must say what it reads, or scenarios would reuse the
    # base's value where it changed.
    from orggraph.queries.compute import FAMILIES, TABLES
    from orggraph.scenarios.incremental import FAMILY_READS, TABLE_READS

    assert FAMILY_READS.keys() == FAMILIES.keys()
    assert TABLE_READS.keys() == TABLES.keys()
