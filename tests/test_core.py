"""The domain core: cluster(u), owners(s), root(d) and the co-membership pairs.

The expectations on the small city are worked out by hand from the drawing below; the property
tests compare the core with the definitions written again here, naively, on generated cities.
"""

from __future__ import annotations

from itertools import combinations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from plugin_metrics import make_city

from orggraph.core import Core
from orggraph.schemas.enums import COLLEGE_ROLES, SERVICE_KINDS, UnitKind

# root (organisation)
# ├── a (cluster)
# │   ├── a1 (department) [T]
# │   │   └── a1x (service) [T1a]     cluster a: the nearest cluster above
# │   └── a2 (cluster)
# │       └── a2x (service) [U]       cluster a2: a nested cluster is nearer than a
# ├── b (department)
# │   └── bx (service) []             cluster b: no cluster above, b is the root's child
# └── c (strategic_cell) [T1]         cluster c: itself, a child of the root
#
# Domains T ⊃ T1 ⊃ T1a, and U. m1 (mayor) holds T; m2 (alderman) holds T1a and steers bx;
# m3 (alderman) holds U; d (a director, not in the college) steers a1x and holds T1.
UNITS = [("root", "organisation", None, []), ("a", "cluster", "root", []),
         ("a1", "department", "a", ["T"]), ("a1x", "service", "a1", ["T1a"]),
         ("a2", "cluster", "a", []), ("a2x", "service", "a2", ["U"]),
         ("b", "department", "root", []), ("bx", "service", "b", []),
         ("c", "strategic_cell", "root", ["T1"])]
DOMAINS = [("T", None), ("T1", "T"), ("T1a", "T1"), ("U", None)]
PEOPLE = [
    {"id": "m1", "name": "m1", "role": "mayor", "portfolio": [{"title": "t", "domain": "T"}]},
    {"id": "m2", "name": "m2", "role": "alderman", "steers": ["bx"],
     "portfolio": [{"title": "t1a", "domain": "T1a"}]},
    {"id": "m3", "name": "m3", "role": "alderman", "portfolio": [{"title": "u", "domain": "U"}]},
    {"id": "d", "name": "d", "role": "director", "steers": ["a1x"],
     "portfolio": [{"title": "t1", "domain": "T1"}]},
]
# p1: units(p1) = a1x, a2x, root (a1x listed twice counts once); p2: bx, c, a1x.
PROGRAMMES = [{"id": "p1", "name": "p1", "lead": "a1x", "contributors": ["a2x", "root", "a1x"]},
              {"id": "p2", "name": "p2", "lead": "bx", "contributors": ["c", "a1x"]}]


def small() -> Core:
    return Core(make_city(units=UNITS, domains=DOMAINS, people=PEOPLE, programmes=PROGRAMMES))


def test_cluster_is_the_nearest_cluster_else_the_child_of_the_root():
    assert small().cluster == {"a": "a", "a1": "a", "a1x": "a", "a2": "a2", "a2x": "a2",
                               "b": "b", "bx": "b", "c": "c"}


def test_root_and_services():
    core = small()
    assert core.root == "root"
    assert core.services == ["a1x", "a2x", "bx", "c"]


def test_owners_through_portfolio_ancestors_and_political_lines():
    # a1x works on T1a: m1 holds its ancestor T, m2 holds T1a itself (d is not in the college).
    # c works on T1: m1 holds the ancestor T; m2's T1a lies below T1, so it does not count.
    # bx has no domain: only m2's political line.
    assert small().owners == {"a1x": ["m1", "m2"], "a2x": ["m3"], "bx": ["m2"], "c": ["m1"]}
    assert small().owned == {"m1": ["a1x", "c"], "m2": ["a1x", "bx"], "m3": ["a2x"]}


def test_top_domain():
    assert small().top_domain == {"T": "T", "T1": "T", "T1a": "T", "U": "U"}


def test_pairs_leave_the_root_out_and_count_each_pair_once():
    # p1 without the root: {a1x, a2x}; p2: {a1x, bx, c} gives three pairs.
    assert small().pairs == {("a1x", "a2x"), ("a1x", "bx"), ("a1x", "c"), ("bx", "c")}
    assert small().programme_clusters == {"p1": {"a", "a2"}, "p2": {"a", "b", "c"}}


