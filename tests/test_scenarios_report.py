"""The scenario report: self-contained, escaped, and readable in a real headless Chromium."""

from __future__ import annotations

import re

import pytest

from orggraph.examples import example_path
from orggraph.scenarios import Scenario, compare
from orggraph.scenarios.html_report import bar_chart, render_report, write_report

EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//"""
                      r"""|url\(\s*["']?\s*(?:https?:)?//|@import""", re.IGNORECASE)


def aalst_report(tmp_path, maps=True):
    scenarios = sorted((example_path("aalst").parent / "scenarios").glob("aalst-*.yaml"))
    return write_report(example_path("aalst"), scenarios, tmp_path / "aalst.html", maps=maps)


def test_the_report_loads_nothing_from_the_network(tmp_path):
    text = aalst_report(tmp_path).read_text(encoding="utf-8")
    assert not EXTERNAL.search(text)
    assert "<link" not in text.lower()
    # every headline chart is inline SVG, one per headline index
    assert text.count("<figure>") == 9 and text.count("<svg") >= 9


def test_names_from_the_data_are_escaped(mini):
    evil = "<script>alert(1)</script>"
    scenario = Scenario(name=evil, description=evil,
                        changes=[{"rename": {"id": "c1", "name": evil}}])
    text = render_report(compare(mini, [scenario]), maps=False)
    assert evil not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_a_chart_shows_the_base_and_every_scenario(mini):
    comparison = compare(mini, [Scenario(name="A"), Scenario(name="B", changes=[
        {"move": {"unit": "s1", "to": "c2"}}])])
    svg = bar_chart("transversality_index", comparison)
    widths = [float(w) for w in re.findall(r'<rect[^>]* width="([\d.]+)"', svg)]
    # the base and 'A' at 62.5 fill the whole bar width (150 px); 'B' at 0 gets a 1.5 px mark
    assert widths == [150.0, 150.0, 1.5]
    assert "Base (today)" in svg and ">A<" in svg and ">B<" in svg


@pytest.mark.browser
def test_the_report_opens_in_chromium_with_every_scenario_and_map(chromium, tmp_path):
    page = aalst_report(tmp_path)
    dom = chromium.dom(page)
    for name in ("Economy under one alderman", "Omgeving bundle", "All care with one alderman",
                 "MAT sponsors programmes"):
        assert name in dom
    assert len(re.findall(r'id="scenario-map-\d"[^>]*data-state="ready"', dom)) == 4
    png = chromium.screenshot(page, tmp_path / "aalst.png", size=(1300, 2400))
    assert png.width == 1300
