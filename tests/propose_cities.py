"""Small generated cities for the proposal tests, small enough to enumerate every reassignment."""

from __future__ import annotations

import random

from orggraph.schemas import City

TOPS = {"a": ["a1", "a2"], "b": ["b1", "b2"], "d": ["d1"]}


def small_city(seed: int, n_items: int = 5, n_services: int = 7) -> City:
    """Return a valid city with three college members, two clusters and ``n_items`` items.

    Item titles are unique (T1, T2, ...), so a reassignment's upheaval is the number of items
    whose holder differs.
    """
    rng = random.Random(seed)
    leaves = [leaf for kids in TOPS.values() for leaf in kids]
    domains = [{"id": t, "name": f"Top {t}"} for t in TOPS] + [
        {"id": leaf, "name": f"Field {leaf}", "parent": top}
        for top, kids in TOPS.items() for leaf in kids]
    units = [{"id": "org", "name": "Stad", "kind": "organisation"},
             {"id": "c1", "name": "Cluster Een", "kind": "cluster", "parent": "org"},
             {"id": "c2", "name": "Cluster Twee", "kind": "cluster", "parent": "org"}]
    for i in range(n_services):
        units.append({"id": f"s{i}", "name": f"Dienst {i}", "kind": "service",
                      "parent": rng.choice(["c1", "c2"]), "fte": rng.randint(1, 9),
                      "domains": rng.sample(leaves, rng.randint(1, 2))})
    members = [{"id": f"m{i}", "name": f"Lid {i}", "role": role, "member_of": ["college"],
                "portfolio": []} for i, role in enumerate(["mayor", "alderman", "alderman"])]
    for i in range(n_items):
        domain = rng.choice(leaves + list(TOPS)[:1])  # now and then a whole top-level domain
        rng.choice(members)["portfolio"].append({"title": f"T{i}", "domain": domain})
    if rng.random() < 0.5:
        members[2]["steers"] = ["s0"]
    return City.model_validate({
        "city": {"id": f"small{seed}", "name": f"Small {seed}"}, "domains": domains,
        "units": units, "bodies": [{"id": "college", "name": "College", "kind": "college"}],
        "people": members})
