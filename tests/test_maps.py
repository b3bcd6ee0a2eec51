"""Maps without a browser: content, offline-ness, escaping, legends, marks, atomic writes, CLI."""

from __future__ import annotations

import itertools
import json
import math
import os
import re
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from orggraph.cli import app
from orggraph.errors import ExportError, OrggraphError
from orggraph.examples import CITY_EXAMPLES, example_names, load_example
from orggraph.maps import (
    COLOR_BY,
    FREEZE_ABOVE,
    LAYOUTS,
    build_map,
    render_map,
    vis_library_html,
    write_map,
)
from orggraph.maps.build import unit_size
from orggraph.maps.html import json_block
from orggraph.maps.layout import depths, radial_positions
from orggraph.maps.palette import CHANGED_COLOUR, FOCUS_COLOUR, MIXED_COLOUR, text_on
from orggraph.schemas.dataset import City
from orggraph.synth import MIN_UNITS, synthetic_city

runner = CliRunner()
DATA_BLOCK = re.compile(r'<script type="application/json" id="([^"]+)-data">(.*?)</script>', re.S)
#: Ways an HTML page can pull in something from elsewhere.
REMOTE = re.compile(r"""(?:\b(?:src|href|action|poster|srcset|data)\s*=\s*["']?\s*(?:https?:)?//)"""
                    r"""|(?:url\(\s*["']?\s*(?:https?:)?//)|(?:@import)""", re.I)


