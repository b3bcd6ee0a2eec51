"""Each change of docs/design.md §4 on the hand-made mini city, and each way a change can fail."""

from __future__ import annotations

import pytest

from orggraph import InvalidDataError, apply
from orggraph.scenarios import ChangeError, Scenario


def run(city, *changes):
    return apply(city, Scenario(name="t", changes=list(changes)))


def unit(city, ident):
    return next(u for u in city.units if u.id == ident)


def person(city, ident):
    return next(p for p in city.people if p.id == ident)


def titles(city, ident):
    return [i.title for i in person(city, ident).portfolio]


def test_move_reparents_the_unit(mini):
    after = run(mini, {"move": {"unit": "s2", "to": "c2"}})
    assert unit(after, "s2").parent == "c2"


def test_reassign_moves_one_item_with_its_title(mini):
    after = run(mini, {"reassign": {"title": "Wonen", "from": "m1", "to": "m3"}})
    assert titles(after, "m1") == ["Sport"]
    assert [(i.title, i.domain) for i in person(after, "m3").portfolio] == [("Wonen", "b1")]


def test_give_moves_every_item_under_the_domain(mini):
    # B is held through b1 (m1, 'Wonen') and b2 (m2, 'Ruimte'); both go to m3, titles kept.
    after = run(mini, {"give": {"domain": "B", "to": "m3"}})
    assert titles(after, "m3") == ["Wonen", "Ruimte"]
    assert titles(after, "m1") == ["Sport"] and titles(after, "m2") == ["Cultuur"]


def test_steer_replaces_the_political_line(mini):
    first = run(mini, {"steer": {"unit": "s3", "to": "m1"}})
    assert person(first, "m1").steers == ["s3"]
    second = run(first, {"steer": {"unit": "s3", "to": "m3"}})
    assert person(second, "m1").steers == [] and person(second, "m3").steers == ["s3"]


def test_merge_clusters_sums_fte_and_rehangs_children(mini):
    after = run(mini, {"merge": {"units": ["c1", "c2"], "into": {"id": "c12", "name": "Samen"}}})
    merged = unit(after, "c12")
    # kind and parent of the first, fte 1 + 2
    assert (merged.kind.value, merged.parent, merged.fte) == ("cluster", "stad", 3)
    assert {u.id for u in after.units if u.parent == "c12"} == {"s1", "s2", "s3", "s4"}
    assert not {"c1", "c2"} & {u.id for u in after.units}


def test_merge_services_moves_programme_roles_and_lines(mini):
    steered = run(mini, {"steer": {"unit": "s3", "to": "m2"}})
    after = run(steered, {"merge": {"units": ["s1", "s3"], "into": {"id": "s13", "name": "X"}}})
    merged = unit(after, "s13")
    assert (merged.parent, merged.fte, merged.domains) == ("c1", 40, ["a1", "b2"])
    programme = after.programmes[0]
    assert programme.lead == "s13" and programme.contributors == []
    assert person(after, "m2").steers == ["s13"]


def test_merge_may_keep_the_id_of_a_merged_unit(mini):
    after = run(mini, {"merge": {"units": ["s4", "s3"], "into": {"id": "s4", "name": "Y"}}})
    assert unit(after, "s4").name == "Y" and unit(after, "s4").fte == 70
    assert after.programmes[0].contributors == ["s4"]


def test_rename_any_entity(mini):
    after = run(mini, {"rename": {"id": "c1", "name": "Cluster Mens"}},
                {"rename": {"id": "m2", "name": "Mo Twee-Drie"}})
    assert unit(after, "c1").name == "Cluster Mens"
    assert person(after, "m2").name == "Mo Twee-Drie"


def test_add_entities_like_a_dataset(mini):
    after = run(mini, {"add": {
        "units": [{"id": "cel", "name": "Strategische cel", "kind": "strategische cel",
                   "parent": "stad", "fte": 5}],
        "programmes": [{"id": "p2", "name": "Twee", "lead": "cel", "contributors": ["s4"]}]}})
    assert unit(after, "cel").kind.value == "strategic_cell"
    assert after.programmes[-1].units == ["cel", "s4"]


def test_remove_an_unreferenced_unit(mini):
    after = run(mini, {"remove": {"id": "s4"}})
    assert "s4" not in {u.id for u in after.units}


