"""Static map pictures (SVG, PNG, PDF): they open, are not blank, and name every cluster."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zlib

import pytest
from typer.testing import CliRunner

from orggraph.cli import app
from orggraph.errors import ExportError
from orggraph.examples import load_example
from orggraph.maps.colouring import group_kinds
from orggraph.maps.static import static_map, write_static_map
from tests.plugin_browser import read_png

runner = CliRunner()


def svg_text(svg: bytes) -> str:
    """All the text of an SVG document, element by element (fonts are kept as text)."""
    root = ET.fromstring(svg)
    return "\n".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))


@pytest.mark.parametrize("name", ["tiny", "aalst", "gent"])
def test_svg_parses_and_names_every_cluster(name):
    city = load_example(name)
    text = svg_text(static_map(city, "svg"))
    names = {u.id: u.name for u in city.units}
    for group in group_kinds(city):
        assert names[group] in text, names[group]
    assert f"{city.city.name}: organisation map" in text


def test_svg_by_alderman_has_every_member_in_its_legend():
    city = load_example("aalst")
    text = svg_text(static_map(city, "svg", color_by="alderman"))
    for member in city.college:
        assert re.search(re.escape(member.name) + r" \(\d+ services?\)", text), member.name


def test_png_opens_and_is_not_blank(tmp_path):
    path = write_static_map(load_example("gent"), tmp_path / "gent.png")
    png = read_png(path)
    assert png.width == 2400  # 16 inches at 150 dpi
    inked = sum(1 for row in png.rows[::4] for px in row[::4] if min(px) < 200)
    assert inked / (len(png.rows[::4]) * len(png.rows[0][::4])) > 0.02


def pdf_streams(data: bytes) -> list[bytes]:
    """The decompressed content streams of a PDF (matplotlib writes them Flate-compressed)."""
    out = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            out.append(zlib.decompress(match.group(1)))
        except zlib.error:
            out.append(match.group(1))
    return out


def test_pdf_opens_and_is_not_blank(tmp_path):
    data = write_static_map(load_example("tiny"), tmp_path / "tiny.pdf").read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert len(re.findall(rb"/Type /Page\b", data)) == 1
    drawing = b"".join(pdf_streams(data))
    # Filled shapes ("f", or "B": fill and stroke) and text (BT ... ET) are drawn on the page:
    # the tiny example has 10 units, 4 people, 3 programmes and 4 partners.
    fills = len(re.findall(rb"(?m)^\s*[fB]\*?$", drawing))
    assert fills >= 21 and drawing.count(b"BT") >= 21


def test_same_map_same_svg():
    tiny = load_example("tiny")
    assert static_map(tiny, "svg") == static_map(tiny, "svg")


def test_unknown_format_is_refused():
    with pytest.raises(ExportError, match=r"\.svg, \.png or \.pdf"):
        static_map(load_example("tiny"), "gif")


def test_cli_writes_a_picture_by_extension(tmp_path):
    out = tmp_path / "aalst.svg"
    result = runner.invoke(app, ["map", "examples/aalst.yaml", "--out", str(out),
                                 "--color-by", "alderman"])
    assert result.exit_code == 0, result.output
    assert "Aalst" in svg_text(out.read_bytes())


def test_cli_refuses_an_unknown_extension(tmp_path):
    result = runner.invoke(app, ["map", "examples/tiny.yaml", "--out", str(tmp_path / "x.gif")])
    assert result.exit_code == 2
    assert ".svg, .png or .pdf" in result.output
    assert not list(tmp_path.iterdir())