class _Tags(HTMLParser):
    """Collect the start tags of a page as a browser's tokenizer sees them (scripts are opaque)."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(text: str) -> list[str]:
    """Return the names of the elements of an HTML page, in order."""
    return [t for t, _ in _Tags(text).tags]


def payloads(text: str) -> list[dict]:
    """Return the data blocks of every map in an HTML page."""
    return [json.loads(body) for _, body in DATA_BLOCK.findall(text)]


def hand_city() -> City:
    """A city small enough to check by hand.

    root (org, 4 fte) ── c1 (cluster, no fte) ── s1 (service, 100 fte, domain d1)
                                              └─ s2 (service, 25 fte, domains d1.1 and d2)
                      └─ c2 (cluster, 0 fte) ── s3 (service, 49 fte, no domain)
    College: Mia (alderman) holds d1, Ben (alderman) holds d2.
    So owners: s1 {Mia} (d1), s2 {Mia (d1.1 is under d1), Ben (d2)}, s3 {} (no domain).
    Programme p1: lead s1, contributors s3 → clusters c1 and c2.
    """
    return City.model_validate({
        "city": {"id": "hand", "name": "Handstad"},
        "domains": [{"id": "d1", "name": "Eén"}, {"id": "d1.1", "name": "Eén punt één",
                                                   "parent": "d1"},
                    {"id": "d2", "name": "Twee"}],
        "units": [
            {"id": "root", "name": "Stad", "kind": "organisation", "fte": 4},
            {"id": "c1", "name": "Cluster Eén", "kind": "cluster", "parent": "root"},
            {"id": "c2", "name": "Cluster Twee", "kind": "cluster", "parent": "root", "fte": 0},
            {"id": "s1", "name": "Dienst A", "kind": "service", "parent": "c1", "fte": 100,
             "domains": ["d1"]},
            {"id": "s2", "name": "Dienst B", "kind": "service", "parent": "c1", "fte": 25,
             "domains": ["d1.1", "d2"]},
            {"id": "s3", "name": "Dienst C", "kind": "service", "parent": "c2", "fte": 49},
        ],
        "people": [
            {"id": "mia", "name": "Mia", "role": "alderman",
             "portfolio": [{"title": "Een", "domain": "d1"}]},
            {"id": "ben", "name": "Ben", "role": "alderman",
             "portfolio": [{"title": "Twee", "domain": "d2"}]},
        ],
        "programmes": [{"id": "p1", "name": "Programma", "lead": "s1", "contributors": ["s3"]}],
        "partners": [{"id": "x", "name": "Partner X", "sector": "business"}],
    })


def node(data, entity: str, city: str = "hand") -> dict:
    return next(n for n in data.nodes if n["id"] == f"{city}:{entity}")


# --- what the map shows -----------------------------------------------------------------------

@pytest.mark.parametrize("name", [n for n in example_names() if n != "tiny-dir"])
def test_every_entity_of_an_example_is_on_the_map(name):
    city = load_example(name)
    (data,) = payloads(render_map(city, metrics={}))
    expected = {f"{city.id}:{e.id}": e.name for e in
                (*city.units, *city.people, *city.programmes, *city.partners)}
    assert {n["id"]: n["tip"][0] for n in data["nodes"]} == expected
    ids = {n["id"] for n in data["nodes"]}
    assert all(e["from"] in ids and e["to"] in ids for e in data["edges"])


def test_the_page_references_nothing_online():
    text = render_map(load_example("gent"), color_by="alderman", metrics={})
    assert not REMOTE.findall(text)
    found = _Tags(text).tags
    assert not any(attrs.get("src") or attrs.get("href") for _, attrs in found)
    assert "bootstrap" not in text.lower() and "cdn" not in text.lower()
    assert "sourceMappingURL" not in text
    # The four scripts a page needs: vis-network, the map code, the data, the start-up call.
    assert [t for t, _ in found if t == "script"] == ["script"] * 4
    assert {t for t, _ in found} == {"html", "head", "meta", "title", "style", "script", "body",
                                     "div"}


def test_sizes_follow_fte_by_area():
    """Radius 10 px + 30 px × sqrt(fte / max fte): s1 (100 of max 100) 40, s2 (25) 25, s3 (49)
    10 + 30 × 0.7 = 31, c1 (no fte) and c2 (0 fte) 10, root (4) 10 + 30 × 0.2 = 16."""
    data = build_map(hand_city())
    sizes = {e: node(data, e)["size"] for e in ("s1", "s2", "s3", "c1", "c2", "root")}
    assert sizes == {"s1": 40.0, "s2": 25.0, "s3": 31.0, "c1": 10.0, "c2": 10.0, "root": 16.0}


@given(st.floats(0, 1e6), st.floats(0, 1e6))
def test_a_bigger_unit_is_never_drawn_smaller(a, b):
    top = max(a, b, 1.0)
    assert (unit_size(a, top) <= unit_size(b, top)) == (a <= b) or math.isclose(
        unit_size(a, top), unit_size(b, top))


def test_colouring_by_alderman_marks_several_owners():
    """s1 is Mia's alone, s2 is Mia's and Ben's (split), s3 has no owner; see hand_city.
    So Mia holds 2 services, Ben 1 (shared only): both are in the legend."""
    data = build_map(hand_city(), color_by="alderman")
    legend = {e.label: e.fill for e in data.legend if e.section == "colour"}
    assert node(data, "s1")["color"]["background"] == legend["Mia (2 services)"]
    assert node(data, "s2")["color"]["background"] == MIXED_COLOUR
    assert node(data, "s2")["parts"] == [legend["Mia (2 services)"], legend["Ben (1 service)"]]
    assert node(data, "s2")["borderWidth"] > node(data, "s1")["borderWidth"]
    assert node(data, "s3")["color"]["background"] == legend["no college member"]
    assert "owners: Mia, Ben" in node(data, "s2")["tip"]


def test_colouring_by_domain_uses_top_level_domains():
    """s1 works for d1, s2 for d1.1 (top: d1) and d2: two top-level domains, so marked."""
    data = build_map(hand_city(), color_by="domain")
    legend = {e.label: e.fill for e in data.legend if e.section == "colour"}
    assert node(data, "s1")["color"]["background"] == legend["Eén (2 services)"]
    assert node(data, "s2")["color"]["background"] == MIXED_COLOUR
    assert node(data, "s2")["parts"] == [legend["Eén (2 services)"], legend["Twee (1 service)"]]
    assert "several top-level domains: a slice in each one's colour" in legend


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("color_by", COLOR_BY)
@pytest.mark.parametrize("name", ["tiny", "gent", "antwerpen"])
def test_the_legend_matches_the_colours_used(name, color_by, layout):
    (data,) = payloads(render_map(load_example(name), color_by=color_by, layout=layout,
                                  metrics={}))
    legend = data["legend"]
    units = [n for n in data["nodes"] if n["layer"] == "units"]
    fills = {n["color"]["background"] for n in units}
    fills |= {c for n in units for c in n.get("parts", [])}
    colours = [e["fill"] for e in legend if e["section"] == "colour"]
    assert fills == set(colours)
    assert len(colours) == len(set(colours))  # no two entries share a colour
    shapes = {e["key"]: e for e in legend if e["section"] == "shape" and e["key"]}
    for n in units:
        assert n["shape"] == shapes[n["kind"]]["shape"]
        assert shapes[n["kind"]]["width"] <= n["borderWidth"] + 0.5
    assert '"dashes"' not in json.dumps(data)  # dashed lines are slow to draw (bench_map.py)
    partner_fills = {e["fill"] for e in legend if e["section"] == "partner"}
    assert {n["color"]["background"] for n in data["nodes"]
            if n["layer"] == "partners"} == partner_fills
    if color_by == "alderman":  # college members wear the colour of their services
        colours = {e["key"]: e["fill"] for e in legend if e["section"] == "colour"}
        for n in data["nodes"]:
            if n["layer"] == "people" and n["keys"][0] in colours:
                assert n["color"]["background"] == colours[n["keys"][0]]


def test_programme_marks_its_span_across_clusters(tiny):
    """kindvriendelijke-buurt: lead dienst-jeugd (cluster Mens), contributors dienst-mobiliteit
    and staf-ruimte (cluster Ruimte): 3 units in 2 clusters."""
    data = build_map(tiny, programme="kindvriendelijke-buurt")
    assert data.panel["programme"]["units"] == 3
    assert data.panel["programme"]["clusters"] == ["Cluster Mens en Samenleving", "Cluster Ruimte"]
    marked = {n["id"].split(":")[1] for n in data.nodes if n.get("marked")}
    assert marked == {"dienst-jeugd", "dienst-mobiliteit", "staf-ruimte", "kindvriendelijke-buurt"}
    assert node(data, "dienst-jeugd", "tiny")["color"]["border"] == FOCUS_COLOUR
    assert data.settings["focus"] == "tiny:kindvriendelijke-buurt"  # the page opens focused
    assert any(e.section == "mark" and "Kindvriendelijke buurt" in e.label for e in data.legend)


def test_an_unknown_programme_is_refused_with_suggestions(tiny):
    with pytest.raises(OrggraphError, match="Did you mean 'klimaatplan'"):
        build_map(tiny, programme="klimaatplna")


def test_highlight_marks_changed_units(tiny):
    data = build_map(tiny, highlight={"dienst-wonen"})
    assert node(data, "dienst-wonen", "tiny")["color"]["border"] == CHANGED_COLOUR
    assert [e.label for e in data.legend if e.section == "mark"] == ["changed in this scenario"]
    with pytest.raises(OrggraphError, match="dienst-nope"):
        build_map(tiny, highlight={"dienst-nope"})


def test_the_side_panel_shows_the_headline_metrics(tiny):
    from orggraph.queries import HEADLINE_KEYS, metrics

    (data,) = payloads(render_map(tiny))
    shown = {row["key"]: row["value"] for row in data["panel"]["metrics"]}
    assert list(shown) == [k for k in HEADLINE_KEYS if k in metrics(tiny).metrics]
    assert shown["domains_split"] == "1"  # the tiny example's header works it out by hand


# --- safety -----------------------------------------------------------------------------------

NASTY = ["<script>document.title='pwned'</script>", "<img src=x onerror=alert(1)>",
         "O'Brien \"quoted\" & co", "Café Ëlégant ü ’t Stad", "</script><script>alert(2)//"]


def nasty_city() -> City:
    city = hand_city().model_copy(deep=True)
    for entity, name in zip((city.units[1], city.units[3], city.people[0], city.programmes[0],
                             city.partners[0]), NASTY, strict=True):
        entity.name = name
    city.city.name = NASTY[4]
    return city


def test_names_cannot_break_out_of_the_data_block():
    text = render_map(nasty_city(), title=NASTY[0], metrics={})
    assert tags(text).count("script") == 4 and "img" not in tags(text)
    assert "&lt;script&gt;document.title" in text  # the <title>, escaped as HTML
    (data,) = payloads(text)
    assert {n["tip"][0] for n in data["nodes"]} >= set(NASTY[:4])
    assert data["title"] == NASTY[0]


@given(st.text())
def test_json_block_is_inert_and_lossless(text):
    block = json_block({"name": text})
    assert not set("<>&") & set(block)
    assert json.loads(block) == {"name": text}


@given(st.from_regex(r"#[0-9a-f]{6}", fullmatch=True))
def test_label_text_is_the_more_readable_of_black_and_white(colour):
    def lum(c: str) -> float:
        def ch(v: int) -> float:
            v /= 255
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        r, g, b = (int(c[i:i + 2], 16) for i in (1, 3, 5))
        return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b)

    def contrast(a: str, b: str) -> float:
        hi, lo = sorted((lum(a), lum(b)), reverse=True)
        return (hi + 0.05) / (lo + 0.05)

    chosen = text_on(colour)
    other = "#ffffff" if chosen == "#111111" else "#111111"
    assert contrast(chosen, colour) >= contrast(other, colour)


# --- several maps on one page -----------------------------------------------------------------

def test_fragments_share_one_library(tiny):
    first = render_map(tiny, fragment=True, metrics={}, map_id="base")
    second = render_map(tiny, fragment=True, metrics={}, highlight={"dienst-wonen"},
                        map_id="scenario")
    assert "vis-network" not in first and tags(first).count("script") == 2
    library = vis_library_html()
    assert tags(library) == ["style", "script", "script"] and "vis-network 9.1.2" in library
    assert [m for m, _ in DATA_BLOCK.findall(first + second)] == ["base", "scenario"]
    with pytest.raises(ExportError):
        render_map(tiny, fragment=True, map_id='x" onload="alert(1)')


def test_default_map_ids_differ_between_options(tiny):
    ids = {DATA_BLOCK.findall(render_map(tiny, fragment=True, metrics={}, color_by=c))[0][0]
           for c in COLOR_BY}
    assert len(ids) == len(COLOR_BY)


# --- layout -----------------------------------------------------------------------------------

@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(MIN_UNITS, 160), st.integers(0, 10_000))
def test_radial_layout_places_every_unit_by_depth(n, seed):
    city = synthetic_city(n, seed)
    pos, depth = radial_positions(city), depths(city)
    assert set(pos) == {u.id for u in city.units}
    radii = {}
    for unit, (x, y) in pos.items():
        radii.setdefault(depth[unit], set()).add(round(math.hypot(x, y)))
    levels = sorted(radii)
    for shallow, deep in zip(levels, levels[1:], strict=False):
        assert max(radii[shallow]) < min(radii[deep])  # rings: deeper units further out


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(MIN_UNITS, 200), st.integers(0, 10_000), st.sampled_from(COLOR_BY))
def test_synthetic_maps_are_complete_and_consistent(n, seed, color_by):
    city = synthetic_city(n, seed)
    data = build_map(city, color_by=color_by)
    assert len(data.nodes) == (len(city.units) + len(city.people) + len(city.programmes)
                               + len(city.partners))
    ids = {x["id"] for x in data.nodes}
    assert all(e["from"] in ids and e["to"] in ids for e in data.edges)
    units = [x for x in data.nodes if x["layer"] == "units"]
    used = {x["color"]["background"] for x in units}
    used |= {c for x in units for c in x.get("parts", [])}
    legend = {e.fill for e in data.legend if e.section == "colour"}
    # Every colour drawn is explained; a member who only steers a non-service may add an entry.
    assert used <= legend
    if color_by == "cluster":
        assert used == legend


# --- writing ----------------------------------------------------------------------------------

def test_write_map_is_atomic(tmp_path, tiny, monkeypatch):
    target = tmp_path / "map.html"
    write_map(tiny, target, metrics={})
    before = target.read_bytes()
    with pytest.raises(OrggraphError):
        write_map(tiny, target, programme="nope")
    assert target.read_bytes() == before

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(ExportError, match="No space left"):
        write_map(tiny, target, color_by="alderman", metrics={})
    monkeypatch.undo()
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html"]


def test_written_map_is_readable_by_others(tmp_path, tiny):
    old = os.umask(0o022)
    try:
        path = write_map(tiny, tmp_path / "m.html", metrics={})
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o644


def test_write_map_into_a_missing_folder_says_so(tmp_path, tiny):
    with pytest.raises(ExportError, match="does not exist"):
        write_map(tiny, tmp_path / "nope" / "m.html", metrics={})


# --- command line -----------------------------------------------------------------------------

def test_cli_map_writes_a_page(tmp_path):
    from orggraph.examples import example_path

    out = tmp_path / "gent.html"
    result = runner.invoke(app, ["map", str(example_path("gent")), "--out", str(out),
                                 "--color-by", "alderman", "--layout", "hierarchy",
                                 "--title", "Gent <2024>"])
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output and out.exists()
    assert payloads(out.read_text(encoding="utf-8"))[0]["title"] == "Gent <2024>"


@pytest.mark.parametrize(("args", "code", "message"), [
    (["--programme", "klimaatplna"], 1, "Did you mean 'klimaatplan'"),
    (["--color-by", "party"], 2, "party"),
    (["--layout", "circle"], 2, "circle"),
])
def test_cli_map_bad_input(tmp_path, args, code, message):
    from orggraph.examples import example_path

    out = tmp_path / "m.html"
    result = runner.invoke(app, ["map", str(example_path("tiny")), "--out", str(out), *args])
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output and not out.exists()


def test_cli_map_of_an_invalid_dataset(tmp_path, write):
    bad = write("bad.yaml", "format: orggraph/1\ncity: {id: x, name: X}\nunits:\n"
                "  - {id: a, name: A, kind: spaceship}\n")
    result = runner.invoke(app, ["map", str(bad), "--out", str(tmp_path / "m.html")])
    assert result.exit_code == 1 and "problem" in result.output
    assert not (tmp_path / "m.html").exists()


def test_city_examples_all_render():
    for name in CITY_EXAMPLES:
        assert "orggraphMap(" in render_map(load_example(name), metrics={})



def test_small_maps_settle_in_the_browser(tiny):
    (data,) = payloads(render_map(tiny, metrics={}, layout="force"))
    assert data["settings"]["freeze"] is False and data["settings"]["n_nodes"] <= FREEZE_ABOVE


def test_big_maps_are_laid_out_before_the_browser_opens():
    city = synthetic_city(700, seed=2)
    (data,) = payloads(render_map(city, metrics={}, layout="force"))
    assert data["settings"]["n_nodes"] > FREEZE_ABOVE and data["settings"]["freeze"] is True
    assert all(isinstance(n.get("x"), float) and isinstance(n.get("y"), float)
               for n in data["nodes"])
    where = {n["id"]: (n["x"], n["y"]) for n in data["nodes"]}
    lengths = sorted(math.dist(where[e["from"]], where[e["to"]]) for e in data["edges"]
                     if e.get("physics", True))
    # force_positions scales the layout so that the median edge is 160 px (rounding aside).
    assert lengths[len(lengths) // 2] == pytest.approx(160, abs=1)


def test_demo_writes_the_map(tmp_path):
    result = runner.invoke(app, ["demo", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    (page,) = [p for p in tmp_path.glob("*.html") if "map" in p.name]
    assert page.name in result.output.replace("\n", "")  # the demo says where the map is
    assert payloads(page.read_text(encoding="utf-8"))


def test_orgchart_by_hand():
    """hand_city as an org chart. Cells are CELL_W × CELL_H.

    Box c1 holds c1 (head, top left) and its loose services s1, s2 on the same row: x steps of one
    cell. Box c2 holds c2 and s3. The bands run top to bottom: people (Mia, Ben), the root, the
    clusters, the programme p1, the partner x. No two nodes share a cell.
    """
    from orggraph.maps.orgchart import CELL_H, CELL_W

    (data,) = payloads(render_map(hand_city(), metrics={}))
    got = {n["id"].split(":")[1]: (n["x"], n["y"]) for n in data["nodes"]}
    assert got["s1"][0] - got["c1"][0] == CELL_W and got["s2"][0] - got["s1"][0] == CELL_W
    assert got["c1"][1] == got["s1"][1] == got["s2"][1]
    assert got["s3"][0] - got["c2"][0] == CELL_W and got["c2"][1] == got["s3"][1]
    assert got["mia"][1] < got["root"][1] < got["c1"][1] < got["p1"][1] < got["x"][1]
    cells = [(round(x / CELL_W, 3), round(y / CELL_H, 3)) for x, y in got.values()]
    assert len(set(cells)) == len(cells)
    boxes = {b["id"].split(":")[1]: b for b in data["boxes"]}
    assert boxes["c1"]["units"] == 3 and boxes["c2"]["units"] == 2
    for name in ("c1", "s1", "s2"):
        b, (x, y) = boxes["c1"], got[name]
        assert b["x"] < x < b["x"] + b["w"] and b["y"] < y < b["y"] + b["h"]


def test_maps_say_what_a_cluster_is():
    """Gent's top-level units: 10 of kind cluster, 12 others (cabinet, cell, agencies, OCMW...),
    as listed in examples/gent.yaml; the map header counts them apart."""
    city = load_example("gent")
    top = [u for u in city.units if u.parent == "stad-gent"]
    clusters = sum(u.kind.value == "cluster" for u in top)
    assert (clusters, len(top) - clusters) == (10, 12)
    (data,) = payloads(render_map(city, metrics={}))
    assert (f"{len(city.units)} units in 10 clusters and 12 other top-level units"
            in data["panel"]["subtitle"])
    legend = [e["label"] for e in data["legend"] if e["section"] == "colour"]
    assert "12 other top-level units (cabinet, cell, agency, OCMW...)" in legend


def test_big_cities_open_collapsed():
    from orggraph.maps import COLLAPSE_ABOVE

    small = payloads(render_map(load_example("gent"), metrics={}))[0]["settings"]
    big = payloads(render_map(synthetic_city(COLLAPSE_ABOVE + 1, seed=3), metrics={}))[0]
    assert small["collapsed"] is False and big["settings"]["collapsed"] is True
    assert sum(b["units"] for b in big["boxes"] if b["kind"] != "band") == COLLAPSE_ABOVE


@pytest.mark.parametrize("name", [n for n in example_names() if n != "tiny-dir"])
def test_the_alderman_legend_is_complete_and_shared_services_show_every_owner(name):
    """Owners as the metrics layer computes them (owners(s)): every member owning a service has
    a legend entry with that many services, and a service with several owners carries each
    owner's legend colour, in college order."""
    from orggraph.core import Core

    city = load_example(name)
    owners = Core(city).owners
    services = {u.id for u in city.units if u.kind.value in
                ("service", "staff", "strategic_cell", "agency")}
    held = {p.id: sum(p.id in owners.get(s, ()) for s in services) for p in city.college}
    data = build_map(city, color_by="alderman")
    legend = {e.key: e for e in data.legend if e.section == "colour"}
    for member in city.college:
        if held[member.id]:
            n = held[member.id]
            assert legend[member.id].label == f"{member.name} ({n} service{'s' * (n != 1)})"
    order = [p.id for p in city.college]
    for s in services:
        found = sorted(owners.get(s, ()), key=order.index)
        if len(found) > 1:
            assert node(data, s, city.id)["parts"] == [legend[p].fill for p in found]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(MIN_UNITS, 400), st.integers(0, 10_000))