def test_changes_apply_in_order(mini):
    after = run(mini, {"add": {"units": [{"id": "c3", "name": "Drie", "kind": "cluster",
                                          "parent": "stad"}]}},
                {"move": {"unit": "s4", "to": "c3"}}, {"move": {"unit": "s3", "to": "c3"}},
                {"remove": {"id": "c2"}})
    assert {u.id for u in after.units if u.parent == "c3"} == {"s3", "s4"}
    assert "c2" not in {u.id for u in after.units}


def test_the_base_object_is_never_changed(mini):
    before = mini.model_dump()
    run(mini, {"merge": {"units": ["c1", "c2"], "into": {"id": "c12", "name": "Samen"}}},
        {"give": {"domain": "B", "to": "m3"}}, {"steer": {"unit": "s1", "to": "m2"}})
    assert mini.model_dump() == before


def test_a_plain_mapping_is_accepted(mini):
    after = apply(mini, {"name": "x", "changes": [{"move": {"unit": "s1", "to": "c2"}}]})
    assert unit(after, "s1").parent == "c2"


@pytest.mark.parametrize(("change", "words"), [
    ({"move": {"unit": "s11", "to": "c2"}}, ["no unit 's11'", "Did you mean 's1'"]),
    ({"move": {"unit": "s1", "to": "c22"}}, ["no unit 'c22' to use as new parent", "'c2'"]),
    ({"move": {"unit": "c1", "to": "s1"}}, ["lies inside it"]),
    ({"move": {"unit": "stad", "to": "c1"}}, ["organisation root"]),
    ({"reassign": {"title": "Wonnen", "from": "m1", "to": "m2"}},
     ["holds no portfolio item titled 'Wonnen'", "Did you mean 'Wonen'"]),
    ({"reassign": {"title": "Wonen", "from": "m1", "to": "dir"}}, ["not a college member"]),
    ({"reassign": {"title": "Wonen", "from": "m9", "to": "m2"}},
     ["no college member 'm9'", "m1 (Mia Een)"]),
    ({"give": {"domain": "Bee", "to": "m2"}}, ["no domain 'Bee'"]),
    ({"give": {"domain": "A", "to": "m9"}}, ["no college member 'm9'"]),
    ({"steer": {"unit": "s9", "to": "m1"}}, ["no unit 's9'"]),
    ({"merge": {"units": ["c1", "c3"], "into": {"id": "x", "name": "X"}}}, ["no unit 'c3'"]),
    ({"merge": {"units": ["c1", "c2"], "into": {"id": "s1", "name": "X"}}},
     ["'s1' is already used"]),
    ({"rename": {"id": "q1", "name": "X"}}, ["nothing with the id 'q1'"]),
    ({"add": {"units": [{"id": "s1", "name": "X", "kind": "service", "parent": "c1"}]}},
     ["'s1' already exists"]),
    ({"remove": {"id": "s1"}}, ["programme 'p1' (`lead`)"]),
    ({"remove": {"id": "c1"}}, ["unit 's1' (its parent)", "unit 's2' (its parent)"]),
    ({"remove": {"id": "stad"}}, ["organisation root"]),
    ({"remove": {"id": "B"}}, ["domain 'b1' (its parent)"]),
])
def test_a_change_that_cannot_apply_is_named_by_index(mini, change, words):
    with pytest.raises(ChangeError) as caught:
        run(mini, {"rename": {"id": "c1", "name": "Cluster Een"}}, change)
    message = str(caught.value)
    assert caught.value.index == 2 and message.startswith(f"change 2 ({next(iter(change))})")
    for word in words:
        assert word in message


def test_error_suggests_the_closest_ids(mini):
    with pytest.raises(ChangeError) as caught:
        run(mini, {"move": {"unit": "s11", "to": "c1"}})
    assert caught.value.missing == "s11" and "s1" in caught.value.suggestions


def test_nothing_to_give_is_an_error(mini):
    with pytest.raises(ChangeError, match="nothing to give"):
        run(mini, {"add": {"domains": [{"id": "D", "name": "Leeg"}]}},
            {"give": {"domain": "D", "to": "m1"}})


def test_an_invalid_result_names_the_change_that_caused_it(mini):
    with pytest.raises(InvalidDataError) as caught:
        run(mini, {"rename": {"id": "c1", "name": "X"}},
            {"add": {"units": [{"id": "s5", "name": "Vijf", "kind": "service",
                                "parent": "c11"}]}})
    (problem,) = caught.value.problems
    assert problem.message.startswith("after change 2 (add):")
    assert "'c11'" in problem.message and "'c1'" in problem.message
