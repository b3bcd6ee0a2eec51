"""Maps in a real headless Chromium with the network blocked: they draw, settle, and stay safe.

Each test launches the browser once or twice (a few seconds each), so there are few of them.
"""

from __future__ import annotations

import re

import pytest

from orggraph.examples import load_example
from orggraph.maps import render_map, vis_library_html, write_map
from orggraph.synth import synthetic_city

pytestmark = pytest.mark.browser

_CANVAS_BACKGROUND = (0xFB, 0xFC, 0xFD)  # .orggraph-canvas in map.css
_PANEL = 340  # px of side panel on the right of the screenshot


def drawn_share(png) -> float:
    """Return the share of the canvas area (left of the panel, above the status line) whose
    pixels differ from the canvas background."""
    width, height = png.width - _PANEL, png.height - 40
    drawn = sum(1 for row in png.rows[:height] for px in row[:width]
                if max(abs(a - b) for a, b in zip(px, _CANVAS_BACKGROUND, strict=True)) > 24)
    return drawn / (width * height)


def test_an_example_city_draws_offline(chromium, tmp_path):
    page = write_map(load_example("gent"), tmp_path / "gent.html", color_by="alderman")
    png = chromium.screenshot(page, tmp_path / "gent.png")
    # An empty canvas (a page still waiting for a CDN) has 0 %; Gent's map covers a few %
    # of it with nodes, lines and labels.
    assert drawn_share(png) > 0.01
    dom = chromium.dom(page)
    assert 'data-state="ready"' in dom
    assert "Transversality index" in dom  # the side panel was built by the page script


NASTY = {
    "cluster": "<script>document.title='pwned'</script>",
    "service": "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">",
    "person": "Zoë O'Brien \"de ‘Schepen’\" & Ümit",
    "city": "</script><script>document.body.setAttribute('data-pwned','2')</script>",
    "programme": "<b onmouseover=alert(1)>Café Été</b>",
}


def nasty_city():
    city = load_example("tiny").model_copy(deep=True)
    by_id = {u.id: u for u in city.units}
    by_id["cluster-ruimte"].name = NASTY["cluster"]
    by_id["dienst-wonen"].name = NASTY["service"]
    city.people[1].name = NASTY["person"]  # Bram Claes, an alderman: in the legend
    city.programmes[0].name = NASTY["programme"]
    city.city.name = NASTY["city"]
    return city


def test_names_render_as_text_and_run_no_script(chromium, tmp_path):
    city = nasty_city()
    pages = [write_map(city, tmp_path / f"{c}.html", color_by=c, title=NASTY["city"],
                       programme="jeugdzorgtraject") for c in ("cluster", "alderman")]
    by_cluster, by_alderman = (chromium.dom(p) for p in pages)
    for dom in (by_cluster, by_alderman):
        assert 'data-state="ready"' in dom  # the page script ran to the end
        # Had a name run as script, the body would carry data-pwned or the title be 'pwned'.
        assert not re.search(r"<body[^>]*data-pwned", dom) and "<title>pwned</title>" not in dom
        assert not re.search(r"<img[^>]*src=\"?x", dom)
        # The title as text in the side panel and the programme name in its section.
        assert "<h1>&lt;/script&gt;&lt;script&gt;document.body.setAttribute(" in dom
        assert "&lt;b onmouseover=alert(1)&gt;Café Été&lt;/b&gt;" in dom
    # Cluster names are in the cluster legend, member names in the alderman legend, as text.
    assert "<span>&lt;script&gt;document.title='pwned'&lt;/script&gt;</span>" in by_cluster
    assert "<span>Zoë O'Brien \"de ‘Schepen’\" &amp; Ümit (" in by_alderman  # "(n services)"


def test_a_2000_unit_city_settles(chromium, tmp_path):
    page = write_map(synthetic_city(2000, seed=1), tmp_path / "big.html", metrics={})
    # Virtual time: the check is that the layout finishes and freezes, not how fast (that is in
    # benchmarks/bench_map.py).
    dom = chromium.dom(page, budget_ms=120_000)
    assert 'data-state="ready"' in dom


def test_two_maps_share_one_page(chromium, tmp_path):
    tiny = load_example("tiny")
    body = (render_map(tiny, fragment=True, metrics={}, map_id="before")
            + render_map(tiny, fragment=True, metrics={}, map_id="after",
                         highlight={"dienst-wonen"}))
    page = tmp_path / "two.html"
    page.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'>{vis_library_html()}"
                    f"</head><body>{body}</body></html>", encoding="utf-8")
    dom = chromium.dom(page)
    assert len(re.findall(r'id="(?:before|after)"[^>]*data-state="ready"', dom)) == 2
    assert "changed in this scenario" in dom