def test_orgchart_gives_every_node_its_own_cell_inside_its_box(n, seed):
    """Invariants of the org chart at any size: one node per cell (cells are CELL_W × CELL_H and
    nodes sit at a fixed offset in theirs), every unit inside its cluster's box, no two boxes
    overlapping, and the whole about 16:10 (within a factor 2: shelves leave gaps)."""
    from orggraph.maps.orgchart import ASPECT, CELL_W

    (data,) = payloads(render_map(synthetic_city(n, seed), metrics={}))
    cells = {(n["x"], n["y"]) for n in data["nodes"]}
    assert len(cells) == len(data["nodes"])
    boxes = {b["id"]: b for b in data["boxes"]}
    for node in data["nodes"]:
        if node.get("box"):
            b = boxes[node["box"]]
            assert b["x"] < node["x"] < b["x"] + b["w"] and b["y"] < node["y"] < b["y"] + b["h"]
    for a, b in itertools.combinations(data["boxes"], 2):
        assert (a["x"] + a["w"] <= b["x"] or b["x"] + b["w"] <= a["x"]
                or a["y"] + a["h"] <= b["y"] or b["y"] + b["h"] <= a["y"])
    width = max(b["x"] + b["w"] for b in data["boxes"]) - min(b["x"] for b in data["boxes"])
    height = max(b["y"] + b["h"] for b in data["boxes"]) - min(b["y"] for b in data["boxes"])
    assert ASPECT / 2 <= width / height <= ASPECT * 2 or width <= 3 * CELL_W + 100


