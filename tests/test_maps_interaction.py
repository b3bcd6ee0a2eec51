"""Maps in a real browser, driven like a reader would: click, search, focus, open, zoom.

Playwright drives the Debian Chromium (``tests/plugin_browser.py``); under ``CI=true`` a missing
browser or Playwright fails these tests instead of skipping them.
"""

from __future__ import annotations

import itertools

import pytest

from orggraph.examples import CITY_EXAMPLES, load_example
from orggraph.maps import COLLAPSE_ABOVE, render_map, vis_library_html, write_map
from orggraph.synth import synthetic_city
from tests.plugin_browser import read_png

pytestmark = pytest.mark.browser

#: The opacity the page gives to everything outside the focus (map.js DIM).
DIM = 0.12


def shown(map_page):
    """Ids of the nodes on the map now, with their opacity."""
    return map_page.run("(root) => Object.fromEntries(root.orggraph.nodes.get()"
                        ".map(n => [n.id, n.opacity === undefined ? 1 : n.opacity]))")


def click_node(map_page, node_id):
    """Click a node where it is drawn on the screen."""
    where = map_page.run("""(root, id) => {
        const net = root.orggraph.network, p = net.getPositions([id])[id];
        const dom = net.canvasToDOM(p), box = root.querySelector('canvas').getBoundingClientRect();
        return [box.left + dom.x, box.top + dom.y];
    }""", node_id)
    map_page.page.mouse.click(*where)


@pytest.mark.parametrize("name", [*CITY_EXAMPLES, "tiny"])
def test_every_example_map_runs_without_javascript_errors(open_map, tmp_path, name):
    for color_by in ("cluster", "alderman", "domain"):
        page = open_map(write_map(load_example(name), tmp_path / f"{color_by}.html",
                                  color_by=color_by, metrics={}))
        assert page.errors == []


def overlaps(boxes):
    """Pairs of boxes (left, top, right, bottom) that overlap by more than half a pixel."""
    return [(a, b) for (a, ra), (b, rb) in itertools.combinations(boxes.items(), 2)
            if min(ra[2], rb[2]) - max(ra[0], rb[0]) > 0.5
            and min(ra[3], rb[3]) - max(ra[1], rb[1]) > 0.5]


@pytest.mark.parametrize("name", [*CITY_EXAMPLES, "tiny"])
def test_no_two_visible_nodes_overlap_at_the_opening_view(open_map, tmp_path, name):
    """Read every node's drawn box (shape, and label) from vis-network itself; also check that
    the opening view of a 16:10 window shows all of them."""
    page = open_map(write_map(load_example(name), tmp_path / "map.html", metrics={}))
    found = page.run("""(root) => {
        const net = root.orggraph.network, out = {};
        for (const id of root.orggraph.nodes.getIds()) {
            const node = net.body.nodes[id];
            out[id] = {shape: [node.x - node.shape.width / 2, node.y - node.shape.height / 2,
                               node.x + node.shape.width / 2, node.y + node.shape.height / 2],
                       all: Object.values(net.getBoundingBox(id))};
        }
        const c = root.querySelector('canvas');
        const a = net.DOMtoCanvas({x: 0, y: 0});
        const b = net.DOMtoCanvas({x: c.clientWidth, y: c.clientHeight});
        return {nodes: out, view: [a.x, a.y, b.x, b.y]};
    }""")
    shapes = {k: v["shape"] for k, v in found["nodes"].items()}
    assert overlaps(shapes) == []
    labelled = {k: _ltrb(v["all"])
                for k, v in found["nodes"].items()}
    assert overlaps(labelled) == []
    left, top, right, bottom = found["view"]
    for node, (x0, y0, x1, y1) in shapes.items():
        assert left <= x0 and x1 <= right and top <= y0 and y1 <= bottom, node


def _ltrb(values):
    # getBoundingBox returns {top, left, right, bottom}.
    top, left, right, bottom = values
    return [left, top, right, bottom]


