"""The quick loader of valid JSON files and the graph builder give what the detailed ways give.

:mod:`orggraph.loaders.quick` must accept only what the detailed reader accepts, build the same
city from it, and hand everything else over so that the messages stay the detailed reader's.
The graph builder must give the graph networkx's own ``add_node`` / ``add_edge`` give.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import jiter
import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import orggraph
from orggraph.errors import InvalidDataError
from orggraph.examples import CITY_EXAMPLES, PARTIAL_CITY_EXAMPLES, load_example
from orggraph.loaders.dump import write_city
from orggraph.loaders.graph import to_networkx, uid
from orggraph.loaders.quick import has_cycle, load_quickly
from orggraph.loaders.sources import read_dataset
from orggraph.loaders.validate import build_city
from orggraph.schemas.dataset import City
from orggraph.synth import MIN_UNITS, synthetic_city, synthetic_document

EXAMPLES = [*CITY_EXAMPLES, *PARTIAL_CITY_EXAMPLES, "tiny"]


def _detailed(path: Path) -> City | list[str]:
    """The city the detailed path builds, or its messages."""
    try:
        return build_city(read_dataset(path))
    except InvalidDataError as err:
        return [str(p) for p in err.problems]


def _same_city(a: City, b: City) -> None:
    assert a == b
    # the same fields given, not only the same values: dumps without defaults are alike too
    assert a.model_dump(exclude_unset=True) == b.model_dump(exclude_unset=True)
    assert a.model_dump() == b.model_dump()


@pytest.mark.parametrize("suffix", ["json", "yaml"])
@pytest.mark.parametrize("name", EXAMPLES)
def test_every_example_written_as_json_or_yaml_loads_quickly_to_the_same_city(name, suffix,
                                                                              tmp_path):
    path = write_city(load_example(name), tmp_path / f"{name}.{suffix}")
    quick = load_quickly(path)
    assert quick is not None, "a valid example must not need the detailed path"
    detailed = _detailed(path)
    assert isinstance(detailed, City)
    _same_city(quick, detailed)
    _same_city(orggraph.load(path), detailed)


def _dutch(doc):
    doc["units"][1]["kind"] = "Stedelijke bedrijfseenheid"  # a synonym of cluster
    doc["people"][0]["role"] = "burgemeester"
    return doc


def _set(section, i, field, value):
    def change(doc):
        doc[section][i][field] = value
        return doc
    return change


def _drop(section, i, field):
    def change(doc):
        doc[section][i].pop(field, None)
        return doc
    return change


def _cycle(doc):
    a, b = doc["units"][3], doc["units"][4]
    a["parent"], b["parent"] = b["id"], a["id"]
    return doc


def _top(key, value):
    def change(doc):
        doc[key] = value
        return doc
    return change


#: Changes to a synthetic document; each but the first two makes it invalid.
CHANGES = {
    "none": lambda doc: doc,
    "dutch names of kinds": _dutch,
    "control character": _set("units", 2, "name", "Dienst\x1b[2J"),
    "C1 control character": _set("programmes", 0, "name", "Programma\x9b"),
    "unknown field": _set("units", 2, "colour", "blue"),
    "missing name": _drop("units", 2, "name"),
    "bad kind": _set("units", 2, "kind", "spaceship"),
    "duplicate id": _set("units", 5, "id", "stad"),
    "city id": _set("units", 5, "id", "synthstad"),
    "unknown parent": _set("units", 5, "parent", "cluster-9999"),
    "own parent": lambda doc: _set("units", 5, "parent", doc["units"][5]["id"])(doc),
    "cycle": _cycle,
    "second root": _set("units", 5, "kind", "organisation"),
    "root with a parent": _set("units", 0, "parent", "cluster-0001"),
    "no parent": _drop("units", 5, "parent"),
    "support on a service": _set("units", 9, "support", True),
    "wrong section": lambda doc: _set("programmes", 0, "lead", doc["people"][0]["id"])(doc),
    "portfolio domain": lambda doc: (doc["people"][0]["portfolio"][0].update(domain="nergens"),
                                     doc)[1],
    "partner": _set("programmes", 0, "partners", [{"partner": "partner-99999"}]),
    "negative fte": _set("units", 3, "fte", -1),
    "wrong format": _top("format", "orggraph/2"),
    "no format": lambda doc: (doc.pop("format"), doc)[1],
    "no city": lambda doc: (doc.pop("city"), doc)[1],
    "unknown section": _top("afdelingen", []),
    "section not a list": _top("bodies", {"id": "college"}),
    "unknown taxonomy": _top("taxonomy", "nace"),
    "empty taxonomy": _top("taxonomy", None),
    "no units": _top("units", []),
}
#: Changes to the text of a JSON file.
TEXT_CHANGES = {
    "none": lambda text: text,
    "byte order mark": lambda text: "\ufeff" + text,
    "duplicate key": lambda text: text.replace('"id": "stad",', '"id": "stad", "id": "stad",', 1),
    "trailing comma": lambda text: text.replace("]\n}", "],\n}", 1),
    "not a number": lambda text: text.replace('"fte": ', '"fte": NaN, "x": ', 1),
    "escaped control character": lambda text: text.replace('"name": "', '"name": "\\u0007', 3),
    "unicode escapes": lambda text: json.dumps(json.loads(text), ensure_ascii=True),
}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(units=st.integers(MIN_UNITS, 80), seed=st.integers(0, 10**6), taxonomy=st.booleans(),
       change=st.sampled_from(sorted(CHANGES)), text_change=st.sampled_from(sorted(TEXT_CHANGES)))
def test_quick_accepts_only_what_the_detailed_path_accepts(tmp_path, units, seed, taxonomy,
                                                           change, text_change):
    doc = CHANGES[change](synthetic_document(units, seed, taxonomy=taxonomy))
    text = TEXT_CHANGES[text_change](json.dumps(doc, ensure_ascii=False, indent=1))
    path = tmp_path / "city.json"
    path.write_text(text, encoding="utf-8")
    _assert_quick_agrees(path, valid=change in ("none", "dutch names of kinds") and text_change in (
        "none", "byte order mark", "unicode escapes"))


def _assert_quick_agrees(path: Path, valid: bool) -> None:
    """The quick path gives the detailed path's city or steps aside (never when ``valid``), and
    orggraph.load says exactly what the detailed path says."""
    detailed = _detailed(path)
    quick = load_quickly(path)
    if quick is not None:
        assert isinstance(detailed, City)
        _same_city(quick, detailed)
    if valid:
        assert quick is not None, "a valid file must take the quick path"
    try:
        loaded: City | list[str] = orggraph.load(path)
    except InvalidDataError as err:
        loaded = [str(p) for p in err.problems]
    assert loaded == detailed


def test_a_file_over_the_entry_limit_is_left_to_the_detailed_path(tmp_path):
    """The entry limit (100,000 plus 10 a written list or mapping) must still refuse a valid
    file: one person heading 120,000 units (one id, repeated) makes 120,000 entries in one list,
    far past the limit of a city of 60 units (some 300 lists and mappings)."""
    doc = synthetic_document(MIN_UNITS, 1)
    doc["people"][0]["heads"] = [doc["units"][1]["id"]] * 120_000
    path = tmp_path / "city.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert load_quickly(path) is None
    with pytest.raises(InvalidDataError) as caught:
        orggraph.load(path)
    assert "expands to" in str(caught.value.problems[0])


def _containers(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + sum(map(_containers, value.values()))
    if isinstance(value, list):
        return 1 + sum(map(_containers, value))
    return 0


def test_a_file_under_the_limit_but_over_the_quick_bound_is_counted_exactly(tmp_path):
    """Commas inside names count towards the quick bound (an overestimate); the exact count then
    decides, and the file still loads quickly. 120 names of 999 commas: 119,880 commas, past the
    bound of 100,000 + 9 × the lists and mappings of a 200-unit city (about a thousand), while
    the entries stay a few thousand."""
    doc = synthetic_document(200, 2)
    for unit in doc["units"][1:121]:
        unit["name"] = "," * 999  # names may be 1,000 characters long
    path = tmp_path / "city.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert path.read_bytes().count(b",") > 100_000 + 9 * _containers(doc)
    quick = load_quickly(path)
    assert quick is not None
    _same_city(quick, build_city(read_dataset(path)))


def test_only_single_json_or_yaml_files_take_the_quick_path(tmp_path):
    city = load_example("tiny")
    path = write_city(city, tmp_path / "tiny.yml")
    _same_city(load_quickly(path), _detailed(path))
    assert load_quickly(tmp_path) is None
    assert load_quickly(tmp_path / "missing.json") is None
    (tmp_path / "units.csv").write_text("id,name,kind\n", encoding="utf-8")
    assert load_quickly(tmp_path / "units.csv") is None


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(units=st.integers(MIN_UNITS, 60), seed=st.integers(0, 10**6), taxonomy=st.booleans(),
       change=st.sampled_from(sorted(CHANGES)), flow=st.sampled_from([False, True, None]),
       newline=st.sampled_from(["\n", "\r\n"]))
def test_quick_accepts_only_what_the_detailed_path_accepts_in_yaml(tmp_path, units, seed,
                                                                   taxonomy, change, flow,
                                                                   newline):
    from ruamel.yaml import YAML

    doc = CHANGES[change](synthetic_document(units, seed, taxonomy=taxonomy))
    yaml, out = YAML(typ="safe", pure=True), io.StringIO()
    yaml.default_flow_style = flow
    yaml.dump(doc, out)
    path = tmp_path / "city.yaml"
    path.write_bytes(out.getvalue().replace("\n", newline).encode("utf-8"))
    _assert_quick_agrees(path, valid=change in ("none", "dutch names of kinds"))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=5), children, max_size=4),
    max_leaves=20)


@given(JSON_VALUES)
def test_jiter_reads_json_as_the_standard_library_does(value):
    text = json.dumps(value, ensure_ascii=False)
    assert repr(jiter.from_json(text.encode(), catch_duplicate_keys=True, cache_mode="keys")) \
        == repr(json.loads(text))


@given(st.text(alphabet='{}[],:"\\ \n0123456789.eE+-truefalsnNIiy\x01\x9b\u00e9', max_size=30))
def test_what_jiter_accepts_the_standard_library_reads_alike(text):
    """The quick path trusts jiter only where it agrees; on anything it refuses the detailed
    path, with the standard library, decides."""
    try:
        value = jiter.from_json(text.encode(), catch_duplicate_keys=True, cache_mode="keys")
    except ValueError:
        return
    assert repr(json.loads(text)) == repr(value)


def _has_cycle_by_walking(parent: dict[str, str | None]) -> bool:
    for start in parent:
        seen, node = set(), start
        while node in parent:
            if node in seen:
                return True
            seen.add(node)
            node = parent[node]
    return False


@given(st.dictionaries(st.sampled_from("abcdefghij"), st.none() | st.sampled_from("abcdefghijk")))
def test_has_cycle_agrees_with_a_plain_walk(parent):
    assert has_cycle(parent) == _has_cycle_by_walking(parent)


def test_has_cycle_on_a_chain_longer_than_the_rounds_of_peeling():
    """A chain of 500 domains needs 500 rounds of peeling; the walk takes over after 64."""
    chain = {f"d{i}": f"d{i - 1}" if i else None for i in range(500)}
    assert not has_cycle(chain)
    chain["d0"] = "d499"
    assert has_cycle(chain)


# --- the graph: the same as networkx's own add_node / add_edge make ------------------------------


def _reference_graph(city: City, scenario: str | None = None) -> nx.MultiDiGraph:
    """The graph of the module docstring of orggraph.loaders.graph, built with networkx's public
    API one node at a time, then one edge at a time."""
    g = nx.MultiDiGraph()
    edges: list[tuple[str, str, str, dict[str, Any]]] = []

    def key(entity: str) -> str:
        return uid(city.id, entity, scenario)

    def node(entity: str, labels: set[str], **props: Any) -> None:
        extra = {"scenario": scenario} if scenario else {}
        g.add_node(key(entity), labels=labels, uid=key(entity), id=entity, city=city.id, **extra,
                   **{k: v for k, v in props.items() if v is not None})

    def edge(source: str, target: str, rel: str, **props: Any) -> None:
        edges.append((key(source), key(target), rel, props))

    info = city.city
    node(info.id, {"City"}, name=info.name, population=info.population,
         legislature=info.legislature, region=info.region, taxonomy=city.taxonomy,
         sources=list(info.sources) or None)
    for d in city.domains:
        node(d.id, {"Domain"}, name=d.name, bbc=list(d.bbc) or None)
        if d.parent:
            edge(d.id, d.parent, "PART_OF")
    for u in city.units:
        label = "".join(part.capitalize() for part in u.kind.value.split("_"))
        node(u.id, {"Unit", label}, name=u.name, kind=u.kind.value, fte=u.fte, budget=u.budget,
             support=u.support, legal_form=u.legal_form)
        edge(u.id, u.parent, "PART_OF") if u.parent else edge(u.id, info.id, "OF")
        for d in u.domains:
            edge(u.id, d, "WORKS_ON")
    for b in city.bodies:
        node(b.id, {"Body"}, name=b.name, kind=b.kind.value)
    for p in city.people:
        node(p.id, {"Person"}, name=p.name, role=p.role.value, party=p.party)
        for item in p.portfolio:
            edge(p.id, item.domain, "HOLDS", title=item.title)
        for rel, targets in (("STEERS", p.steers), ("HEADS", p.heads),
                             ("MEMBER_OF", p.member_of)):
            for t in targets:
                edge(p.id, t, rel)
    for c in city.challenges:
        node(c.id, {"Challenge"}, name=c.name)
    for prog in city.programmes:
        node(prog.id, {"Programme"}, name=prog.name, kind=prog.kind.value)
        if prog.lead:
            edge(prog.lead, prog.id, "LEADS")
        for u in prog.contributors:
            edge(u, prog.id, "CONTRIBUTES_TO")
        if prog.sponsor:
            edge(prog.sponsor, prog.id, "SPONSORS")
        for d in prog.domains:
            edge(prog.id, d, "COVERS")
        for c in prog.challenges:
            edge(prog.id, c, "ADDRESSES")
        for role in prog.partners:
            edge(role.partner, prog.id, "PARTNERS_IN", mode=role.mode.value)
    for partner in city.partners:
        node(partner.id, {"Partner"}, name=partner.name, sector=partner.sector.value,
             scope=partner.scope.value if partner.scope else None)
        if partner.relation is not None:
            edge(info.id, partner.id, "RELATES_TO",
                 **partner.relation.model_dump(exclude_none=True))
    for source, target, rel, props in edges:
        name, n = rel, 1
        while g.has_edge(source, target, name):
            n += 1
            name = f"{rel}#{n}"
        g.add_edge(source, target, key=name, type=rel,
                   **{k: v for k, v in props.items() if v is not None})
    return g


def _ordered(value: Any) -> Any:
    """Dicts as lists of items (so that order counts), sets sorted."""
    if isinstance(value, dict):
        return [(k, _ordered(v)) for k, v in value.items()]
    if isinstance(value, set):
        return sorted(value)
    if isinstance(value, list):
        return [_ordered(v) for v in value]
    return value


def _assert_same_graph(g: nx.MultiDiGraph, h: nx.MultiDiGraph) -> None:
    assert nx.utils.graphs_equal(g, h)
    assert _ordered(g._node) == _ordered(h._node)
    assert _ordered(g._succ) == _ordered(h._succ)
    assert _ordered(g._pred) == _ordered(h._pred)
    assert all(g._succ[u][v] is g._pred[v][u] for u, v in g.edges())


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_graph_of_every_example_is_the_one_networkx_builds(name):
    city = load_example(name)
    _assert_same_graph(to_networkx(city), _reference_graph(city))
    _assert_same_graph(to_networkx(city, "s"), _reference_graph(city, "s"))


@settings(max_examples=10, deadline=None)
@given(units=st.integers(MIN_UNITS, 300), seed=st.integers(0, 10**6), taxonomy=st.booleans())
def test_the_graph_of_a_synthetic_city_is_the_one_networkx_builds(units, seed, taxonomy):
    city = synthetic_city(units, seed, taxonomy=taxonomy)
    city.people[0].portfolio.append(city.people[0].portfolio[0])  # a second HOLDS: HOLDS#2
    _assert_same_graph(to_networkx(city), _reference_graph(city))
