"""Reading scenario files: every mistake reported with its file, line and change index."""

from __future__ import annotations

import pytest
from plugin_scenarios import scenario_file

from orggraph import InvalidDataError, load_scenario


def problems(path):
    with pytest.raises(InvalidDataError) as caught:
        load_scenario(path)
    return [str(p) for p in caught.value.problems]


def test_a_good_file_keeps_its_base_and_lines(tmp_path):
    path = scenario_file(tmp_path, "  - move: {unit: s1, to: c2}\n"
                                   "  - reassign: {title: Wonen, from: m1, to: m2}\n")
    scenario = load_scenario(path)
    assert scenario.base_path == tmp_path / "mini.yaml"
    assert [c.action.verb for c in scenario.changes] == ["move", "reassign"]
    assert scenario.origin(1).problem("").line == 6


@pytest.mark.parametrize(("changes", "expected"), [
    ("  - mvoe: {unit: s1, to: c2}\n", ":5: change 1: `mvoe` is not a kind of change. Did you "
     "mean 'move'?"),
    ("  - move: {unit: s1}\n", ":5: change 1 (move): `to` is required."),
    ("  - move: {unit: s1, to: c2, too: c3}\n", "change 1 (move): unknown field `too`."),
    ("  - rename: {id: s1, name: X}\n  - move: {unit: s1, to: c2}\n    give: {domain: B, to: m1}\n",
     ":6: change 2 must be one mapping"),
    ("  - move\n", "change 1 must be one mapping"),
    ("  - reassign: {title: Wonen, form: m1, to: m2}\n", "unknown field `form`. Did you mean "
     "'from'?"),
    ("  - merge: {units: [c1], into: {id: x, name: X}}\n", "change 1 (merge): `units`"),
    ("  - add: {units: [{id: x, name: X, kind: spaceship, parent: stad}]}\n",
     "change 1 (add): `units → 1 → kind`"),
    ("  - remove: {id: 'a b'}\n", "is not a valid id"),
])
def test_each_invalid_change_is_explained(tmp_path, changes, expected):
    found = problems(scenario_file(tmp_path, changes))
    assert any(expected in p for p in found), found


def test_all_problems_are_reported_at_once(tmp_path):
    path = scenario_file(tmp_path, "  - mvoe: {unit: s1, to: c2}\n  - move: {unit: s1}\n")
    assert len(problems(path)) == 2


@pytest.mark.parametrize(("text", "expected"), [
    ("format: orggraph/1\nname: x\n", "This looks like a dataset"),
    ("format: orggraph-scenario/1\nchanges: []\n", "has no `name`"),
    ("format: orggraph-scenario/1\nname: x\nchanges: {move: 1}\n", "must be a list"),
    ("format: orggraph-scenario/1\nname: x\nchagnes: []\n", "Did you mean 'changes'?"),
    ("format: orggraph-scenario/1\nname: [x\n", "is not valid YAML"),
    ("- just a list\n", "a scenario file is a mapping"),
])
def test_file_level_mistakes(tmp_path, text, expected):
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    found = problems(path)
    assert any(expected in p for p in found), found


def test_a_missing_file(tmp_path):
    assert "no such scenario file" in problems(tmp_path / "nope.yaml")[0]


def test_json_scenarios_load_too(tmp_path):
    path = tmp_path / "s.json"
    path.write_text('{"format": "orggraph-scenario/1", "name": "J", "changes": '
                    '[{"steer": {"unit": "s1", "to": "m2"}}]}', encoding="utf-8")
    assert load_scenario(path).changes[0].steer.to == "m2"