def test_click_focuses_a_node_and_its_neighbours_and_escape_resets(open_map, tmp_path):
    """tiny: the programme Kindvriendelijke buurt keeps its lead, contributors and partners (its
    edges' other ends, as vis-network reports them); everything else, people included, is
    dimmed."""
    page = open_map(write_map(load_example("tiny"), tmp_path / "tiny.html", metrics={}))
    target = "tiny:kindvriendelijke-buurt"
    click_node(page, target)
    opacity = shown(page)
    near = set(page.run("(root, id) => root.orggraph.network.getConnectedNodes(id)", target))
    assert opacity[target] == 1 and all(opacity[n] == 1 for n in near)
    dimmed = {n for n, o in opacity.items() if o == DIM}
    assert dimmed == set(opacity) - near - {target} and dimmed
    assert any(n.startswith("tiny:") and "peeters" in n for n in dimmed)  # a person dimmed too
    details = page.page.inner_text(".orggraph-details")
    assert "Kindvriendelijke buurt" in details and "kindvriendelijke-buurt" in details
    page.page.keyboard.press("Escape")
    assert set(shown(page).values()) == {1}
    assert page.page.inner_text(".orggraph-details") == ""


def test_reset_button_and_fit_button(open_map, tmp_path):
    page = open_map(write_map(load_example("gent"), tmp_path / "gent.html", metrics={}))
    start = page.run("(root) => root.orggraph.network.getScale()")
    page.run("(root) => root.orggraph.network.moveTo({scale: 3, position: {x: 0, y: 0}})")
    page.page.get_by_role("button", name="Fit", exact=True).click()
    assert page.run("(root) => root.orggraph.network.getScale()") == pytest.approx(start, rel=0.02)
    page.run("(root) => root.orggraph.focusKey('dep-hr')")
    assert DIM in shown(page).values()
    page.page.get_by_role("button", name="Reset", exact=True).click()
    assert set(shown(page).values()) == {1}


def test_legend_click_focuses_a_cluster_and_an_alderman(open_map, tmp_path):
    """Gent: the HR department's box has its 4 units; by alderman, a member's entry focuses the
    services they own (the count in the legend entry) and the member."""
    city = load_example("gent")
    page = open_map(write_map(city, tmp_path / "c.html", metrics={}))
    page.page.click(".orggraph-legend div[data-key='dep-hr']")
    kept = {n for n, o in shown(page).items() if o == 1}
    hr = {f"gent:{u.id}" for u in city.units if u.id == "dep-hr" or u.parent == "dep-hr"}
    assert kept == hr
    page = open_map(write_map(city, tmp_path / "a.html", color_by="alderman", metrics={}))
    row = page.page.locator(".orggraph-legend div[data-key='filip-watteeuw']")
    count = int(row.inner_text().split("(")[1].split()[0])
    row.click()
    kept = {n for n, o in shown(page).items() if o == 1}
    assert "gent:filip-watteeuw" in kept
    assert len(kept) == count + 1


def test_search_matches_names_and_ids_and_skips_hidden_nodes(open_map, tmp_path):
    page = open_map(write_map(load_example("gent"), tmp_path / "gent.html", metrics={}))
    box = page.page.locator("input[type=search]")
    box.fill("dep-hr")  # an id, not a name
    assert page.page.locator("ul.hits li").first.inner_text() == "Departement HR"
    box.fill("dienst")  # Gent has more than 12 units with "Dienst" in their name
    assert page.page.locator("ul.hits").first.locator("li").count() == 12
    assert "more" in page.page.inner_text(".more")
    box.fill("Watteeuw")
    assert page.page.locator("ul.hits").first.locator("li").count() == 1
    page.page.uncheck("input[data-layer=people]")
    box.fill("Watteeuw")
    assert page.page.locator("ul.hits").first.locator("li").count() == 0
    assert "nothing on the map matches" in page.page.inner_text(".more")


def test_big_cities_open_collapsed_and_expand_on_click(open_map, tmp_path):
    city = synthetic_city(COLLAPSE_ABOVE + 100, seed=4)
    page = open_map(write_map(city, tmp_path / "big.html", metrics={}))
    ids = set(shown(page))
    groups = sorted(i for i in ids if i.endswith("::group"))
    assert groups and not any(i.split(":")[1].startswith("dienst") for i in ids if "::" not in i)
    first = groups[0]
    click_node(page, first)
    after = set(shown(page))
    box = first.removesuffix("::group")
    members = page.run("(root, b) => JSON.parse(document.getElementById(root.id + '-data')"
                       ".textContent).nodes.filter(n => n.box === b).map(n => n.id)", box)
    assert first not in after and set(members) <= after
    page.page.get_by_role("button", name="Close all", exact=True).click()
    assert set(shown(page)) == ids


def test_programme_option_opens_the_map_focused(open_map, tmp_path):
    page = open_map(write_map(load_example("tiny"), tmp_path / "p.html", metrics={},
                              programme="kindvriendelijke-buurt"))
    opacity = shown(page)
    kept = {n for n, o in opacity.items() if o == 1}
    assert "tiny:kindvriendelijke-buurt" in kept and "tiny:dienst-jeugd" in kept
    assert "tiny:dienst-wonen" not in kept