def test_info_and_the_map_use_the_same_words_for_clusters():
    """Gent: 10 clusters and 12 other top-level units (see test_maps_say_what_a_cluster_is), in
    `orggraph info` as on the map."""
    result = runner.invoke(app, ["info", "examples/gent.yaml"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "10 clusters (units of kind cluster) and 12 other top-level units" in result.output
    assert "Clusters and other top-level units" in result.output


def test_details_name_the_boundary_spanners_by_rank(tiny):
    """The metrics' five boundary spanners, in their order, carry their rank in the details."""
    from orggraph.queries import metrics

    result = metrics(tiny)
    (data,) = payloads(render_map(tiny, metrics=result))
    tips = {n["id"]: n["tip"] for n in data["nodes"]}
    for rank, row in enumerate(result.boundary_spanners, start=1):
        assert f"boundary spanner: #{rank} by betweenness ({row.betweenness:.3f})" in \
            tips[f"tiny:{row.id}"]
    assert sum("boundary spanner" in line for t in tips.values() for line in t) == len(
        result.boundary_spanners) > 0


@pytest.mark.parametrize("city", ["gent", "synthetic-2000"])
def test_every_box_title_has_room_above_it(city):
    # A title drawn above its box must not run into the shelf above at the zoom that fits the
    # map in a window: each box (but the top ones) has at least a title's height free above it.
    from orggraph.examples import load_example
    from orggraph.maps.orgchart import GAP
    from orggraph.maps.render import _lay_out
    from orggraph.synth import synthetic_city

    model = synthetic_city(2000, seed=1) if city.startswith("synthetic") else load_example(city)
    boxes = _lay_out(build_map(model))
    width = max(b["x"] + b["w"] for b in boxes)
    title = max(GAP, 13 * width / 1100 * 1.2)  # 13 px at a 1,100 px wide window, line height
    for b in boxes:
        above = [o["y"] + o["h"] for o in boxes if o is not b and o["y"] + o["h"] <= b["y"]
                 and o["x"] < b["x"] + b["w"] and o["x"] + o["w"] > b["x"]]
        if above:
            assert b["y"] - max(above) >= 0.75 * title, (b["label"], b["y"] - max(above), title)
