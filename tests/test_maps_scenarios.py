"""Scenario maps share the base's layout, so that only what a scenario changes moves."""

from __future__ import annotations

import json
import re

from orggraph.examples import load_example
from orggraph.maps.scenario_maps import ScenarioMaps, movements, scenario_colouring
from orggraph.scenarios.apply import apply
from orggraph.scenarios.diff import diff

DATA = re.compile(r'<script type="application/json" id="[^"]+-data">(.*?)</script>', re.S)


def payload(html: str) -> dict:
    return json.loads(DATA.search(html).group(1))


def positions(html: str) -> dict[str, tuple[float, float]]:
    return {n["id"].split(":", 1)[1]: (n["x"], n["y"]) for n in payload(html)["nodes"]}


def test_a_moved_unit_keeps_its_place_and_is_marked_and_listed(tiny):
    """Moving dienst-jeugd from Cluster Mens en Samenleving to Cluster Ruimte: every node keeps
    its base position; dienst-jeugd is marked; the movement reads 'Jeugddienst: Cluster Mens en
    Samenleving → Cluster Ruimte' and the map is coloured by cluster."""
    after = apply(tiny, {"name": "x", "changes": [
        {"move": {"unit": "dienst-jeugd", "to": "cluster-ruimte"}}]})
    changes = diff(tiny, after)
    maps = ScenarioMaps(tiny)
    colour = scenario_colouring(d.kind for d in changes.differences)
    html = maps.scenario_html(after, "s1", "After", colour, {"dienst-jeugd"})
    assert colour == "cluster"
    assert positions(html) == positions(maps.base_html("b"))
    marked = [n["id"] for n in payload(html)["nodes"] if n.get("marked")]
    assert marked == ["tiny:dienst-jeugd"]
    assert movements(tiny, after, changes.differences) == [
        "Jeugddienst: Cluster Mens en Samenleving → Cluster Ruimte"]
    assert payload(html)["settings"]["wheel"] == "ctrl"


def test_a_new_unit_goes_below_its_cluster(tiny):
    after = tiny.model_copy(deep=True)
    new = after.units[-1].model_copy(update={"id": "dienst-nieuw", "name": "Nieuwe dienst",
                                             "parent": "cluster-ruimte"})
    after.units.append(new)
    maps = ScenarioMaps(tiny)
    html = maps.scenario_html(after, "s1", "After", "cluster", {"dienst-nieuw"})
    box = next(b for b in payload(html)["boxes"] if b["id"] == "tiny:cluster-ruimte")
    x, y = positions(html)["dienst-nieuw"]
    assert box["x"] <= x <= box["x"] + box["w"] and y > box["y"] + box["h"]


def test_reassignments_are_coloured_by_alderman_and_listed():
    base = load_example("aalst")
    after = apply(base, {"name": "x", "changes": [
        {"give": {"domain": "economy", "to": "katrien-beulens"}}]})
    changes = diff(base, after)
    assert scenario_colouring(d.kind for d in changes.differences) == "alderman"
    lines = movements(base, after, changes.differences)
    reassigned = [d for d in changes.differences if d.kind == "item_reassigned"]
    assert len(lines) == len(reassigned) > 0
    assert all(line.endswith("→ Katrien Beulens") for line in lines)
