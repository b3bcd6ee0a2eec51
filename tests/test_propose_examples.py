"""On every example city, the proposals match or beat each hand-written scenario.

For each scenario in examples/scenarios/, its upheaval u is what a comparison counts (items
reassigned plus units moved). The best of the base and of the proposals with upheaval ≤ u must
have a coherence index at least as high as the scenario's.
"""

from __future__ import annotations

import pytest

from orggraph.examples import example_names, examples_dir, load_example
from orggraph.propose import Constraints, propose
from orggraph.scenarios import compare, load_scenario
from orggraph.scenarios.html_report import example_scenarios

CITIES = sorted({name for name in example_names()
                 for p in (examples_dir() / "scenarios").glob("*.yaml")
                 if p.stem.startswith(name + "-")})


@pytest.mark.parametrize("name", CITIES)
def test_proposals_match_or_beat_the_hand_written_scenarios(name):
    city = load_example(name)
    hand = compare(city, [load_scenario(p) for p in example_scenarios(name)], spanners=False)
    upheaval = {r.name: r.diff.items_reassigned + r.diff.units_moved for r in hand.scenarios}
    moves = any(r.diff.units_moved for r in hand.scenarios)
    c = Constraints(max_upheaval=max(6, *upheaval.values()), allow_moves=moves)
    result = propose(city, c, time_limit=10)
    base = result.comparison.base.metrics["coherence_index"]
    for r in hand.scenarios:
        ours = max([base, *(p.result.value("coherence_index") for p in result.proposals
                            if p.upheaval <= upheaval[r.name])])
        assert ours >= r.value("coherence_index") - 1e-9, r.name