def test_a_city_without_root_or_college():
    core = Core(make_city(units=[("x", "service", None, ["T"]), ("y", "team", "x", [])],
                          domains=[("T", None)]))
    assert core.root is None
    # Without a root, a top-level unit stands for its own cluster.
    assert core.cluster == {"x": "x", "y": "x"}
    assert core.owners == {"x": []}
    assert core.pairs == set()


KINDS = [k.value for k in UnitKind if k != UnitKind.organisation]
ROLES = ["mayor", "alderman", "ocmw_chair", "director", "councillor"]


@st.composite
def cities(draw):
    """A valid random city: a root, then 1–20 units each under an earlier unit (any kind, so
    clusters nest and services hang at any depth), a domain forest, people of any role."""
    units = [("r", "organisation", None, [])]
    domains: list[tuple[str, str | None]] = []
    for i in range(draw(st.integers(1, 8))):
        parent = draw(st.none() | st.sampled_from([d for d, _ in domains] or [None]))
        domains.append((f"d{i}", parent))
    domain_ids = [d for d, _ in domains]
    for i in range(draw(st.integers(1, 20))):
        parent = draw(st.sampled_from([u[0] for u in units]))
        kind = draw(st.sampled_from(KINDS))
        works_on = draw(st.lists(st.sampled_from(domain_ids), max_size=3, unique=True))
        units.append((f"u{i}", kind, parent, works_on))
    unit_ids = [u[0] for u in units]
    people = [{"id": f"p{i}", "name": f"p{i}", "role": draw(st.sampled_from(ROLES)),
               "portfolio": [{"title": d, "domain": d} for d in draw(
                   st.lists(st.sampled_from(domain_ids), max_size=3))],
               "steers": draw(st.lists(st.sampled_from(unit_ids), max_size=3, unique=True))}
              for i in range(draw(st.integers(0, 5)))]
    programmes = []
    for i in range(draw(st.integers(0, 4))):
        members = draw(st.lists(st.sampled_from(unit_ids), min_size=1, max_size=5))
        programmes.append({"id": f"g{i}", "name": f"g{i}", "lead": members[0],
                           "contributors": members[1:]})
    return make_city(units=units, domains=domains, people=people, programmes=programmes)


SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _ancestors_or_self(parent: dict[str, str | None], node: str) -> list[str]:
    chain = [node]
    while parent[chain[-1]] is not None:
        chain.append(parent[chain[-1]])  # type: ignore[arg-type]
    return chain


@SETTINGS
@given(cities())
def test_cluster_is_an_ancestor_or_self_that_is_a_cluster_or_a_child_of_the_root(city):
    core = Core(city)
    parent = {u.id: u.parent for u in city.units}
    kind = {u.id: u.kind for u in city.units}
    assert set(core.cluster) == set(parent) - {"r"}
    for u, c in core.cluster.items():
        chain = _ancestors_or_self(parent, u)[:-1]  # the root is nobody's cluster
        assert c in chain
        below = chain[:chain.index(c)]
        assert not any(kind[x] == UnitKind.cluster for x in below)
        if kind[c] != UnitKind.cluster:
            assert parent[c] == "r" and not any(kind[x] == UnitKind.cluster for x in chain)


@SETTINGS
@given(cities())
def test_owners_follow_the_definition(city):
    core = Core(city)
    parent = {d.id: d.parent for d in city.domains}
    college = [p for p in city.people if p.role in COLLEGE_ROLES]
    expected = {}
    for unit in (u for u in city.units if u.kind in SERVICE_KINDS):
        covered = {a for d in unit.domains for a in _ancestors_or_self(parent, d)}
        expected[unit.id] = [p.id for p in college
                             if unit.id in p.steers or any(i.domain in covered
                                                           for i in p.portfolio)]
    assert core.owners == expected
    assert {a: set(s) for a, s in core.owned.items()} == {
        p.id: {s for s, owners in expected.items() if p.id in owners} for p in college}


@SETTINGS
@given(cities())
def test_top_domain_is_the_last_ancestor(city):
    parent = {d.id: d.parent for d in city.domains}
    assert Core(city).top_domain == {d: _ancestors_or_self(parent, d)[-1] for d in parent}


@SETTINGS
@given(cities())
def test_pairs_are_the_unordered_pairs_of_programme_units_but_the_root(city):
    expected = set()
    for p in city.programmes:
        members = ({p.lead} | set(p.contributors)) - {"r"}
        expected |= {(u, v) for u, v in combinations(sorted(members), 2)}
    assert Core(city).pairs == expected