def test_ctrl_wheel_zooms_a_report_map_and_the_wheel_scrolls_the_page(open_map, tmp_path):
    tiny = load_example("tiny")
    body = ("<div style='height:300px'></div>"
            + render_map(tiny, fragment=True, metrics={}, map_id="before")
            + "<div style='height:2000px'></div>")
    path = tmp_path / "report.html"
    path.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'>{vis_library_html()}"
                    f"</head><body>{body}</body></html>", encoding="utf-8")
    page = open_map(path)
    scale = page.run("(root) => root.orggraph.network.getScale()")
    box = page.page.locator("#before canvas").bounding_box()
    page.page.mouse.move(box["x"] + 100, box["y"] + 100)
    page.page.mouse.wheel(0, 400)
    page.page.wait_for_timeout(300)
    assert page.page.evaluate("window.scrollY") > 0
    assert page.run("(root) => root.orggraph.network.getScale()") == scale
    page.page.keyboard.down("Control")
    page.page.mouse.wheel(0, -200)
    page.page.keyboard.up("Control")
    page.page.wait_for_timeout(300)
    assert page.run("(root) => root.orggraph.network.getScale()") > scale


def test_force_layout_draws_cluster_boxes_without_errors(open_map, tmp_path):
    page = open_map(write_map(load_example("gent"), tmp_path / "force.html", layout="force",
                              metrics={}))
    assert page.errors == []
    assert page.run("(root) => root.orggraph.nodes.length") > 0


def test_download_png_saves_the_view(open_map, tmp_path):
    page = open_map(write_map(load_example("tiny"), tmp_path / "tiny.html", metrics={}))
    with page.page.expect_download() as caught:
        page.page.get_by_role("button", name="Download PNG").click()
    saved = tmp_path / "saved.png"
    caught.value.save_as(saved)
    assert saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and saved.stat().st_size > 5000


def test_a_shared_service_is_drawn_with_each_owners_colour(open_map, tmp_path):
    """tiny: staf-ruimte is owned by An Peeters and Bram Claes (see the colouring doctest); the
    pixels of its node, zoomed in, include both members' legend colours."""
    city = load_example("tiny")
    page = open_map(write_map(city, tmp_path / "a.html", color_by="alderman", metrics={}))
    colours = page.run("(root) => Object.fromEntries([...root.querySelectorAll("
                       "'.orggraph-legend div[data-key]')].map(d => [d.dataset.key, "
                       "d.dataset.fill]))")
    page.run("(root) => root.orggraph.network.focus('tiny:staf-ruimte', {scale: 4})")
    page.page.wait_for_timeout(200)
    shot = page.page.locator(".orggraph-canvas canvas").screenshot()
    path = tmp_path / "shot.png"
    path.write_bytes(shot)
    png = read_png(path)
    cx, cy = png.width // 2, png.height // 2
    # Inside the node only (its radius is over 12 px at this zoom), where no line is drawn.
    seen = {png.rows[y][x] for y in range(cy - 8, cy + 8) for x in range(cx - 8, cx + 8)}
    for member in ("an-peeters", "bram-claes"):
        rgb = tuple(int(colours[member][i:i + 2], 16) for i in (1, 3, 5))
        close = [px for px in seen if max(abs(a - b) for a, b in zip(px, rgb, strict=True)) <= 3]
        assert close, member


def test_printing_hides_the_controls_and_keeps_the_map_large(open_map, tmp_path):
    tiny = load_example("tiny")
    path = tmp_path / "report.html"
    path.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'>{vis_library_html()}"
                    f"</head><body>{render_map(tiny, fragment=True, metrics={}, map_id='m')}"
                    "</body></html>", encoding="utf-8")
    page = open_map(path)
    page.page.emulate_media(media="print")
    hidden = page.page.evaluate("""() => ['.orggraph-tools', 'input[type=search]',
        '.orggraph-status', 'h2.controls'].map(s => getComputedStyle(document.querySelector(s))
        .display)""")
    assert hidden == ["none"] * 4
    height = page.page.evaluate("document.querySelector('.orggraph-canvas').offsetHeight")
    assert height >= 500  # 16 cm at 96 dpi is 605 px: not shrunk to dots
    assert page.page.locator(".orggraph-legend").is_visible()
